import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingWords } from './import-coverage.ts';
import { parsePadNotes } from './parse-pad-notes.ts';

const seed = readFileSync(new URL('../../../fixtures/seed-meeting-2021-06-15.txt', import.meta.url), 'utf8');

describe('parsePadNotes on the seed meeting of 15 June 2021', () => {
  const session = parsePadNotes(seed);

  it('reads the title, the subtitle and the date', () => {
    expect(session.title).toBe("Stratégie d'animation de la communauté");
    expect(session.subtitle).toBe("cercles d'apprentissage et d'entraide");
    expect(session.date).toBe('2021-06-15');
    expect(session.dateText).toBe('Réunion du 15 juin 2021');
  });

  it('reads the eight participants, present, their names in display case', () => {
    expect(session.participants).toEqual(
      [
        'Florent Merlet',
        'Philippe Gambier',
        'Thierry Ambrosini',
        'Sandrine Demoulin-Noirclerc',
        'Bernard Alix',
        'Isabelle Cazaunau',
        'Bruno Ach',
        'Julie Chabaud',
      ].map((name) => ({ name, status: 'present', detail: null })),
    );
  });

  it('reads the five time-boxed agenda items and their sub-items', () => {
    expect(
      session.agenda.map(({ title, startTime, endTime, children }) => ({
        title,
        startTime,
        endTime,
        children,
      })),
    ).toEqual([
      { title: 'Un tour de météo', startTime: '12:00', endTime: '12:10', children: [] },
      {
        title: 'Retour sur le Cercle des cercles',
        startTime: '12:10',
        endTime: '12:30',
        children: [
          'Présentation des idées qui ont émergées (Tableau klaxoon : <https://app.klaxoon.com/join/WHJ6HCS>)',
          'Quels sont nos prochains pas ? Post-it BLEU',
          'Doit-on avoir une nouvelle séance de travail pour creuser des pistes ?',
        ],
      },
      {
        title: "Retour sur l'abécédaire du 31 et suites",
        startTime: '12:30',
        endTime: '12:40',
        children: [
          'ABCD',
          'On lance la suite ?',
          'Travail sur les définitions du point de vue de la riposte, argumentaire',
        ],
      },
      {
        title: "Mise en place d'un retour d'expérience des cercles d'apprentissage (fin septembre ?)",
        startTime: '12:40',
        endTime: '12:50',
        children: [],
      },
      {
        title: "Comment évaluer les cercles d'apprentissage ?",
        startTime: '12:50',
        endTime: '13:00',
        children: ['Qui veut y travailler ?'],
      },
    ]);
  });

  it('attaches each shared-notes section to the agenda item it names', () => {
    const [weather, circles, glossary, feedback, evaluation] = session.agenda.map((item) => item.notes);
    expect(weather).toBe('');
    expect(circles?.startsWith('Cercle Codev : 12 participants, bonne dynamique')).toBe(true);
    expect(circles).toContain('\n\nQui porte la Riposte le jour j ?\n\n');
    expect(circles?.endsWith("pour que la Base et Nouvelle Aquitaine soit terrain d'apprentissage.")).toBe(
      true,
    );
    expect(circles?.split('\n\n')).toHaveLength(11);
    expect(glossary).toBe(
      [
        'Après vote de la communauté :',
        '',
        '- **A :**',
        ' - Altérité',
        ' - Apprendre ensemble (Apprenance)',
        ' - Archipel',
        '- **B :**',
        ' - Bienveillant',
        ' - Biomimetisme',
        ' - Boussoles',
        '- **C :**',
        ' - Communauté',
        ' - Coopération ouverte',
        ' - Créativité',
        '- **D :**',
        ' - Démocratie',
        ' - Désir',
        ' - Diffusion',
      ].join('\n'),
    );
    expect(feedback).toBe(
      '- Qui veut y travailler ? Inscrivez-vous ici :\n\nOrganisation de deux séances de travail (framadate ?)',
    );
    expect(evaluation).toBe('- Qui veut y travailler ? Inscrivez-vous ici :');
    expect(session.notes).toBe('');
  });

  it('reads the five points of the synthesis', () => {
    expect(session.synthesis).toEqual([
      'proposer un évènement distancié, virtuel, pour inspirer en amont des universités',
      "portage local de la dynamique de la Riposte ; intégrer l'équipe de l'organisation de l'Université locale pour influencer.",
      "porter un défi avec des questions relatives à la Riposte en lien avec le sujet de l'université",
      'en septembre : REX avec facilitateur.trices, membres des cercles, agents CNFPT qui souhaitent découvrir les cercles. Reconduite ou déploiement.',
      'fin cercle des boussoles en septembre.',
    ]);
  });

  it('reads the next steps, owned by Bernard Alix and Florent Merlet', () => {
    expect(session.actions.map(({ title, ownerNames }) => ({ title, ownerNames }))).toEqual([
      { title: 'abécédaire (gros travail) et dernière séquence Boussole', ownerNames: ['Bernard Alix'] },
      { title: 'évaluation au sein des cercles', ownerNames: ['Bernard Alix'] },
      { title: 'scénario pédagogique du REX', ownerNames: ['Bernard Alix'] },
      { title: 'Florent nous envoie des propositions de dates de travail.', ownerNames: ['Florent Merlet'] },
    ]);
    expect(session.actions[0]?.sourceLines).toEqual([
      '- abécédaire (gros travail) et dernière séquence Boussole',
      'Bernard OK pour travailler sur ces points.',
    ]);
    expect(session.actions.every((action) => !action.isDone)).toBe(true);
  });

  it('reads the community vote of the glossary, four letters of three words', () => {
    expect(session.votes).toEqual([
      {
        title: "Retour sur l'abécédaire du 31 et suites",
        sections: [
          { label: 'A', options: ['Altérité', 'Apprendre ensemble (Apprenance)', 'Archipel'] },
          { label: 'B', options: ['Bienveillant', 'Biomimetisme', 'Boussoles'] },
          { label: 'C', options: ['Communauté', 'Coopération ouverte', 'Créativité'] },
          { label: 'D', options: ['Démocratie', 'Désir', 'Diffusion'] },
        ],
      },
    ]);
  });

  it('has nothing to announce, places every line, and names the sections it recognised', () => {
    expect(session.announcements).toEqual([]);
    expect(session.unplaced).toEqual([]);
    expect(session.headings).toEqual([
      'Participants',
      'Ordre du jour',
      'Notes communes',
      'Retour sur le Cercle des cercles',
      'SYNTHESE',
      'PROCHAINS PAS',
      "Retour sur l'abécédaire du 31 et suites",
      "Mise en place d'un retour d'expérience des cercles d'apprentissage fin septembre ?",
      "Comment évaluer les cercles d'apprentissage ?",
      'To-do list',
      'A communiquer',
    ]);
  });

  it('loses no word of the pad', () => {
    expect(missingWords(seed, session)).toEqual([]);
  });

  it('reads the same meeting from a Windows pad with a BOM and tab indentation', () => {
    const windows = `\uFEFF${seed.replace(/^ - /gm, '\t- ').replace(/\n/g, '\r\n')}`;
    // Notes keep the indentation as written: only the vote list's tabs differ from the seed.
    const imported = JSON.stringify(parsePadNotes(windows)).replaceAll('\\t- ', ' - ');
    expect(JSON.parse(imported)).toEqual(session);
  });
});
