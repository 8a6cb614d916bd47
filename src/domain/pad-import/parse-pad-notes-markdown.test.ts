import { describe, expect, it } from 'vitest';
import { missingWords } from './import-coverage.ts';
import { parsePadNotes } from './parse-pad-notes.ts';

/** HedgeDoc: Markdown headings, numbered agenda, task list, owners in brackets, after an arrow or a colon. */
const hedgeDocCodev = [
  '# Cercle Codev – séance 4',
  '## Cercle des facilitateurs du Grand Est',
  '',
  'Date : jeudi 14 octobre 2021, 9h30-11h30',
  'Lieu : visio (lien BBB envoyé par mail)',
  '',
  '## Présent·es',
  '* Nadia BENALI (CNFPT)',
  '* Camille Roux',
  '* Marion Lefèvre',
  '* Paul Girard',
  '',
  '## Excusé·es',
  '* Julie Chabaud',
  '',
  '## Ordre du jour',
  '1. 9h30 - 9h45 : Accueil et météo',
  '2. 9h45 - 11h00 : Cas de Camille',
  '   * exposé du cas',
  '   * questions de clarification',
  '   * consultation',
  '3. 11h00 - 11h30 : Retour sur la méthode',
  '',
  '## Accueil et météo',
  'Soleil pour Nadia, nuageux pour Paul (trop de réunions).',
  '',
  '## Cas de Camille',
  'Comment embarquer les élus dans une démarche participative ?',
  'Pistes : partir des irritants, inviter un élu au prochain cercle.',
  '',
  '## Retour sur la méthode',
  'La phase de consultation était trop courte.',
  '',
  '## À faire',
  '- [ ] Envoyer le compte rendu (Camille)',
  '- [x] Réserver la salle pour la séance 5 → Nadia',
  '- Marion : proposer la date de la séance 5',
  '- Paul relance les participants du cercle arpentage',
  '',
  '## À communiquer',
  '- La séance 5 sera ouverte aux nouveaux membres.',
].join('\n');

/** Live notes without an agenda section: the timed headings are the agenda; bold title and headings. */
const timedHeadingsBoussoles = [
  '**Cercle des boussoles – atelier n°3**',
  'mardi 5 avril 2022',
  '',
  '**Participant·es :** Anne, Bruno, Chloé, Driss',
  '',
  '## 12h00 – Tour de météo',
  'Anne : soleil. Bruno : éclaircies. Chloé : orage (déménagement). Driss : grand beau.',
  '',
  '## 12h10 – Ma boussole de l’année',
  '- chacun a présenté ses 4 points cardinaux',
  '- beaucoup de « Nord » autour de la coopération',
  '',
  '## 12h45 – Clôture',
  'Très bonne séance, à refaire.',
  '',
  '**To-do**',
  '- Chloé envoie le modèle de boussole à tout le monde',
  '- Driss : préparer l’atelier n°4',
  '- Faire un retour au cercle des cercles (Anne et Bruno)',
].join('\n');

/** Sections in another order: synthesis first, participants last, times after the titles, links. */
const reorderedGironde = [
  '## Équipe d’animation Riposte Gironde — 2022-03-08',
  '',
  '### En synthèse',
  '- On garde le rythme mensuel du cercle des cercles.',
  '- Le wiki Riposte Gironde est en ligne.',
  '',
  '### Ordre du jour',
  '- Tour de météo (9:30-9:45)',
  '- Bilan du wiki (9:45-10:15)',
  '  - fréquentation',
  '  - prochaines pages',
  '- Préparation du cercle des cercles (10:15-10:30)',
  '',
  '### Notes communes',
  '**Bilan du wiki**',
  'Environ 300 visites en février. Les pages les plus lues : agenda et annuaire des cercles.',
  'Voir <https://wiki.ripostegironde.fr/stats> et https://framadate.org/abc123',
  '',
  '**Préparation du cercle des cercles :**',
  'Ordre de passage à caler.',
  '',
  '### Participants',
  '- Franck W.',
  '- Hélène MOREL',
  '- Sophie Martin',
  '',
  '### Actions',
  '- mettre à jour l’annuaire',
  '- écrire la page « Rejoindre un cercle »',
  'Hélène prend en charge ces points.',
  '- Sophie : caler l’ordre de passage',
].join('\n');

function agendaOf(text: string) {
  return parsePadNotes(text).agenda.map(({ title, startTime, endTime }) => [title, startTime, endTime]);
}

function actionsOf(text: string) {
  return parsePadNotes(text).actions.map(({ title, ownerNames, isDone }) => ({ title, ownerNames, isDone }));
}

