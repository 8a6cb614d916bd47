import { formatDate } from '../../domain/date-format.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/zoned-time.ts';
import { type Locale, mailText } from './mail-i18n.ts';
import type { MailBlock } from './mail-layout.ts';

export type { Locale } from './mail-i18n.ts';

type Link = { text: string; url?: string | undefined };

export interface TemplateOutput {
  subject: string;
  blocks: MailBlock[];
  /** Why the person receives it (shown in the footer). */
  reason: string;
}

/** Without a name (a poll's guest, whose name nobody checked) the greeting stands alone. */
const hello = (locale: Locale, name: string) =>
  name ? mailText(locale)('hello', { name }) : mailText(locale)('helloAlone');

/** "Quand : …" and, when there is one, "Lieu : …" on the next line. */
const whenAndPlace = (locale: Locale, when: string, place: string) =>
  [mailText(locale)('when', { when }), place ? mailText(locale)('place', { place }) : '']
    .filter(Boolean)
    .join('\n');

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
  const t = mailText(locale);
  const calendar: MailBlock[] = d.hasCalendarFile
    ? [{ kind: 'paragraph', text: t('invitation.calendarFile') }]
    : [];
  return {
    subject: t('invitation.subject', { sessionTitle: d.sessionTitle, when: d.when }),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: t('invitation.body', { sessionTitle: d.sessionTitle, circleName: d.circleName }),
      },
      { kind: 'paragraph', text: whenAndPlace(locale, d.when, d.place) },
      ...calendar,
      d.guestOfPoll === undefined
        ? { kind: 'button', label: t('invitation.openSession'), url: d.url }
        : { kind: 'button', label: t('invitation.openPoll'), url: d.url },
    ],
    reason:
      d.guestOfPoll === undefined
        ? t('invitation.reason', { circleName: d.circleName })
        : t('guestReason', { pollTitle: d.guestOfPoll }),
  };
}

/** A session the person takes part in has moved (or its place changed): the new times, the new .ics. */
export function sessionMovedMail(
  locale: Locale,
  d: {
    name: string;
    sessionTitle: string;
    circleName: string;
    when: string;
    place: string;
    url: string;
    hasCalendarFile: boolean;
  },
): TemplateOutput {
  const t = mailText(locale);
  return {
    subject: t('sessionMoved.subject', { sessionTitle: d.sessionTitle, when: d.when }),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: t('sessionMoved.body', { sessionTitle: d.sessionTitle, circleName: d.circleName }),
      },
      { kind: 'paragraph', text: whenAndPlace(locale, d.when, d.place) },
      ...(d.hasCalendarFile ? [{ kind: 'paragraph' as const, text: t('sessionMoved.calendarFile') }] : []),
      { kind: 'button', label: t('sessionMoved.openSession'), url: d.url },
    ],
    reason: t('sessionMoved.reason'),
  };
}

/** A session the person takes part in is called off: when it was, the reason, a CANCELLED .ics. */
export function sessionCancelledMail(
  locale: Locale,
  d: {
    name: string;
    sessionTitle: string;
    circleName: string;
    when: string;
    reason: string;
    url: string;
    hasCalendarFile: boolean;
  },
): TemplateOutput {
  const t = mailText(locale);
  return {
    subject: t('sessionCancelled.subject', { sessionTitle: d.sessionTitle, when: d.when }),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: t('sessionCancelled.body', {
          sessionTitle: d.sessionTitle,
          circleName: d.circleName,
          when: d.when,
        }),
      },
      ...(d.reason.trim()
        ? [{ kind: 'paragraph' as const, text: t('sessionCancelled.reasonGiven', { reason: d.reason }) }]
        : []),
      ...(d.hasCalendarFile
        ? [{ kind: 'paragraph' as const, text: t('sessionCancelled.calendarFile') }]
        : []),
      { kind: 'button', label: t('sessionCancelled.openSession'), url: d.url },
    ],
    reason: t('sessionCancelled.reason'),
  };
}

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
  const t = mailText(locale);
  return {
    subject: t('datePollResult.subject', { title: d.title }),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: d.slot
          ? t('datePollResult.closedWithDate', { title: d.title, circleName: d.circleName, slot: d.slot })
          : t('datePollResult.closedWithoutDate', { title: d.title, circleName: d.circleName }),
      },
      { kind: 'button', label: t('datePollResult.seeResults'), url: d.url },
    ],
    reason: d.guest ? t('guestReason', { pollTitle: d.title }) : t('datePollResult.reason'),
  };
}

export function sessionReminderMail(
  locale: Locale,
  d: { name: string; sessionTitle: string; circleName: string; when: string; place: string; url: string },
): TemplateOutput {
  const t = mailText(locale);
  return {
    subject: t('sessionReminder.subject', { sessionTitle: d.sessionTitle, when: d.when }),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: t('sessionReminder.body', { sessionTitle: d.sessionTitle, circleName: d.circleName }),
      },
      { kind: 'paragraph', text: whenAndPlace(locale, d.when, d.place) },
      { kind: 'button', label: t('sessionReminder.seeAgenda'), url: d.url },
    ],
    reason: t('sessionReminder.reason', { circleName: d.circleName }),
  };
}

