import { formatDate } from '../../domain/date-format.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/zoned-time.ts';
import type { MailBlock } from './mail-layout.ts';

export type Locale = 'fr' | 'en';
type Link = { text: string; url?: string | undefined };

export interface TemplateOutput {
  subject: string;
  blocks: MailBlock[];
  /** Why the person receives it (shown in the footer). */
  reason: string;
}

/** Without a name (a poll's guest, whose name nobody checked) the greeting stands alone. */
const hello = (locale: Locale, name: string) => {
  const greeting = locale === 'fr' ? 'Bonjour' : 'Hello';
  return name ? `${greeting} ${name},` : `${greeting},`;
};

export function invitationMail(
  locale: Locale,
  d: {
    name: string;
    sessionTitle: string;
    circleName: string;
    when: string;
    place: string;
    url: string;
    /** True when the .ics file is attached. */
    hasCalendarFile?: boolean;
    /** A poll's guest (no account): the button leads to the poll, the footer says why they get it. */
    guestOfPoll?: string;
  },
): TemplateOutput {
  const fr = locale === 'fr';
  const place = d.place ? (fr ? `Lieu : ${d.place}` : `Place: ${d.place}`) : '';
  const calendar: MailBlock[] = d.hasCalendarFile
    ? [
        {
          kind: 'paragraph',
          text: fr
            ? "L'invitation pour votre agenda est jointe (fichier .ics)."
            : 'The invitation for your calendar is attached (.ics file).',
        },
      ]
    : [];
  return {
    subject: fr ? `Invitation : ${d.sessionTitle} (${d.when})` : `Invitation: ${d.sessionTitle} (${d.when})`,
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: fr
          ? `Vous êtes invité·e à la séance « ${d.sessionTitle} » du cercle « ${d.circleName} ».`
          : `You are invited to the session "${d.sessionTitle}" of the circle "${d.circleName}".`,
      },
      {
        kind: 'paragraph',
        text: [fr ? `Quand : ${d.when}` : `When: ${d.when}`, place].filter(Boolean).join('\n'),
      },
      ...calendar,
      d.guestOfPoll === undefined
        ? { kind: 'button', label: fr ? 'Voir la séance' : 'Open the session', url: d.url }
        : { kind: 'button', label: fr ? 'Voir le sondage' : 'Open the poll', url: d.url },
    ],
    reason:
      d.guestOfPoll === undefined
        ? fr
          ? `Vous recevez ce message car vous participez au cercle « ${d.circleName} ».`
          : `You receive this because you take part in the circle "${d.circleName}".`
        : guestReason(locale, d.guestOfPoll),
  };
}

const guestReason = (locale: Locale, pollTitle: string) =>
  locale === 'fr'
    ? `Vous recevez ce message car vous avez laissé votre adresse en répondant au sondage « ${pollTitle} ».`
    : `You receive this because you left your address when answering the poll "${pollTitle}".`;

export function datePollResultMail(
  locale: Locale,
  d: {
    name: string;
    title: string;
    circleName: string;
    /** The chosen slot, written by formatSlot in the poll's time zone. */
    slot: string | null;
    url: string;
    /** True for a poll's guest (no account). */
    guest?: boolean;
  },
): TemplateOutput {
  const fr = locale === 'fr';
  return {
    subject: fr ? `Date retenue : ${d.title}` : `Date chosen: ${d.title}`,
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: d.slot
          ? fr
            ? `Le sondage « ${d.title} » du cercle « ${d.circleName} » est clos. Date retenue : ${d.slot}.`
            : `The poll "${d.title}" of the circle "${d.circleName}" is closed. Date chosen: ${d.slot}.`
          : fr
            ? `Le sondage « ${d.title} » du cercle « ${d.circleName} » est clos sans date retenue.`
            : `The poll "${d.title}" of the circle "${d.circleName}" is closed without a date.`,
      },
      { kind: 'button', label: fr ? 'Voir les résultats' : 'See the results', url: d.url },
    ],
    reason: d.guest
      ? guestReason(locale, d.title)
      : fr
        ? 'Vous recevez ce message car vous avez répondu à ce sondage.'
        : 'You receive this because you answered this poll.',
  };
}

