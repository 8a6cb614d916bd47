import type { Kysely } from 'kysely';
import { z } from 'zod';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import type { JobContext } from '../../jobs/job-runner.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { deliverOnce, findRecipient, type MailDeps, type Recipient } from '../../mail/mail-delivery.ts';
import { asLocale, type Locale, mailText } from '../../mail/mail-i18n.ts';
import { formatWhen, type TemplateOutput } from '../../mail/mail-templates.ts';
import { defineJob } from '../feature-descriptor.ts';
import { getEventAccess } from './event-access.ts';
import { eventPageUrl, registrationCalendar } from './event-calendar.ts';
import {
  dropExpired,
  isExpired,
  registrationLinkUrl,
  registrationMailKinds,
  registrationTokenOf,
} from './registrations.commands.ts';

const HOUR = 3_600_000;
/** The reminder goes this long before an event starts (to events planned further ahead than that). */
export const EVENT_REMINDER_HOURS = 24;

const registrationPayload = z.object({ registrationId: z.string().min(1).max(100) });

async function loadRegistration(db: Kysely<DB>, registrationId: string) {
  return db
    .selectFrom('eventRegistrations as r')
    .innerJoin('events as e', 'e.id', 'r.eventId')
    .innerJoin('communities as c', 'c.id', 'e.communityId')
    .select([
      'r.id',
      'r.eventId',
      'r.userId',
      'r.guestEmail',
      'r.guestLocale',
      'r.status',
      'r.tokenNonce',
      'r.confirmBy',
      'e.title as eventTitle',
      'e.startsAt',
      'e.endsAt',
      'e.timeZone',
      'e.cancelledAt',
      'e.visibility',
      'c.timeZone as communityTimeZone',
    ])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}
type Loaded = NonNullable<Awaited<ReturnType<typeof loadRegistration>>>;

/**
 * Who a registration's mail goes to: its member (who must still see the event) or its guest. A
 * guest's mails carry only the instance's words and what organisers wrote, never the name typed
 * with the address: anyone may type any address, and nobody has checked it yet.
 */
async function recipientOf(deps: MailDeps, row: Loaded): Promise<Recipient | undefined> {
  if (row.userId) {
    const recipient = await findRecipient(deps.db, row.userId);
    if (!recipient) return undefined;
    const sees = await getEventAccess(deps.db, row.eventId, {
      id: row.userId,
      isAdmin: recipient.isAdmin,
    }).then(
      () => true,
      () => false,
    );
    return sees ? recipient : undefined;
  }
  // A guest reads only public events: one made a community event since hears nothing more.
  if (!row.guestEmail || row.visibility !== 'public') return undefined;
  return {
    id: `event-registration:${row.id}`,
    email: row.guestEmail,
    name: '',
    locale: asLocale(row.guestLocale),
    mailPreference: 'all',
    guest: true,
    isAdmin: false,
  };
}

/** Where the recipient sees their registration: the event page, or a guest's own link. */
function linkOf(deps: MailDeps, row: Loaded) {
  if (row.userId || !row.tokenNonce) return eventPageUrl(deps.publicUrl, row.eventId);
  return registrationLinkUrl(deps.publicUrl, registrationTokenOf(deps.secret, row.tokenNonce));
}

const whenOf = (locale: Locale, row: Loaded) =>
  formatWhen(
    locale,
    new Date(toIso(row.startsAt)),
    new Date(toIso(row.endsAt)),
    row.timeZone,
    row.communityTimeZone,
  );

const hello = (locale: Locale, name: string) =>
  name ? mailText(locale)('hello', { name }) : mailText(locale)('helloAlone');

async function calendarFile(deps: MailDeps, row: Loaded, locale: Locale) {
  const t = mailText(locale);
  return [
    {
      filename: t('eventRegistration.fileName'),
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: await registrationCalendar(deps.db, row.id, { publicUrl: deps.publicUrl, locale }),
    },
  ];
}

/** The guest's double opt-in: the link that confirms (and later cancels) their registration. */
export const registrationConfirmJob = defineJob({
  kind: registrationMailKinds.confirm,
  payload: registrationPayload,
  handle: async ({ registrationId }, context, { mail }) => {
    const row = await loadRegistration(mail.db, registrationId);
    // Gone (expired, deleted), confirmed already, or expired: nothing to confirm.
    if (!row || row.userId || row.status !== 'unconfirmed' || isExpired(row) || !row.confirmBy) return;
    const recipient = await recipientOf(mail, row);
    if (!recipient) return;
    const t = mailText(recipient.locale);
    const until = formatWhen(
      recipient.locale,
      new Date(toIso(row.confirmBy)),
      null,
      row.communityTimeZone,
      row.communityTimeZone,
    );
    const content: TemplateOutput = {
      subject: t('eventRegistration.confirmSubject', { eventTitle: row.eventTitle }),
      blocks: [
        { kind: 'paragraph', text: hello(recipient.locale, '') },
        {
          kind: 'paragraph',
          text: t('eventRegistration.confirmBody', {
            eventTitle: row.eventTitle,
            when: whenOf(recipient.locale, row),
          }),
        },
        { kind: 'button', label: t('eventRegistration.confirm'), url: linkOf(mail, row) },
        { kind: 'paragraph', text: t('eventRegistration.confirmBy', { when: until }) },
        { kind: 'paragraph', text: t('eventRegistration.notYou') },
      ],
      reason: t('eventRegistration.confirmReason'),
    };
    await send(mail, context, recipient, 'account', content);
  },
});

