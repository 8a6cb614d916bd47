import type { ExpressionBuilder, Kysely } from 'kysely';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../../domain/zoned-time.ts';
import { toIso } from '../db/columns.ts';
import type { DB } from '../db/schema.ts';
import { canSeeCircleContent } from '../features/circles/circles.public.ts';
import type { JobContext, JobHandler } from '../jobs/job-runner.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import { sessionCalendarAttachment } from './invitation-calendar.ts';
import {
  deliverOnce,
  findRecipient,
  type MailCategory,
  type MailDeps,
  type Recipient,
} from './mail-delivery.ts';
import { digestContent } from './mail-digest.ts';
import { asLocale } from './mail-i18n.ts';
import {
  actionDueMail,
  circlePromotionMail,
  circleRenewalMail,
  datePollResultMail,
  formatDay,
  formatSlot,
  formatWhen,
  invitationMail,
  type Locale,
  sessionCancelledMail,
  sessionMovedMail,
  sessionReminderMail,
  signupPromotionMail,
  type TemplateOutput,
  weeklyDigestMail,
} from './mail-templates.ts';
import type { MailAttachment } from './mailer.ts';
import { guestSubject } from './unsubscribe-token.ts';

/** The mail job kinds; payloads carry ids, the mail is written when it is sent. */
export const mailJobKinds = {
  invitation: 'mail.session-invitation',
  datePollResult: 'mail.date-poll-result',
  datePollGuest: 'mail.date-poll-guest',
  sessionReminder: 'mail.session-reminder',
  sessionMoved: 'mail.session-moved',
  sessionCancelled: 'mail.session-cancelled',
  actionDue: 'mail.action-due',
  weeklyDigest: 'mail.weekly-digest',
  weeklyDigestFanout: 'mail.weekly-digest-fanout',
  signupPromotion: 'mail.signup-promotion',
  circlePromotion: 'mail.circle-promotion',
  circleRenewal: 'mail.circle-renewal',
} as const;

const id = z.string().min(1).max(100);
const text = z.string().max(500);
export const mailPayloads = {
  invitation: z.object({ sessionId: id, userId: id }),
  /** A member who answered a closed poll and was not invited: the chosen date, in their language. */
  datePollResult: z.object({ pollId: id, userId: id }),
  /**
   * A guest who left an address on a closed poll: the invitation (.ics) or the result, in their
   * language. With `sessionId` (a poll closed on several slots), the invitation to that slot's session.
   */
  datePollGuest: z.object({ responseId: id, sessionId: id.optional() }),
  sessionReminder: z.object({ sessionId: id, userId: id, startsAt: z.string() }),
  /** A participant of a session that moved; `sequence` is the session's after the change. */
  sessionMoved: z.object({ sessionId: id, userId: id, sequence: z.number().int().min(0) }),
  /** A participant of a session that was called off. */
  sessionCancelled: z.object({ sessionId: id, userId: id }),
  actionDue: z.object({ actionId: id, userId: id, dueOn: z.string() }),
  weeklyDigest: z.object({ userId: id, week: z.string() }),
  /** Without a zone (batches queued before zones): everyone, as then. */
  weeklyDigestFanout: z.object({ week: z.string(), timeZone: z.string().optional() }),
  /** `url` in jobs queued before the sheet's id was carried instead. */
  signupPromotion: z
    .object({
      userId: id,
      sheetTitle: text,
      topicTitle: text,
      sheetId: id.optional(),
      url: z.string().max(2000).optional(),
    })
    .refine((p) => p.sheetId !== undefined || p.url !== undefined, 'a sheet id or a url'),
  circlePromotion: z.object({ circleId: id, userId: id }),
  /** Carried into the next cycle of a circle (decision 055). */
  circleRenewal: z.object({ circleId: id, userId: id }),
};

export type InvitationPayload = z.infer<typeof mailPayloads.invitation>;
export type MailKind = keyof typeof mailPayloads;