describe('parsePadNotes on Markdown pads (HedgeDoc style)', () => {
  it('reads a HedgeDoc pad with Markdown headings and a task list', () => {
    const session = parsePadNotes(hedgeDocCodev);
    expect(session).toMatchObject({
      title: 'Cercle Codev – séance 4',
      subtitle: 'Cercle des facilitateurs du Grand Est',
      date: '2021-10-14',
      announcements: ['La séance 5 sera ouverte aux nouveaux membres.'],
      unplaced: ['Lieu : visio (lien BBB envoyé par mail)'],
      notes: 'Lieu : visio (lien BBB envoyé par mail)',
    });
    expect(session.participants).toEqual([
      { name: 'Nadia Benali', status: 'present', detail: 'CNFPT' },
      { name: 'Camille Roux', status: 'present', detail: null },
      { name: 'Marion Lefèvre', status: 'present', detail: null },
      { name: 'Paul Girard', status: 'present', detail: null },
      { name: 'Julie Chabaud', status: 'excused', detail: null },
    ]);
    expect(agendaOf(hedgeDocCodev)).toEqual([
      ['Accueil et météo', '09:30', '09:45'],
      ['Cas de Camille', '09:45', '11:00'],
      ['Retour sur la méthode', '11:00', '11:30'],
    ]);
    expect(session.agenda[1]?.children).toEqual([
      'exposé du cas',
      'questions de clarification',
      'consultation',
    ]);
    expect(session.agenda[1]?.notes).toBe(
      'Comment embarquer les élus dans une démarche participative ?\nPistes : partir des irritants, inviter un élu au prochain cercle.',
    );
    expect(actionsOf(hedgeDocCodev)).toEqual([
      { title: 'Envoyer le compte rendu', ownerNames: ['Camille Roux'], isDone: false },
      { title: 'Réserver la salle pour la séance 5', ownerNames: ['Nadia Benali'], isDone: true },
      { title: 'proposer la date de la séance 5', ownerNames: ['Marion Lefèvre'], isDone: false },
      {
        title: 'Paul relance les participants du cercle arpentage',
        ownerNames: ['Paul Girard'],
        isDone: false,
      },
    ]);
  });

  it('takes timed headings for the agenda when the pad has no agenda section', () => {
    const session = parsePadNotes(timedHeadingsBoussoles);
    expect(session).toMatchObject({ title: 'Cercle des boussoles – atelier n°3', date: '2022-04-05' });
    expect(session.participants.map((participant) => participant.name)).toEqual([
      'Anne',
      'Bruno',
      'Chloé',
      'Driss',
    ]);
    expect(agendaOf(timedHeadingsBoussoles)).toEqual([
      ['Tour de météo', '12:00', null],
      ['Ma boussole de l’année', '12:10', null],
      ['Clôture', '12:45', null],
    ]);
    expect(session.agenda[1]?.notes).toBe(
      '- chacun a présenté ses 4 points cardinaux\n- beaucoup de « Nord » autour de la coopération',
    );
    expect(actionsOf(timedHeadingsBoussoles)).toEqual([
      { title: 'Chloé envoie le modèle de boussole à tout le monde', ownerNames: ['Chloé'], isDone: false },
      { title: 'préparer l’atelier n°4', ownerNames: ['Driss'], isDone: false },
      { title: 'Faire un retour au cercle des cercles', ownerNames: ['Anne', 'Bruno'], isDone: false },
    ]);
  });

  it('reads sections in another order, times after titles and bold note headings', () => {
    const session = parsePadNotes(reorderedGironde);
    expect(session).toMatchObject({
      title: 'Équipe d’animation Riposte Gironde — 2022-03-08',
      date: '2022-03-08',
      synthesis: [
        'On garde le rythme mensuel du cercle des cercles.',
        'Le wiki Riposte Gironde est en ligne.',
      ],
      notes: '',
      unplaced: [],
    });
    expect(session.participants.map((participant) => participant.name)).toEqual([
      'Franck W.',
      'Hélène Morel',
      'Sophie Martin',
    ]);
    expect(agendaOf(reorderedGironde)).toEqual([
      ['Tour de météo', '09:30', '09:45'],
      ['Bilan du wiki', '09:45', '10:15'],
      ['Préparation du cercle des cercles', '10:15', '10:30'],
    ]);
    expect(session.agenda[1]?.notes).toContain(
      '<https://wiki.ripostegironde.fr/stats> et https://framadate.org/abc123',
    );
    expect(session.agenda[2]?.notes).toBe('Ordre de passage à caler.');
    expect(actionsOf(reorderedGironde)).toEqual([
      { title: 'mettre à jour l’annuaire', ownerNames: ['Hélène Morel'], isDone: false },
      { title: 'écrire la page « Rejoindre un cercle »', ownerNames: ['Hélène Morel'], isDone: false },
      { title: 'caler l’ordre de passage', ownerNames: ['Sophie Martin'], isDone: false },
    ]);
  });

  it.each([
    ['HedgeDoc', hedgeDocCodev],
    ['timed headings', timedHeadingsBoussoles],
    ['reordered', reorderedGironde],
  ])('loses no word of the %s pad', (_, text) => {
    expect(missingWords(text, parsePadNotes(text))).toEqual([]);
  });
});
