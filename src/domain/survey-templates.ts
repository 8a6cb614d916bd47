import type { QuestionKind, SurveyQuestion } from './survey.ts';

/** The questionnaires every community has from the start, in both languages. */
export const builtInTemplateIds = ['circle-evaluation', 'session-weather', 'facilitator-feedback'] as const;
export type BuiltInTemplateId = (typeof builtInTemplateIds)[number];

type Words = { fr: string; en: string };
interface TemplateQuestion {
  id: string;
  kind: QuestionKind;
  text: Words;
  section?: Words;
  required?: boolean;
  options?: Words[];
  minLabel?: Words;
  maxLabel?: Words;
}
interface BuiltInTemplate {
  title: Words;
  description: Words;
  questions: TemplateQuestion[];
}

const w = (fr: string, en: string): Words => ({ fr, en });
const agree = {
  minLabel: w('Pas du tout d’accord', 'Strongly disagree'),
  maxLabel: w('Tout à fait d’accord', 'Strongly agree'),
};

const templates: Record<BuiltInTemplateId, BuiltInTemplate> = {
  'circle-evaluation': {
    title: w('Évaluation d’un cercle d’apprentissage', 'Evaluating a learning circle'),
    description: w(
      'À proposer aux membres à la fin d’un cycle : les effets sur la pratique, le groupe, ce qui a freiné, ce qui a été appris, le ressenti.',
      'For members at the end of a cycle: effects on practice, the group, what got in the way, what was learnt, how it felt.',
    ),
    questions: [
      {
        id: 'practice',
        kind: 'scale',
        section: w('Effets sur ma pratique', 'Effects on my practice'),
        text: w('Le cercle a changé ma façon de travailler', 'The circle changed the way I work'),
        required: true,
        ...agree,
      },
      {
        id: 'practice-example',
        kind: 'text',
        section: w('Effets sur ma pratique', 'Effects on my practice'),
        text: w('Un exemple de ce que j’ai changé ou essayé', 'An example of something I changed or tried'),
      },
      {
        id: 'group-trust',
        kind: 'scale',
        section: w('Le groupe et la coopération', 'The group and cooperation'),
        text: w(
          'Je me suis senti·e libre de partager mes difficultés',
          'I felt free to share my difficulties',
        ),
        required: true,
        ...agree,
      },
      {
        id: 'group-help',
        kind: 'scale',
        section: w('Le groupe et la coopération', 'The group and cooperation'),
        text: w('L’entraide entre membres a bien fonctionné', 'Members helped one another well'),
        required: true,
        ...agree,
      },
      {
        id: 'obstacles',
        kind: 'multiple',
        section: w('Ce qui a freiné', 'What got in the way'),
        text: w('Qu’est-ce qui a freiné votre participation ?', 'What got in the way of taking part?'),
        options: [
          w('Le manque de temps', 'Lack of time'),
          w('Les déplacements', 'Travelling'),
          w('L’accord de ma hiérarchie', 'My managers’ approval'),
          w('Les outils en ligne', 'The online tools'),
          w('Le rythme des séances', 'The pace of the sessions'),
          w('Rien de particulier', 'Nothing in particular'),
        ],
      },
      {
        id: 'obstacles-other',
        kind: 'text',
        section: w('Ce qui a freiné', 'What got in the way'),
        text: w('Autre chose a freiné ? Dites-le', 'Anything else in the way? Tell us'),
      },
      {
        id: 'learnt',
        kind: 'text',
        section: w('Ce que j’ai appris', 'What I learnt'),
        text: w(
          'Ce que j’ai appris, sur mon métier, sur moi, sur les autres',
          'What I learnt about my work, myself, others',
        ),
      },
      {
        id: 'feeling',
        kind: 'single',
        section: w('Mon ressenti', 'How I felt'),
        text: w('Comment vous êtes-vous senti·e dans ce cercle ?', 'How did you feel in this circle?'),
        required: true,
        options: [w('Très bien', 'Very good'), w('Bien', 'Good'), w('Mitigé', 'Mixed'), w('Mal', 'Bad')],
      },
      {
        id: 'recommend',
        kind: 'nps',
        section: w('Mon ressenti', 'How I felt'),
        text: w(
          'Recommanderiez-vous un cercle d’apprentissage à un·e collègue ?',
          'Would you recommend a learning circle to a colleague?',
        ),
        required: true,
        minLabel: w('Pas du tout probable', 'Not at all likely'),
        maxLabel: w('Très probable', 'Extremely likely'),
      },
    ],
  },
  'session-weather': {
    title: w('Météo de fin de séance', 'End-of-session weather'),
    description: w('Trois questions en sortant de la séance.', 'Three questions on leaving the session.'),
    questions: [
      {
        id: 'weather',
        kind: 'single',
        text: w('Votre météo en sortant de la séance', 'Your weather leaving the session'),
        required: true,
        options: [
          w('Soleil', 'Sunny'),
          w('Éclaircies', 'Sunny spells'),
          w('Nuageux', 'Cloudy'),
          w('Pluie', 'Rainy'),
          w('Orage', 'Stormy'),
          w('Brouillard', 'Foggy'),
          w('Arc-en-ciel', 'Rainbow'),
        ],
      },
      {
        id: 'useful',
        kind: 'scale',
        text: w('La séance m’a été utile', 'The session was useful to me'),
        ...agree,
      },
      { id: 'word', kind: 'text', text: w('Un mot pour finir', 'A last word') },
    ],
  },
  'facilitator-feedback': {
    title: w('Retour des facilitateurs', 'Facilitators’ feedback'),
    description: w(
      'Pour les facilitateur·trices après une séance ou un cycle : le déroulé, la participation, les besoins d’appui.',
      'For facilitators after a session or a cycle: the running order, participation, support needed.',
    ),
    questions: [
      {
        id: 'plan-held',
        kind: 'scale',
        text: w('Le déroulé prévu a été tenu', 'The planned running order was kept'),
        required: true,
        ...agree,
      },
      {
        id: 'balanced',
        kind: 'scale',
        text: w('La parole a été équilibrée', 'Speaking time was balanced'),
        required: true,
        ...agree,
      },
      { id: 'worked', kind: 'text', text: w('Ce qui a bien marché', 'What worked well') },
      { id: 'change', kind: 'text', text: w('Ce que je changerais', 'What I would change') },
      {
        id: 'support',
        kind: 'single',
        text: w('Avez-vous besoin d’un appui ?', 'Do you need support?'),
        options: [
          w('Non', 'No'),
          w('Oui : une co-facilitation', 'Yes: co-facilitation'),
          w('Oui : une formation', 'Yes: training'),
          w('Oui : un échange entre facilitateurs', 'Yes: exchange with other facilitators'),
        ],
      },
      {
        id: 'team-notes',
        kind: 'text',
        text: w('Remarques pour l’équipe d’animation', 'Notes for the animation team'),
      },
    ],
  },
};

export function isBuiltInTemplate(id: string): id is BuiltInTemplateId {
  return (builtInTemplateIds as readonly string[]).includes(id);
}

/** A built-in template in one language; question and option ids are stable, so results compare. */
export function builtInTemplate(
  id: BuiltInTemplateId,
  locale: 'fr' | 'en',
): { id: BuiltInTemplateId; title: string; description: string; questions: SurveyQuestion[] } {
  const template = templates[id];
  return {
    id,
    title: template.title[locale],
    description: template.description[locale],
    questions: template.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      text: q.text[locale],
      section: q.section?.[locale] ?? null,
      required: q.required ?? false,
      options: (q.options ?? []).map((o, i) => ({ id: `${q.id}-${i + 1}`, text: o[locale] })),
      min: q.kind === 'scale' ? 1 : q.kind === 'nps' ? 0 : null,
      max: q.kind === 'scale' ? 5 : q.kind === 'nps' ? 10 : null,
      minLabel: q.minLabel?.[locale] ?? null,
      maxLabel: q.maxLabel?.[locale] ?? null,
    })),
  };
}