function send(
  deps: MailDeps,
  context: JobContext,
  recipient: Recipient,
  category: 'account' | 'notification',
  content: TemplateOutput,
  attachments?: Awaited<ReturnType<typeof calendarFile>>,
) {
  return deliverOnce(deps, {
    key: context.job.key ?? `job:${context.job.id}`,
    jobId: context.job.id,
    recipient,
    // A guest's mails are about their own registration, asked for by them: like account mails,
    // they carry no unsubscribe link (there is no list to leave), and the link cancels.
    category: recipient.guest ? 'account' : category,
    content,
    attachments,
  });
}

/** "A place is free and it is yours": checked when sent, the place must still be theirs. */
export const registrationPromotedJob = defineJob({
  kind: registrationMailKinds.promoted,
  payload: registrationPayload.extend({ slotId: z.string().min(1).max(100).nullable() }),
  handle: async ({ registrationId, slotId }, context, { mail }) => {
    const row = await loadRegistration(mail.db, registrationId);
    if (row?.status !== 'confirmed' || row.cancelledAt !== null) return;
    let what = row.eventTitle;
    if (slotId) {
      const slot = await mail.db
        .selectFrom('eventSlotRegistrations as sr')
        .innerJoin('eventSlots as s', 's.id', 'sr.slotId')
        .select(['s.title', 'sr.status'])
        .where('sr.registrationId', '=', registrationId)
        .where('sr.slotId', '=', slotId)
        .executeTakeFirst();
      if (slot?.status !== 'confirmed') return;
      what = `${slot.title} · ${row.eventTitle}`;
    }
    const recipient = await recipientOf(mail, row);
    if (!recipient) return;
    const t = mailText(recipient.locale);
    await send(
      mail,
      context,
      recipient,
      'notification',
      {
        subject: t('eventRegistration.promotedSubject', { what }),
        blocks: [
          { kind: 'paragraph', text: hello(recipient.locale, recipient.guest ? '' : recipient.name) },
          {
            kind: 'paragraph',
            text: t('eventRegistration.promotedBody', { what, when: whenOf(recipient.locale, row) }),
          },
          { kind: 'button', label: t('eventRegistration.open'), url: linkOf(mail, row) },
          { kind: 'paragraph', text: t('eventRegistration.promotedCancel') },
        ],
        reason: t('eventRegistration.promotedReason'),
      },
      await calendarFile(mail, row, recipient.locale),
    );
  },
});

/** The day before: checked when sent, still registered with a place, the event still on. */
export const eventReminderJob = defineJob({
  kind: registrationMailKinds.reminder,
  payload: registrationPayload,
  handle: async ({ registrationId }, context, { mail }) => {
    const row = await loadRegistration(mail.db, registrationId);
    if (row?.status !== 'confirmed' || row.cancelledAt !== null) return;
    if (Date.parse(toIso(row.startsAt)) <= Date.now()) return;
    const recipient = await recipientOf(mail, row);
    if (!recipient) return;
    const t = mailText(recipient.locale);
    const slots = await mail.db
      .selectFrom('eventSlotRegistrations as sr')
      .innerJoin('eventSlots as s', 's.id', 'sr.slotId')
      .select(['s.title', 'sr.status'])
      .where('sr.registrationId', '=', registrationId)
      .orderBy('s.startsAt')
      .execute();
    const slotText = slots
      .map((slot) =>
        slot.status === 'confirmed' ? slot.title : `${slot.title} (${t('eventRegistration.waitlisted')})`,
      )
      .join(', ');
    await send(
      mail,
      context,
      recipient,
      'notification',
      {
        subject: t('eventRegistration.reminderSubject', { eventTitle: row.eventTitle }),
        blocks: [
          { kind: 'paragraph', text: hello(recipient.locale, recipient.guest ? '' : recipient.name) },
          {
            kind: 'paragraph',
            text: t('eventRegistration.reminderBody', {
              eventTitle: row.eventTitle,
              when: whenOf(recipient.locale, row),
            }),
          },
          ...(slotText
            ? [
                {
                  kind: 'paragraph' as const,
                  text: t('eventRegistration.reminderSlots', { slots: slotText }),
                },
              ]
            : []),
          { kind: 'button', label: t('eventRegistration.open'), url: linkOf(mail, row) },
        ],
        reason: t('eventRegistration.reminderReason'),
      },
      await calendarFile(mail, row, recipient.locale),
    );
  },
});

/**
 * On the once-a-minute tick: reminds, once (keyed per registration), the people with a place at
 * events starting within the next 24 hours that were planned further ahead than that; and erases
 * guests' registrations left unconfirmed past their 48 hours.
 */
export async function eventsTick(db: Kysely<DB>, now: Date): Promise<void> {
  await dropExpired(db, now);
  const soon = new Date(now.getTime() + EVENT_REMINDER_HOURS * HOUR).toISOString();
  const rows = await db
    .selectFrom('eventRegistrations as r')
    .innerJoin('events as e', 'e.id', 'r.eventId')
    .select(['r.id', 'e.startsAt', 'e.createdAt'])
    .where('r.status', '=', 'confirmed')
    .where('e.cancelledAt', 'is', null)
    .where('e.startsAt', '>', now.toISOString())
    .where('e.startsAt', '<=', soon)
    .execute();
  for (const row of rows) {
    // An event created the day before itself reminds nobody: its registrations are fresh.
    if (Date.parse(toIso(row.startsAt)) - Date.parse(toIso(row.createdAt)) <= EVENT_REMINDER_HOURS * HOUR)
      continue;
    await enqueueJob(db, {
      kind: registrationMailKinds.reminder,
      payload: { registrationId: row.id },
      key: `event-reminder:${row.id}`,
    });
  }
}