export function sessionReminderMail(
  locale: Locale,
  d: { name: string; sessionTitle: string; circleName: string; when: string; place: string; url: string },
): TemplateOutput {
  const fr = locale === 'fr';
  const place = d.place ? (fr ? `Lieu : ${d.place}` : `Place: ${d.place}`) : '';
  return {
    subject: fr ? `Rappel : ${d.sessionTitle}, ${d.when}` : `Reminder: ${d.sessionTitle}, ${d.when}`,
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: fr
          ? `Petit rappel : la séance « ${d.sessionTitle} » du cercle « ${d.circleName} » approche.`
          : `A reminder: the session "${d.sessionTitle}" of the circle "${d.circleName}" is coming up.`,
      },
      {
        kind: 'paragraph',
        text: [fr ? `Quand : ${d.when}` : `When: ${d.when}`, place].filter(Boolean).join('\n'),
      },
      { kind: 'button', label: fr ? "Voir l'ordre du jour" : 'See the agenda', url: d.url },
    ],
    reason: fr
      ? `Vous recevez ce rappel car vous participez au cercle « ${d.circleName} ».`
      : `You receive this reminder because you take part in the circle "${d.circleName}".`,
  };
}

export function actionDueMail(
  locale: Locale,
  d: { name: string; actionTitle: string; circleName: string; dueOn: string; url: string },
): TemplateOutput {
  const fr = locale === 'fr';
  return {
    subject: fr ? `À faire pour demain : ${d.actionTitle}` : `Due tomorrow: ${d.actionTitle}`,
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: fr
          ? `Le prochain pas « ${d.actionTitle} » (cercle « ${d.circleName} ») est prévu pour demain, ${d.dueOn}.`
          : `The next step "${d.actionTitle}" (circle "${d.circleName}") is due tomorrow, ${d.dueOn}.`,
      },
      { kind: 'button', label: fr ? 'Voir mes prochains pas' : 'See my next steps', url: d.url },
    ],
    reason: fr
      ? 'Vous recevez ce message car ce prochain pas vous est confié.'
      : 'You receive this because this next step is yours.',
  };
}

export function weeklyDigestMail(
  locale: Locale,
  d: { name: string; sessions: Link[]; actions: Link[]; polls: Link[]; url: string },
): TemplateOutput {
  const fr = locale === 'fr';
  const section = (title: string, items: Link[], empty: string): MailBlock[] => [
    { kind: 'heading', text: title },
    items.length > 0 ? { kind: 'list', items } : { kind: 'paragraph', text: empty },
  ];
  return {
    subject: fr ? 'Votre semaine sur Archipel' : 'Your week on Archipel',
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: fr ? 'Voici ce qui vous attend cette semaine.' : 'Here is what lies ahead this week.',
      },
      ...section(
        fr ? 'Séances à venir' : 'Upcoming sessions',
        d.sessions,
        fr ? 'Aucune séance prévue.' : 'No session planned.',
      ),
      ...section(
        fr ? 'Mes prochains pas' : 'My next steps',
        d.actions,
        fr ? 'Rien en cours.' : 'Nothing open.',
      ),
      ...(d.polls.length > 0
        ? section(fr ? 'Sondages et inscriptions ouverts' : 'Open polls and sign-up sheets', d.polls, '')
        : []),
      { kind: 'button', label: fr ? 'Ouvrir Archipel' : 'Open Archipel', url: d.url },
    ],
    reason: fr ? 'Vous recevez ce récapitulatif chaque lundi.' : 'You receive this summary every Monday.',
  };
}

