import { describe, expect, it } from 'vitest';
import { missingWords } from './import-coverage.ts';
import { parsePadNotes } from './parse-pad-notes.ts';

/** Etherpad exported on Windows: BOM, CRLF, tabs, "•" bullets, capital headings, one-line lists, a one-line vote. */
const etherpadArpentage = `\uFEFF${[
  'Cercle arpentage – « Le pouvoir d’agir »',
  'Séance du 02/12/2021',
  '',
  'Présents : Sophie Martin, Karim Haddad, léa dupuis, Thomas VIDAL',
  'Absents excusés : Hélène Morel',
  '',
  'ODJ',
  '•\tde 14h00 à 14h15 : Inclusion',
  '•\tde 14h15 à 15h15 : Restitution des chapitres',
  '\t•\tchapitre 1 : Karim',
  '\t•\tchapitre 2 : Léa',
  '•\tde 15h15 à 15h30 : Choix du prochain livre',
  '',
  'NOTES',
  'Inclusion : chacun dit un mot sur son état d’esprit. Mots : curieuse, fatigué, enthousiaste.',
  '',
  'Choix du prochain livre',
  'Résultat du vote :',
  'A : « Sociologie de l’expérience », « Le travail social »',
  'B : « La fabrique des communs »',
  '',
  'EN SYNTHÈSE',
  '•\tL’arpentage fonctionne bien en visio avec un tableau partagé.',
  '•\tPrévoir 2h la prochaine fois.',
  '',
  'PROCHAINES ÉTAPES',
  '•\tCommander les livres (Sophie)',
  '•\tKarim se charge de la salle',
].join('\r\n')}\r\n`;

/** No title, bare-line agenda, notes without a heading, an unknown section, an unplaced line. */
const bareForumOuvert = [
  'Participants',
  'Élodie Ferrand, Marc Aubert, Yasmine Kaci',
  'Bonne énergie malgré la chaleur',
  '',
  'Programme',
  'Point d’étape forum ouvert',
  'Communication',
  'Questions diverses',
  '',
  'Point d’étape forum ouvert',
  '12 sujets proposés sur le mur. Il manque des facilitateurs pour l’après-midi.',
  '',
  'Communication',
  'Affiche validée. Relayer sur le wiki et la liste de diffusion.',
  '',
  'DIVERS',
  'Marc part en congés du 1er au 15 août.',
  '',
  'Synthèse',
  '+ forum maintenu le 23 septembre',
  '+ besoin de 4 facilitateurs',
  '',
  'À faire',
  '- trouver 4 facilitateurs',
  '- finaliser le programme',
  'Yasmine s’occupe de ça.',
  '',
  'A communiquer : inscriptions ouvertes jusqu’au 10 septembre',
].join('\n');

function agendaOf(text: string) {
  return parsePadNotes(text).agenda.map(({ title, startTime, endTime }) => [title, startTime, endTime]);
}

function actionsOf(text: string) {
  return parsePadNotes(text).actions.map(({ title, ownerNames, isDone }) => ({ title, ownerNames, isDone }));
}

describe('parsePadNotes on plain-text pads (Etherpad style)', () => {
  it('reads an Etherpad export with a BOM, CRLF, tabs, capital headings and a one-line vote', () => {
    const session = parsePadNotes(etherpadArpentage);
    expect(session).toMatchObject({
      title: 'Cercle arpentage – « Le pouvoir d’agir »',
      subtitle: null,
      date: '2021-12-02',
      synthesis: [
        'L’arpentage fonctionne bien en visio avec un tableau partagé.',
        'Prévoir 2h la prochaine fois.',
      ],
      notes: '',
      unplaced: [],
    });
    expect(session.participants.map(({ name, status }) => `${name} (${status})`)).toEqual([
      'Sophie Martin (present)',
      'Karim Haddad (present)',
      'Léa Dupuis (present)',
      'Thomas Vidal (present)',
      'Hélène Morel (excused)',
    ]);
    expect(agendaOf(etherpadArpentage)).toEqual([
      ['Inclusion', '14:00', '14:15'],
      ['Restitution des chapitres', '14:15', '15:15'],
      ['Choix du prochain livre', '15:15', '15:30'],
    ]);
    expect(session.agenda[1]?.children).toEqual(['chapitre 1 : Karim', 'chapitre 2 : Léa']);
    expect(session.agenda[0]?.notes).toBe(
      'chacun dit un mot sur son état d’esprit. Mots : curieuse, fatigué, enthousiaste.',
    );
    expect(session.votes).toEqual([
      {
        title: 'Choix du prochain livre',
        sections: [
          { label: 'A', options: ['« Sociologie de l’expérience »', '« Le travail social »'] },
          { label: 'B', options: ['« La fabrique des communs »'] },
        ],
      },
    ]);
    expect(actionsOf(etherpadArpentage)).toEqual([
      { title: 'Commander les livres', ownerNames: ['Sophie Martin'], isDone: false },
      { title: 'Karim se charge de la salle', ownerNames: ['Karim Haddad'], isDone: false },
    ]);
  });

  it('reads a pad without title, with a bare agenda, and keeps what it cannot place', () => {
    const session = parsePadNotes(bareForumOuvert);
    expect(session).toMatchObject({
      title: null,
      date: null,
      synthesis: ['forum maintenu le 23 septembre', 'besoin de 4 facilitateurs'],
      announcements: ['inscriptions ouvertes jusqu’au 10 septembre'],
      unplaced: ['Bonne énergie malgré la chaleur'],
      notes: 'Bonne énergie malgré la chaleur\n\nDIVERS\nMarc part en congés du 1er au 15 août.',
    });
    expect(session.participants.map((participant) => participant.name)).toEqual([
      'Élodie Ferrand',
      'Marc Aubert',
      'Yasmine Kaci',
    ]);
    expect(session.agenda.map((item) => [item.title, item.notes])).toEqual([
      [
        'Point d’étape forum ouvert',
        '12 sujets proposés sur le mur. Il manque des facilitateurs pour l’après-midi.',
      ],
      ['Communication', 'Affiche validée. Relayer sur le wiki et la liste de diffusion.'],
      ['Questions diverses', ''],
    ]);
    expect(actionsOf(bareForumOuvert)).toEqual([
      { title: 'trouver 4 facilitateurs', ownerNames: ['Yasmine Kaci'], isDone: false },
      { title: 'finaliser le programme', ownerNames: ['Yasmine Kaci'], isDone: false },
    ]);
  });

  it.each([
    ['Etherpad', etherpadArpentage],
    ['bare', bareForumOuvert],
  ])('loses no word of the %s pad', (_, text) => {
    expect(missingWords(text, parsePadNotes(text))).toEqual([]);
  });
});