export function actionDueMail(
  locale: Locale,
  d: { name: string; actionTitle: string; circleName: string; dueOn: string; url: string },
): TemplateOutput {
  const t = mailText(locale);
  return {
    subject: t('actionDue.subject', { actionTitle: d.actionTitle }),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: t('actionDue.body', { actionTitle: d.actionTitle, circleName: d.circleName, dueOn: d.dueOn }),
      },
      { kind: 'button', label: t('actionDue.seeSteps'), url: d.url },
    ],
    reason: t('actionDue.reason'),
  };
}

export function weeklyDigestMail(
  locale: Locale,
  d: { name: string; sessions: Link[]; actions: Link[]; polls: Link[]; url: string },
): TemplateOutput {
  const t = mailText(locale);
  const section = (title: string, items: Link[], empty: string): MailBlock[] => [
    { kind: 'heading', text: title },
    items.length > 0 ? { kind: 'list', items } : { kind: 'paragraph', text: empty },
  ];
  return {
    subject: t('weeklyDigest.subject'),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      { kind: 'paragraph', text: t('weeklyDigest.intro') },
      ...section(t('weeklyDigest.sessions'), d.sessions, t('weeklyDigest.noSession')),
      ...section(t('weeklyDigest.actions'), d.actions, t('weeklyDigest.noAction')),
      ...(d.polls.length > 0 ? section(t('weeklyDigest.polls'), d.polls, '') : []),
      { kind: 'button', label: t('weeklyDigest.open'), url: d.url },
    ],
    reason: t('weeklyDigest.reason'),
  };
}

export function signupPromotionMail(
  locale: Locale,
  d: { name: string; sheetTitle: string; topicTitle: string; url: string },
): TemplateOutput {
  const t = mailText(locale);
  return {
    subject: t('signupPromotion.subject', { topicTitle: d.topicTitle }),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: t('signupPromotion.body', { topicTitle: d.topicTitle, sheetTitle: d.sheetTitle }),
      },
      { kind: 'button', label: t('signupPromotion.openSheet'), url: d.url },
      { kind: 'paragraph', text: t('signupPromotion.withdraw') },
    ],
    reason: t('signupPromotion.reason'),
  };
}

export function circlePromotionMail(
  locale: Locale,
  d: { name: string; circleName: string; url: string },
): TemplateOutput {
  const t = mailText(locale);
  return {
    subject: t('circlePromotion.subject', { circleName: d.circleName }),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      { kind: 'paragraph', text: t('circlePromotion.body', { circleName: d.circleName }) },
      { kind: 'button', label: t('circlePromotion.openCircle'), url: d.url },
      { kind: 'paragraph', text: t('circlePromotion.leave') },
    ],
    reason: t('circlePromotion.reason'),
  };
}

/** Carried into a circle's next cycle: the new circle, and whether a place or the waitlist. */
export function circleRenewalMail(
  locale: Locale,
  d: { name: string; circleName: string; previousName: string; isWaitlisted: boolean; url: string },
): TemplateOutput {
  const t = mailText(locale);
  const names = { circleName: d.circleName, previousName: d.previousName };
  return {
    subject: t('circleRenewal.subject', names),
    blocks: [
      { kind: 'paragraph', text: hello(locale, d.name) },
      {
        kind: 'paragraph',
        text: t(d.isWaitlisted ? 'circleRenewal.waitlisted' : 'circleRenewal.body', names),
      },
      { kind: 'button', label: t('circleRenewal.openCircle'), url: d.url },
      { kind: 'paragraph', text: t('circleRenewal.leave') },
    ],
    reason: t('circleRenewal.reason', names),
  };
}

/** The footer's links, in each language. */
export const footerLabels = {
  fr: {
    unsubscribe: mailText('fr')('footer.unsubscribe'),
    preferences: mailText('fr')('footer.preferences'),
  },
  en: {
    unsubscribe: mailText('en')('footer.unsubscribe'),
    preferences: mailText('en')('footer.preferences'),
  },
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
  const tag = mailText(locale)('dateLocale');
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
  const tag = mailText(locale)('dateLocale');
  const day = formatDate(startsAt, tag, { dateStyle: 'full', timeZone });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone });
  return mailText(locale)('slot', {
    day,
    start: time.format(startsAt),
    end: time.format(endsAt),
    timeZone,
  });
}

export function formatDay(locale: Locale, isoDate: string): string {
  const tag = mailText(locale)('dateLocale');
  return formatDate(new Date(`${isoDate}T12:00:00Z`), tag, { dateStyle: 'full', timeZone: 'UTC' });
}
