import type { Action, Session } from '../../../contract/session.ts';
import { formatDate } from '../../../domain/date-format.ts';
import { mailText } from '../../mail/mail-i18n.ts';

type Locale = 'fr' | 'en';

const labels = {
  fr: {
    minutesOf: 'Compte rendu',
    place: 'Lieu',
    participants: 'Participant·es',
    excused: 'Excusé·es',
    agenda: 'Ordre du jour',
    checkin: 'Tour de météo',
    notes: 'Notes communes',
    synthesis: 'Synthèse',
    nextSteps: 'Prochains pas',
    reviewed: 'Actions des séances précédentes encore ouvertes',
    announcements: 'À communiquer',
    votes: 'Votes',
    due: 'échéance',
    noOwner: 'sans responsable',
    status: { todo: 'à faire', in_progress: 'en cours', done: 'fait', dropped: 'abandonné' },
    weather: {
      sunny: 'soleil',
      'partly-sunny': 'éclaircies',
      cloudy: 'nuageux',
      rainy: 'pluie',
      stormy: 'orage',
      foggy: 'brouillard',
      rainbow: 'arc-en-ciel',
    },
  },
  en: {
    minutesOf: 'Minutes',
    place: 'Place',
    participants: 'Participants',
    excused: 'Excused',
    agenda: 'Agenda',
    checkin: 'Check-in round',
    notes: 'Shared notes',
    synthesis: 'Synthesis',
    nextSteps: 'Next steps',
    reviewed: 'Still-open actions from earlier sessions',
    announcements: 'To announce',
    votes: 'Votes',
    due: 'due',
    noOwner: 'no owner',
    status: { todo: 'to do', in_progress: 'in progress', done: 'done', dropped: 'dropped' },
    weather: {
      sunny: 'sunny',
      'partly-sunny': 'sunny spells',
      cloudy: 'cloudy',
      rainy: 'rain',
      stormy: 'storm',
      foggy: 'fog',
      rainbow: 'rainbow',
    },
  },
} as const;

function clock(iso: string, timeZone: string, locale: Locale) {
  return new Intl.DateTimeFormat(mailText(locale)('dateLocale'), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

function day(iso: string, timeZone: string, locale: Locale) {
  return formatDate(new Date(iso), mailText(locale)('dateLocale'), { timeZone, dateStyle: 'full' });
}

function actionLine(action: Action, locale: Locale) {
  const t = labels[locale];
  const owners = action.owners.length > 0 ? action.owners.map((o) => o.name).join(', ') : t.noOwner;
  const due = action.dueOn ? `, ${t.due} ${action.dueOn}` : '';
  return `- [${action.status === 'done' ? 'x' : ' '}] ${action.title} (${owners}${due}) — ${t.status[action.status]}`;
}

function section(title: string, lines: string[]): string[] {
  return lines.length > 0 ? [`## ${title}`, '', ...lines, ''] : [];
}

/** The compte rendu as Markdown: what was planned, who came, what was said, decided and assigned. */
export function renderMinutes(session: Session, locale: Locale): string {
  const t = labels[locale];
  const zone = session.timeZone;
  const range = (startsAt: string | null, endsAt: string | null) =>
    startsAt && endsAt ? `[${clock(startsAt, zone, locale)} > ${clock(endsAt, zone, locale)}] ` : '';
  const present = session.participants.filter((p) => p.status !== 'excused').map((p) => `- ${p.name}`);
  const excused = session.participants.filter((p) => p.status === 'excused').map((p) => `- ${p.name}`);
  const agenda = session.agenda.flatMap((item) => [
    `- ${range(item.startsAt, item.endsAt)}**${item.title}**`,
    ...item.children.map((child) => `  - ${child.title}`),
  ]);
  const itemNotes = session.agenda.flatMap((item) =>
    item.notes ? [`### ${item.title}`, '', item.notes, ''] : [],
  );
  const checkins = session.checkins.map(
    (c) => `- ${c.name} : ${t.weather[c.weather]}${c.word ? ` — « ${c.word} »` : ''}`,
  );
  const votes = session.votes.flatMap((vote) => [
    `### ${vote.title}`,
    '',
    ...vote.sections.flatMap((s) => [`- **${s.label}** : ${s.options.join(', ')}`]),
    '',
  ]);
  return [
    `# ${t.minutesOf} — ${session.title}`,
    '',
    `${day(session.startsAt, zone, locale)}, ${clock(session.startsAt, zone, locale)} – ${clock(session.endsAt, zone, locale)} (${zone})`,
    ...(session.place ? [`${t.place} : ${session.place}`] : []),
    '',
    ...section(t.participants, present),
    ...section(t.excused, excused),
    ...section(t.agenda, agenda),
    ...section(
      t.reviewed,
      session.openActions.map((a) => actionLine(a, locale)),
    ),
    ...section(t.checkin, checkins),
    ...section(t.notes, [
      ...(session.sharedNotes ? [session.sharedNotes, ''] : []),
      ...itemNotes,
      ...(session.notes ? [session.notes, ''] : []),
    ]),
    ...section(t.votes, votes),
    ...section(t.synthesis, session.synthesis ? [session.synthesis] : []),
    ...section(
      t.nextSteps,
      session.actions.map((a) => actionLine(a, locale)),
    ),
    ...section(
      t.announcements,
      session.announcements.map((a) => `- ${a.text}`),
    ),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
