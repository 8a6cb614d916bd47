import type { CircleReview } from '../../../contract/review.ts';
import { formatDate } from '../../../domain/date-format.ts';
import type { Locale } from '../../mail/mail-i18n.ts';

/**
 * User text (circle name, session titles, the decision's note) stays Markdown but never live
 * markup: `<` is written as an entity, as in the glossary's export; in a table cell `|` is escaped
 * and lines are joined, so a title cannot break the table.
 */
const inert = (text: string) => text.replace(/&(?=[a-z#0-9]+;)/gi, '&amp;').replace(/</g, '&lt;');
const inline = (text: string) => inert(text.replace(/\s+/g, ' ')).replace(/[[\]|\\]/g, (c) => `\\${c}`);

const words = {
  fr: {
    title: 'Bilan',
    period: (from: string, to: string) => `Du ${from} au ${to}`,
    sessions: 'Séances',
    held: 'tenues',
    planned: 'prévues',
    cancelled: 'annulées',
    attendance: 'Présence',
    session: 'Séance',
    date: 'Date',
    present: 'Présents',
    excused: 'Excusés',
    invited: 'Inscrits',
    none: 'Aucune séance tenue sur la période.',
    actions: 'Prochains pas',
    opened: 'ouverts',
    done: 'faits',
    doneOnTime: 'dont à temps',
    dropped: 'abandonnés',
    open: 'encore ouverts',
    boards: 'Tableaux',
    polls: 'Votes',
    decision: 'Décision du REX',
    outcomes: { renew: 'Reconduite', spread: 'Déploiement', pause: 'Pause', end: 'Fin' },
    surveys: 'Questionnaires',
    respondents: (n: number) => `${n} ${n > 1 ? 'réponses' : 'réponse'}`,
    withheld: {
      open: 'anonyme et encore ouvert : résultats à la clôture',
      threshold: (min: number) => `anonyme : résultats à partir de ${min} réponses`,
    },
    mean: 'moyenne',
    median: 'médiane',
    nps: 'NPS',
    texts: (n: number) => `${n} ${n > 1 ? 'réponses libres' : 'réponse libre'}`,
    dateLocale: 'fr-FR',
    colon: ' :',
  },
  en: {
    title: 'Review',
    period: (from: string, to: string) => `From ${from} to ${to}`,
    sessions: 'Sessions',
    held: 'held',
    planned: 'planned',
    cancelled: 'cancelled',
    attendance: 'Attendance',
    session: 'Session',
    date: 'Date',
    present: 'Present',
    excused: 'Excused',
    invited: 'Listed',
    none: 'No session held in the period.',
    actions: 'Next steps',
    opened: 'opened',
    done: 'done',
    doneOnTime: 'of which on time',
    dropped: 'dropped',
    open: 'still open',
    boards: 'Boards',
    polls: 'Polls',
    decision: 'REX decision',
    outcomes: { renew: 'Renew', spread: 'Spread', pause: 'Pause', end: 'End' },
    surveys: 'Questionnaires',
    respondents: (n: number) => `${n} ${n === 1 ? 'response' : 'responses'}`,
    withheld: {
      open: 'anonymous and still open: results at the close',
      threshold: (min: number) => `anonymous: results from ${min} responses`,
    },
    mean: 'mean',
    median: 'median',
    nps: 'NPS',
    texts: (n: number) => `${n} ${n === 1 ? 'free answer' : 'free answers'}`,
    dateLocale: 'en-GB',
    colon: ':',
  },
} as const;

type Words = (typeof words)[Locale];
type ReviewSurvey = CircleReview['surveys'][number];

/** One questionnaire: its respondents, then each question's figures (or why they are withheld). */
function surveyLines(survey: ReviewSurvey, w: Words): string[] {
  const { results } = survey;
  const head = `### ${inline(survey.title)} (${w.respondents(results.respondents)})`;
  if (results.withheld) {
    const why = results.withheld === 'open' ? w.withheld.open : w.withheld.threshold(results.minRespondents);
    return [head, '', `_${why}_`, ''];
  }
  const byId = new Map(results.questions.map((r) => [r.id, r]));
  const figure = (n: number) => String(Math.round(n * 100) / 100);
  const lines = [head, ''];
  for (const question of survey.questions) {
    const result = byId.get(question.id);
    if (!result) continue;
    const parts = [w.respondents(result.count)];
    if (result.mean !== undefined && result.mean !== null) parts.push(`${w.mean} ${figure(result.mean)}`);
    if (result.median !== undefined && result.median !== null)
      parts.push(`${w.median} ${figure(result.median)}`);
    if (result.nps !== undefined && result.nps !== null)
      parts.push(`${w.nps} ${result.nps > 0 ? '+' : ''}${result.nps}`);
    if (result.texts) parts.push(w.texts(result.texts.length));
    lines.push(`- **${inline(question.text)}**${w.colon} ${parts.join(' · ')}`);
    for (const option of result.options ?? [])
      lines.push(`  - ${inline(option.text)}${w.colon} ${option.count}`);
  }
  lines.push('');
  return lines;
}

/** The review as one Markdown document (`GET /circles/{id}/review.md`). */
export function reviewMarkdown(review: CircleReview, locale: Locale): string {
  const w = words[locale];
  const day = (date: string) =>
    formatDate(new Date(`${date}T12:00:00Z`), w.dateLocale, { timeZone: 'UTC', dateStyle: 'long' });
  const when = (iso: string, timeZone: string) =>
    formatDate(new Date(iso), w.dateLocale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const { sessions, actions } = review;
  const lines = [
    `# ${w.title} — ${inline(review.circleName)}`,
    '',
    w.period(day(review.from), day(review.to)),
    '',
    `## ${w.sessions}`,
    '',
    `- ${sessions.held} ${w.held}`,
    `- ${sessions.planned} ${w.planned}`,
    `- ${sessions.cancelled} ${w.cancelled}`,
    '',
    `## ${w.attendance}`,
    '',
  ];
  if (review.attendance.length === 0) lines.push(w.none, '');
  else {
    lines.push(
      `| ${w.date} | ${w.session} | ${w.present} | ${w.excused} | ${w.invited} |`,
      '|---|---|---:|---:|---:|',
      ...review.attendance.map(
        (a) =>
          `| ${inline(when(a.startsAt, a.timeZone))} | ${inline(a.title)} | ${a.present} | ${a.excused} | ${a.invited} |`,
      ),
      '',
    );
  }
  lines.push(
    `## ${w.actions}`,
    '',
    `- ${actions.opened} ${w.opened}`,
    `- ${actions.done} ${w.done} (${w.doneOnTime}${w.colon} ${actions.doneOnTime})`,
    `- ${actions.dropped} ${w.dropped}`,
    `- ${actions.open} ${w.open}`,
    '',
    `- ${w.boards}${w.colon} ${review.boards}`,
    `- ${w.polls}${w.colon} ${review.polls}`,
    '',
  );
  if (review.surveys.length > 0)
    lines.push(`## ${w.surveys}`, '', ...review.surveys.flatMap((survey) => surveyLines(survey, w)));
  if (review.decision) {
    lines.push(`## ${w.decision}`, '', `**${w.outcomes[review.decision.outcome]}**`, '');
    if (review.decision.note) lines.push(inert(review.decision.note), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