/**
 * Queues one mail, typed by kind. Call it with the transaction of the write the mail reports
 * (closing a poll, promoting from a waitlist): the mail then goes if and only if that write
 * commits. Give a `key` when the same event could be reported twice (a retried request, several
 * instances): a second enqueue with the same key does nothing.
 */
export function enqueueMail<K extends MailKind>(
  db: Kysely<DB>,
  kind: K,
  payload: z.input<(typeof mailPayloads)[K]>,
  options: { key?: string; runAt?: Date } = {},
) {
  return enqueueJob(db, { kind: mailJobKinds[kind], payload: mailPayloads[kind].parse(payload), ...options });
}
type Link = { text: string; url?: string };

export interface MailJobHooks {
  /**
   * Files attached to an invitation, given the session and the person. Without this hook the
   * session's .ics goes to those who may see the session (see sessionCalendarAttachment).
   */
  invitationAttachments?: (input: InvitationPayload) => Promise<MailAttachment[]>;
  /** More lines for the weekly digest (open polls, sign-up sheets, boards…). */
  digestExtras?: (input: { userId: string; locale: Locale }) => Promise<Link[]>;
}

/** The mail handlers, one per kind, ready to register on a job runner. */
export function mailJobHandlers(deps: MailDeps, hooks: MailJobHooks = {}): Record<string, JobHandler> {
  const { db, publicUrl } = deps;
  /** Job key when there is one (deterministic), else the job id: both survive retries. */
  const deliveryKey = (context: JobContext) => context.job.key ?? `job:${context.job.id}`;

  async function sendTo(
    context: JobContext,
    recipient: Recipient,
    category: MailCategory,
    /** Resolves to nothing when the mail no longer applies, or names what the recipient may not see. */
    build: (
      locale: Locale,
      name: string,
      attachments: MailAttachment[],
      recipient: Recipient,
    ) => Promise<TemplateOutput | undefined>,
    attachments?: (recipient: Recipient) => Promise<MailAttachment[]>,
  ): Promise<void> {
    const files = attachments ? await attachments(recipient) : [];
    const content = await build(recipient.locale, recipient.name, files, recipient);
    // What it was about is gone or changed, or the recipient may no longer see it: no mail.
    if (!content) return;
    await deliverOnce(deps, {
      key: deliveryKey(context),
      jobId: context.job.id,
      recipient,
      category,
      content,
      attachments: files.length > 0 ? files : undefined,
    });
  }

  async function send(
    context: JobContext,
    userId: string,
    category: MailCategory,
    build: Parameters<typeof sendTo>[3],
    attachments?: Parameters<typeof sendTo>[4],
  ): Promise<void> {
    const recipient = await findRecipient(db, userId);
    if (!recipient) return; // The account was deleted meanwhile: nothing to send.
    await sendTo(context, recipient, category, build, attachments);
  }

  /**
   * Whether the recipient may, right now, see what the mail names: the HTTP routes' rule, in SQL.
   * Checked as each mail is sent, not only when it is queued: someone removed from a private
   * circle in between (or kept on its waitlist) must not read its names in their inbox.
   */
  const maySee = (recipient: Recipient, about: { circleId: string; sessionId?: string | null }) =>
    canSeeCircleContent(db, { id: recipient.id, isAdmin: recipient.isAdmin }, about);

  const invitationContent = async (
    sessionId: string,
    locale: Locale,
    name: string,
    files: MailAttachment[],
    reader: Recipient,
    guest?: { pollTitle: string; url: string },
  ) => {
    const s = await findSession(sessionId);
    // Called off before the invitation went: nothing to invite to.
    if (!s || s.cancelledAt !== null) return undefined;
    // A poll's guest is invited through the poll's share link, which is their only standing.
    if (!guest && !(await maySee(reader, { circleId: s.circleId, sessionId: s.id }))) return undefined;
    return invitationMail(locale, {
      hasCalendarFile: files.some((file) => file.filename.endsWith('.ics')),
      name,
      sessionTitle: s.title,
      circleName: s.circleName,
      when: formatWhen(locale, new Date(s.startsAt), new Date(s.endsAt), s.timeZone, s.communityTimeZone),
      place: s.place,
      url: guest?.url ?? `${publicUrl}/sessions/${s.id}`,
      ...(guest && { guestOfPoll: guest.pollTitle }),
    });
  };

  const findClosedPoll = async (pollId: string) => {
    const poll = await db
      .selectFrom('datePolls as p')
      .innerJoin('circles as c', 'c.id', 'p.circleId')
      .select([
        'p.id',
        'p.circleId',
        'p.title',
        'p.timeZone',
        'p.shareToken',
        'p.sessionId',
        'p.chosenSlotId',
        'c.name as circleName',
      ])
      .where('p.id', '=', pollId)
      .where('p.status', '=', 'closed')
      .executeTakeFirst();
    if (!poll) return undefined;
    // Every slot it closed on (each has its session), in time order.
    const chosen = await db
      .selectFrom('datePollSlots')
      .select(['id', 'startsAt', 'endsAt', 'sessionId'])
      .where('pollId', '=', pollId)
      .where((eb) => eb.or([eb('sessionId', 'is not', null), eb('id', '=', poll.chosenSlotId ?? '')]))
      .orderBy('position')
      .execute();
    return { ...poll, chosen };
  };

  const resultContent = (
    poll: NonNullable<Awaited<ReturnType<typeof findClosedPoll>>>,
    locale: Locale,
    name: string,
    url: string,
    guest = false,
  ) =>
    datePollResultMail(locale, {
      name,
      title: poll.title,
      circleName: poll.circleName,
      slot:
        poll.chosen.length > 0
          ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(
              poll.chosen.map((slot) =>
                formatSlot(locale, new Date(slot.startsAt), new Date(slot.endsAt), poll.timeZone),
              ),
            )
          : null,
      url,
      guest,
    });

  /** Still listed on the session, and not excused: someone who said they will not come hears no more. */
  const stillTakesPart = async (sessionId: string, userId: string) =>
    Boolean(
      await db
        .selectFrom('sessionParticipants')
        .select('id')
        .where('sessionId', '=', sessionId)
        .where('userId', '=', userId)
        .where('status', '!=', 'excused')
        .executeTakeFirst(),
    );

  const findSession = (sessionId: string) =>
    db
      .selectFrom('sessions')
      .innerJoin('circles', 'circles.id', 'sessions.circleId')
      .innerJoin('communities', 'communities.id', 'circles.communityId')
      .select([
        'sessions.id',
        'sessions.circleId',
        'sessions.title',
        'sessions.startsAt',
        'sessions.endsAt',
        'sessions.timeZone',
        'communities.timeZone as communityTimeZone',
        'sessions.place',
        'sessions.status',
        'sessions.cancelledAt',
        'sessions.cancelReason',
        'sessions.sequence',
        'circles.name as circleName',
        'circles.reminderHours',
      ])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();

  return {
    [mailJobKinds.invitation]: async (context) => {
      const p = mailPayloads.invitation.parse(context.payload);
      await send(
        context,
        p.userId,
        'notification',
        (locale, name, files, recipient) => invitationContent(p.sessionId, locale, name, files, recipient),
        (recipient) =>
          hooks.invitationAttachments
            ? hooks.invitationAttachments(p)
            : sessionCalendarAttachment(deps, p.sessionId, recipient),
      );
    },

    [mailJobKinds.datePollResult]: async (context) => {
      const p = mailPayloads.datePollResult.parse(context.payload);
      await send(context, p.userId, 'notification', async (locale, name, _files, recipient) => {
        const poll = await findClosedPoll(p.pollId);
        if (!poll || !(await maySee(recipient, { circleId: poll.circleId }))) return undefined;
        return resultContent(poll, locale, name, `${publicUrl}/date-polls/${poll.id}`);
      });
    },

    [mailJobKinds.datePollGuest]: async (context) => {
      const p = mailPayloads.datePollGuest.parse(context.payload);
      const response = await db
        .selectFrom('datePollResponses as r')
        .leftJoin('datePolls as p', 'p.id', 'r.pollId')
        // The slot whose session the job names, else the poll's (first) chosen slot.
        .leftJoin('datePollSlots as s', (join) =>
          p.sessionId
            ? join.onRef('s.pollId', '=', 'r.pollId').on('s.sessionId', '=', p.sessionId)
            : join.onRef('s.id', '=', 'p.chosenSlotId'),
        )
        .leftJoin('datePollAnswers as a', (join) =>
          join.onRef('a.responseId', '=', 'r.id').onRef('a.slotId', '=', 's.id'),
        )
        .select([
          'r.pollId',
          'r.guestEmail',
          'r.guestLocale',
          'a.value as answer',
          's.sessionId as slotSessionId',
        ])
        .where('r.id', '=', p.responseId)
        .where('r.userId', 'is', null)
        .executeTakeFirst();
      // The guest had their address forgotten (their unsubscribe link) or the answer is gone.
      if (!response?.guestEmail) return;
      const poll = await findClosedPoll(response.pollId);
      if (!poll) return;
      // Anyone may type any address on a guest answer: the mail carries only the instance's words
      // and what members wrote (poll, circle, session), never the name or comment the guest typed,
      // or the instance would carry a stranger's text to an address nobody has verified.
      const recipient: Recipient = {
        id: guestSubject(p.responseId),
        email: response.guestEmail,
        name: '',
        locale: asLocale(response.guestLocale),
        mailPreference: 'all',
        guest: true,
        isAdmin: false,
      };
      // Guests read the poll through its share link; they have no account to open the session with.
      const url = `${publicUrl}/date-polls/link/${poll.shareToken}`;
      const sessionId = p.sessionId ? response.slotSessionId : poll.sessionId;
      if (p.sessionId && !(sessionId && (response.answer === 'yes' || response.answer === 'maybe'))) {
        // That slot's session is gone, or the answer no longer says so: nothing to invite to.
        return;
      }
      if (sessionId && (response.answer === 'yes' || response.answer === 'maybe')) {
        await sendTo(
          context,
          recipient,
          'notification',
          (locale, name, files) =>
            invitationContent(sessionId, locale, name, files, recipient, { pollTitle: poll.title, url }),
          () => sessionCalendarAttachment(deps, sessionId, recipient),
        );
      } else {
        await sendTo(context, recipient, 'notification', async (locale, name) =>
          resultContent(poll, locale, name, url, true),
        );
      }
    },

    [mailJobKinds.signupPromotion]: async (context) => {
      const p = mailPayloads.signupPromotion.parse(context.payload);
      // Jobs queued before the sheet's id was carried name it only in their link.
      const sheetId = p.sheetId ?? p.url?.match(/\/signup-sheets\/([^/?#]+)/)?.[1];
      await send(context, p.userId, 'notification', async (locale, name, _files, recipient) => {
        const sheet =
          sheetId &&
          (await db
            .selectFrom('signupSheets')
            .select('circleId')
            .where('id', '=', sheetId)
            .executeTakeFirst());
        if (!sheet || !(await maySee(recipient, { circleId: sheet.circleId }))) return undefined;
        return signupPromotionMail(locale, {
          name,
          sheetTitle: p.sheetTitle,
          topicTitle: p.topicTitle,
          url: p.url ?? `${publicUrl}/signup-sheets/${sheetId}`,
        });
      });
    },

    [mailJobKinds.circlePromotion]: async (context) => {
      const p = mailPayloads.circlePromotion.parse(context.payload);
      await send(context, p.userId, 'notification', async (locale, name, _files, recipient) => {
        // The place must still be theirs (not left or removed since) and the circle still theirs to see.
        const circle = await db
          .selectFrom('circles')
          .innerJoin('circleMembers as m', 'm.circleId', 'circles.id')
          .select('circles.name')
          .where('circles.id', '=', p.circleId)
          .where('m.userId', '=', p.userId)
          .where('m.status', '=', 'member')
          .executeTakeFirst();
        if (!circle || !(await maySee(recipient, { circleId: p.circleId }))) return undefined;
        return circlePromotionMail(locale, {
          name,
          circleName: circle.name,
          url: `${publicUrl}/circles/${p.circleId}`,
        });
      });
    },

    [mailJobKinds.circleRenewal]: async (context) => {
      const p = mailPayloads.circleRenewal.parse(context.payload);
      await send(context, p.userId, 'notification', async (locale, name, _files, recipient) => {
        // Still carried (not left or removed since) and the circle still theirs to see.
        const circle = await db
          .selectFrom('circles')
          .innerJoin('circleMembers as m', 'm.circleId', 'circles.id')
          .leftJoin('circles as previous', 'previous.id', 'circles.previousCircleId')
          .select(['circles.name', 'previous.name as previousName', 'm.status'])
          .where('circles.id', '=', p.circleId)
          .where('m.userId', '=', p.userId)
          .where('m.status', 'in', ['member', 'waitlisted'])
          .executeTakeFirst();
        if (!circle || !(await maySee(recipient, { circleId: p.circleId }))) return undefined;
        return circleRenewalMail(locale, {
          name,
          circleName: circle.name,
          previousName: circle.previousName ?? circle.name,
          isWaitlisted: circle.status === 'waitlisted',
          url: `${publicUrl}/circles/${p.circleId}`,
        });
      });
    },

    [mailJobKinds.sessionMoved]: async (context) => {
      const p = mailPayloads.sessionMoved.parse(context.payload);
      await send(
        context,
        p.userId,
        'notification',
        async (locale, name, files, recipient) => {
          const s = await findSession(p.sessionId);
          // Changed again since (that change sends its own mail), started or called off: stale.
          if (s?.status !== 'scheduled' || s.cancelledAt !== null || Number(s.sequence) !== p.sequence)
            return undefined;
          if (!(await stillTakesPart(s.id, p.userId))) return undefined;
          if (!(await maySee(recipient, { circleId: s.circleId, sessionId: s.id }))) return undefined;
          return sessionMovedMail(locale, {
            name,
            sessionTitle: s.title,
            circleName: s.circleName,
            when: formatWhen(
              locale,
              new Date(s.startsAt),
              new Date(s.endsAt),
              s.timeZone,
              s.communityTimeZone,
            ),
            place: s.place,
            url: `${publicUrl}/sessions/${s.id}`,
            hasCalendarFile: files.some((file) => file.filename.endsWith('.ics')),
          });
        },
        (recipient) => sessionCalendarAttachment(deps, p.sessionId, recipient),
      );
    },

    [mailJobKinds.sessionCancelled]: async (context) => {
      const p = mailPayloads.sessionCancelled.parse(context.payload);
      await send(
        context,
        p.userId,
        'notification',
        async (locale, name, files, recipient) => {
          const s = await findSession(p.sessionId);
          if (!s || s.cancelledAt === null) return undefined;
          if (!(await stillTakesPart(s.id, p.userId))) return undefined;
          if (!(await maySee(recipient, { circleId: s.circleId, sessionId: s.id }))) return undefined;
          return sessionCancelledMail(locale, {
            name,
            sessionTitle: s.title,
            circleName: s.circleName,
            when: formatWhen(
              locale,
              new Date(s.startsAt),
              new Date(s.endsAt),
              s.timeZone,
              s.communityTimeZone,
            ),
            reason: s.cancelReason ?? '',
            url: `${publicUrl}/sessions/${s.id}`,
            hasCalendarFile: files.some((file) => file.filename.endsWith('.ics')),
          });
        },
        (recipient) => sessionCalendarAttachment(deps, p.sessionId, recipient),
      );
    },

    [mailJobKinds.sessionReminder]: async (context) => {
      const p = mailPayloads.sessionReminder.parse(context.payload);
      await send(context, p.userId, 'notification', async (locale, name, _files, recipient) => {
        const s = await findSession(p.sessionId);
        // Moved, started, called off or reminders switched off since it was scheduled: stale.
        if (
          s?.status !== 'scheduled' ||
          s.cancelledAt !== null ||
          s.reminderHours === null ||
          toIso(s.startsAt) !== p.startsAt
        )
          return undefined;
        if (!(await maySee(recipient, { circleId: s.circleId, sessionId: s.id }))) return undefined;
        return sessionReminderMail(locale, {
          name,
          sessionTitle: s.title,
          circleName: s.circleName,
          when: formatWhen(locale, new Date(s.startsAt), new Date(s.endsAt), s.timeZone, s.communityTimeZone),
          place: s.place,
          url: `${publicUrl}/sessions/${s.id}`,
        });
      });
    },

    [mailJobKinds.actionDue]: async (context) => {
      const p = mailPayloads.actionDue.parse(context.payload);
      await send(context, p.userId, 'notification', async (locale, name, _files, recipient) => {
        // Still theirs to carry: an owner taken off the action since is not reminded of it.
        const action = await db
          .selectFrom('actions')
          .innerJoin('circles', 'circles.id', 'actions.circleId')
          .innerJoin('actionOwners as o', 'o.actionId', 'actions.id')
          .select([
            'actions.circleId',
            'actions.sessionId',
            'actions.title',
            'actions.dueOn',
            'actions.status',
            'circles.name as circleName',
          ])
          .where('actions.id', '=', p.actionId)
          .where('o.userId', '=', p.userId)
          .executeTakeFirst();
        if (!action || action.dueOn !== p.dueOn || action.status === 'done' || action.status === 'dropped') {
          return undefined;
        }
        if (!(await maySee(recipient, action))) return undefined;
        return actionDueMail(locale, {
          name,
          actionTitle: action.title,
          circleName: action.circleName,
          dueOn: formatDay(locale, p.dueOn),
          url: `${publicUrl}/my-actions`,
        });
      });
    },

    [mailJobKinds.weeklyDigest]: async (context) => {
      const p = mailPayloads.weeklyDigest.parse(context.payload);
      await send(context, p.userId, 'digest', async (locale, name, _files, recipient) => {
        const content = await digestContent(db, recipient, locale, publicUrl);
        const polls = (await hooks.digestExtras?.({ userId: p.userId, locale })) ?? [];
        // Nothing ahead: no mail rather than an empty one every Monday.
        if (content.sessions.length + content.actions.length + polls.length === 0) return undefined;
        return weeklyDigestMail(locale, { name, ...content, polls, url: publicUrl });
      });
    },

    [mailJobKinds.weeklyDigestFanout]: async (context) => {
      const p = mailPayloads.weeklyDigestFanout.parse(context.payload);
      await enqueueWeeklyDigests(db, p.week, p.timeZone);
    },
  };
}

/**
 * One digest job per person who wants it; keyed by week, so a re-run adds nobody twice. With a
 * zone: the members of its communities, and people in no community when it is the default zone.
 */
export async function enqueueWeeklyDigests(db: Kysely<DB>, week: string, timeZone?: string): Promise<void> {
  let query = db.selectFrom('users').select('id').where('mailPreference', '!=', 'none');
  if (timeZone) {
    const memberships = (eb: ExpressionBuilder<DB, 'users'>) =>
      eb
        .selectFrom('communityMembers')
        .innerJoin('communities', 'communities.id', 'communityMembers.communityId')
        .select('communityMembers.userId')
        .whereRef('communityMembers.userId', '=', 'users.id')
        .where('communityMembers.status', '=', 'active');
    query = query.where((eb) =>
      eb.or([
        eb.exists(memberships(eb).where('communities.timeZone', '=', timeZone)),
        timeZone === DEFAULT_TIME_ZONE ? eb.not(eb.exists(memberships(eb))) : eb.val(false),
      ]),
    );
  }
  const people = await query.execute();
  for (const person of people) {
    await enqueueJob(db, {
      kind: mailJobKinds.weeklyDigest,
      payload: { userId: person.id, week },
      key: `digest:${week}:${person.id}`,
    });
  }
}