export function signupPromotionMail(
  locale: Locale,
  d: { name: string; sheetTitle: string; topicTitle: string; url: string },
): TemplateOutput {
  const fr = locale === 'fr';
  return {
    subject: fr ? `Une place s'est libérée : « ${d.topicTitle} »` : `A place opened up: "${d.topicTitle}"`,
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: fr
          ? `Une place s'est libérée pour « ${d.topicTitle} » (${d.sheetTitle}) : vous étiez en liste d'attente, votre inscription est confirmée.`
          : `A place opened up for "${d.topicTitle}" (${d.sheetTitle}): you were on the waitlist, your sign-up is now confirmed.`,
      },
      { kind: 'button', label: fr ? 'Voir la feuille d’inscription' : 'Open the sign-up sheet', url: d.url },
      {
        kind: 'paragraph',
        text: fr
          ? 'Si vous ne pouvez plus y participer, retirez votre inscription depuis cette page : votre place ira à la personne suivante.'
          : 'If you can no longer take part, withdraw from that page: your place will go to the next person.',
      },
    ],
    reason: fr
      ? 'Vous recevez ce message car vous vous êtes inscrit·e.'
      : 'You receive this because you signed up.',
  };
}

export function circlePromotionMail(
  locale: Locale,
  d: { name: string; circleName: string; url: string },
): TemplateOutput {
  const fr = locale === 'fr';
  return {
    subject: fr
      ? `Une place s'est libérée : vous rejoignez « ${d.circleName} »`
      : `A place opened up: you are now in "${d.circleName}"`,
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: fr
          ? `Une place s'est libérée dans le cercle « ${d.circleName} » : vous étiez en liste d'attente, vous en êtes maintenant membre.`
          : `A place opened up in the circle "${d.circleName}": you were on the waitlist and are now a member.`,
      },
      { kind: 'button', label: fr ? 'Voir le cercle' : 'Open the circle', url: d.url },
      {
        kind: 'paragraph',
        text: fr
          ? 'Si vous ne souhaitez plus y participer, vous pouvez quitter le cercle depuis sa page : votre place ira à la personne suivante.'
          : 'If you no longer wish to take part, you can leave the circle from its page: your place will go to the next person.',
      },
    ],
    reason: fr
      ? "Vous recevez ce message car vous étiez en liste d'attente."
      : 'You receive this because you were on the waitlist.',
  };
}

export const footerLabels = {
  fr: { unsubscribe: 'Ne plus recevoir ces courriels', preferences: 'Choisir les courriels que je reçois' },
  en: { unsubscribe: 'Unsubscribe from these e-mails', preferences: 'Choose which e-mails I get' },
} as const;

/**
 * A date and time in the recipient's language and the session's time zone, named when it is not
 * its community's (a session in Réunion at 14:00 is not 14:00 for a reader of a Paris community);
 * the end carries its own date when the session ends on another day.
 */
export function formatWhen(
  locale: Locale,
  startsAt: Date,
  endsAt: Date | null,
  timeZone: string,
  communityTimeZone: string = DEFAULT_TIME_ZONE,
): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const full = (date: Date) => formatDate(date, tag, { dateStyle: 'full', timeStyle: 'short', timeZone });
  const zone = timeZone === communityTimeZone ? '' : ` (${timeZone})`;
  const start = full(startsAt);
  if (!endsAt) return `${start}${zone}`;
  const day = new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone });
  const sameDay = day.format(startsAt) === day.format(endsAt);
  const end = sameDay
    ? new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone }).format(endsAt)
    : full(endsAt);
  return `${start} – ${end}${zone}`;
}

/** A poll's slot in its own time zone, named, in the reader's language ("le mardi …, de 9:00 à 10:30 (Europe/Paris)"). */
export function formatSlot(locale: Locale, startsAt: Date, endsAt: Date, timeZone: string): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const day = formatDate(startsAt, tag, { dateStyle: 'full', timeZone });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone });
  return locale === 'fr'
    ? `le ${day}, de ${time.format(startsAt)} à ${time.format(endsAt)} (${timeZone})`
    : `on ${day}, ${time.format(startsAt)} to ${time.format(endsAt)} (${timeZone})`;
}

export function formatDay(locale: Locale, isoDate: string): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  return formatDate(new Date(`${isoDate}T12:00:00Z`), tag, { dateStyle: 'full', timeZone: 'UTC' });
}
