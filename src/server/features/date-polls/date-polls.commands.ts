import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DateAnswerInput, DatePollCreateInput, DatePollPatch } from '../../../contract/date-poll.ts';
import { type SlotProblemKind, slotProblems } from '../../../domain/date-poll.ts';
import { toBool } from '../../db/columns.ts';
import { lockDatePoll } from '../../db/locks.ts';
import type { DatePollRow, DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Locale } from '../../mail/mail-i18n.ts';
import { enqueueMail } from '../../mail/mail-jobs.ts';
import { addGuestParticipant, createSession, setOwnParticipation } from '../sessions/sessions.public.ts';
import { isAnswerable } from './date-polls.queries.ts';
import { type GuestAnswerOrigin, takeGuestAnswerAllowance } from './guest-answer-limits.ts';

const secret = () => randomBytes(24).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Which field of a slot each problem is about: what the form marks. */
const slotField: Record<SlotProblemKind, string[]> = {
  'ends-before-start': ['endsAt'],
  'in-the-past': ['startsAt'],
  duplicate: [],
};

/** Creates a poll; its slots are kept in time order, which is how the grid reads them. */
export async function createDatePoll(
  db: Kysely<DB>,
  circleId: string,
  creatorId: string,
  input: DatePollCreateInput,
): Promise<string> {
  const given = input.slots.map((slot) => ({
    startsAt: Date.parse(slot.startsAt),
    endsAt: Date.parse(slot.endsAt),
  }));
  // Checked in the order given, so each problem's path names the row of the organiser's form.
  const problems = slotProblems(given, Date.now());
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      'Each slot must end after it starts, start in the future, and appear once',
      problems.map((problem) => ({
        path: ['body', 'slots', String(problem.index), ...slotField[problem.kind]],
        message: problem.kind,
      })),
    );
  }
  const slots = given.toSorted((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt);
  if (input.deadline && Date.parse(input.deadline) <= Date.now()) {
    throw new AppError('INVALID_INPUT', 'The deadline must be in the future', [
      { path: ['body', 'deadline'], message: 'in the past' },
    ]);
  }
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('datePolls')
      .values({
        id,
        circleId,
        title: input.title,
        timeZone: input.timeZone,
        deadline: input.deadline ? new Date(input.deadline).toISOString() : null,
        hideParticipants: input.hideParticipants,
        shareToken: secret(),
        status: 'open',
        chosenSlotId: null,
        sessionId: null,
        createdBy: creatorId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto('datePollSlots')
      .values(
        slots.map((slot, index) => ({
          id: randomUUID(),
          pollId: id,
          position: index + 1,
          startsAt: new Date(slot.startsAt).toISOString(),
          endsAt: new Date(slot.endsAt).toISOString(),
        })),
      )
      .execute();
  });
  return id;
}

/** The organiser edits the title, the deadline (a new one must be in the future) or name hiding. */
export async function patchDatePoll(db: Kysely<DB>, pollId: string, patch: DatePollPatch): Promise<void> {
  if (patch.deadline && Date.parse(patch.deadline) <= Date.now()) {
    throw new AppError('INVALID_INPUT', 'The deadline must be in the future', [
      { path: ['body', 'deadline'], message: 'in the past' },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    const poll = await lockDatePoll(trx, pollId);
    if (!poll) throw notFound('Date poll');
    if (poll.status === 'closed') throw new AppError('CONFLICT', 'This poll is closed');
    if (toBool(poll.hideParticipants) && patch.hideParticipants === false) {
      // People answered on the promise that only the organiser would see their names. Answers take
      // the same poll lock, so none can slip in between this read and the update.
      const answered = await trx
        .selectFrom('datePollResponses')
        .select('id')
        .where('pollId', '=', pollId)
        .limit(1)
        .executeTakeFirst();
      if (answered) {
        throw new AppError('CONFLICT', 'Names stay hidden once people have answered', [
          { path: ['body', 'hideParticipants'], message: 'cannot be switched off after answers' },
        ]);
      }
    }
    await trx
      .updateTable('datePolls')
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.deadline !== undefined && {
          deadline: patch.deadline === null ? null : new Date(patch.deadline).toISOString(),
        }),
        ...(patch.hideParticipants !== undefined && { hideParticipants: patch.hideParticipants }),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', pollId)
      .execute();
  });
}

/** Locks the poll and refuses answers once it is closed or past its deadline. */
async function lockAnswerablePoll(trx: Transaction<DB>, pollId: string): Promise<DatePollRow> {
  const poll = await lockDatePoll(trx, pollId);
  if (!poll) throw notFound('Date poll');
  if (!isAnswerable(poll)) {
    throw new AppError(
      'CONFLICT',
      poll.status === 'closed' ? 'This poll is closed' : 'The deadline has passed',
    );
  }
  return poll;
}

/** Every answered slot must be one of the poll's, once. */
async function requirePollSlots(trx: Transaction<DB>, pollId: string, answers: DateAnswerInput) {
  const known = new Set(
    (await trx.selectFrom('datePollSlots').select('id').where('pollId', '=', pollId).execute()).map(
      (row) => row.id,
    ),
  );
  const seen = new Set<string>();
  const problems = answers.flatMap((answer, index) => {
    const problem = !known.has(answer.slotId) ? 'unknown slot' : seen.has(answer.slotId) ? 'twice' : null;
    seen.add(answer.slotId);
    return problem ? [{ path: ['body', 'answers', String(index), 'slotId'], message: problem }] : [];
  });
  if (problems.length > 0)
    throw new AppError('INVALID_INPUT', 'Answer each of the poll’s slots at most once', problems);
}

async function replaceAnswers(trx: Transaction<DB>, responseId: string, answers: DateAnswerInput) {
  await trx.deleteFrom('datePollAnswers').where('responseId', '=', responseId).execute();
  if (answers.length === 0) return;
  await trx
    .insertInto('datePollAnswers')
    .values(answers.map((answer) => ({ responseId, slotId: answer.slotId, value: answer.value })))
    .execute();
}

/** A member's answers replace their previous ones; slots left out stay unanswered. */
export async function saveMemberAnswers(
  db: Kysely<DB>,
  pollId: string,
  userId: string,
  input: { answers: DateAnswerInput; comment?: string | undefined },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockAnswerablePoll(trx, pollId);
    await requirePollSlots(trx, pollId, input.answers);
    const now = new Date().toISOString();
    const existing = await trx
      .selectFrom('datePollResponses')
      .select('id')
      .where('pollId', '=', pollId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    const responseId = existing?.id ?? randomUUID();
    if (existing) {
      await trx
        .updateTable('datePollResponses')
        .set({ updatedAt: now, ...(input.comment !== undefined && { comment: input.comment }) })
        .where('id', '=', responseId)
        .execute();
    } else {
      await trx
        .insertInto('datePollResponses')
        .values({
          id: responseId,
          pollId,
          userId,
          guestName: null,
          guestEmail: null,
          editTokenHash: null,
          comment: input.comment ?? '',
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    }
    await replaceAnswers(trx, responseId, input.answers);
  });
}

/** A guest's first answer; returns the private edit token, which is stored only as a hash. */
export async function createGuestResponse(
  db: Kysely<DB>,
  pollId: string,
  input: { name: string; email?: string | undefined; answers: DateAnswerInput; comment?: string | undefined },
  origin: GuestAnswerOrigin,
  locale: Locale,
): Promise<string> {
  const editToken = secret();
  await db.transaction().execute(async (trx) => {
    await lockAnswerablePoll(trx, pollId);
    await requirePollSlots(trx, pollId, input.answers);
    await takeGuestAnswerAllowance(trx, origin);
    const now = new Date().toISOString();
    const responseId = randomUUID();
    await trx
      .insertInto('datePollResponses')
      .values({
        id: responseId,
        pollId,
        userId: null,
        guestName: input.name,
        guestEmail: input.email ?? null,
        guestLocale: locale,
        editTokenHash: hashToken(editToken),
        comment: input.comment ?? '',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await replaceAnswers(trx, responseId, input.answers);
  });
  return editToken;
}

export function findGuestResponse(db: Kysely<DB>, pollId: string, editToken: string) {
  return db
    .selectFrom('datePollResponses')
    .selectAll()
    .where('pollId', '=', pollId)
    .where('editTokenHash', '=', hashToken(editToken))
    .executeTakeFirst();
}

export async function updateGuestResponse(
  db: Kysely<DB>,
  responseId: string,
  pollId: string,
  input: { answers: DateAnswerInput; comment?: string | undefined; name?: string | undefined },
  locale: Locale,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockAnswerablePoll(trx, pollId);
    await requirePollSlots(trx, pollId, input.answers);
    await trx
      .updateTable('datePollResponses')
      .set({
        updatedAt: new Date().toISOString(),
        // The result is written in the language of the guest's latest answer.
        guestLocale: locale,
        ...(input.comment !== undefined && { comment: input.comment }),
        ...(input.name !== undefined && { guestName: input.name }),
      })
      .where('id', '=', responseId)
      .execute();
    await replaceAnswers(trx, responseId, input.answers);
  });
}

/**
 * Who still belongs with the circle's content: its members, its community's animators and the
 * instance's admins (those who could answer). Someone who answered and then left or was removed
 * is neither invited nor mailed when the poll closes.
 */
async function stillInCircle(
  trx: Transaction<DB>,
  pollId: string,
  circleId: string,
): Promise<(userId: string) => boolean> {
  const circle = await trx
    .selectFrom('circles')
    .select('communityId')
    .where('id', '=', circleId)
    .executeTakeFirstOrThrow();
  const rows = await trx
    .selectFrom('users as u')
    .select('u.id')
    .where((eb) =>
      eb.or([
        eb('u.isAdmin', '=', true),
        eb.exists(
          eb
            .selectFrom('circleMembers as m')
            .select('m.userId')
            .whereRef('m.userId', '=', 'u.id')
            .where('m.circleId', '=', circleId)
            .where('m.status', '=', 'member'),
        ),
        eb.exists(
          eb
            .selectFrom('communityMembers as c')
            .select('c.userId')
            .whereRef('c.userId', '=', 'u.id')
            .where('c.communityId', '=', circle.communityId)
            .where('c.role', '=', 'animator')
            .where('c.status', '=', 'active'),
        ),
      ]),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('datePollResponses as r')
          .select('r.id')
          .whereRef('r.userId', '=', 'u.id')
          .where('r.pollId', '=', pollId),
      ),
    )
    .execute();
  const ids = new Set(rows.map((row) => row.id));
  return (userId) => ids.has(userId);
}

/**
 * Closes the poll on one or several slots, in one transaction under the poll lock: for each chosen
 * slot the circle gets a session at that slot (in the poll's time zone), and those who answered yes
 * or "if need be" to THAT slot are invited to its session (members by account, guests by name); the
 * slot records its session and the poll its outcome (the first chosen slot and session, as when a
 * poll closed on one). A second close, even a simultaneous one, finds the poll closed: 409, and no
 * second set of sessions. Everyone who answered is told in the same transaction (queued mail, sent
 * only if the close commits): see enqueueClosedPollMails.
 */
export async function closeDatePoll(
  db: Kysely<DB>,
  pollId: string,
  slotIds: string[],
  closerId: string,
): Promise<{ sessionIds: string[] }> {
  return db.transaction().execute(async (trx) => {
    const poll = await lockDatePoll(trx, pollId);
    if (!poll) throw notFound('Date poll');
    if (poll.status === 'closed') throw new AppError('CONFLICT', 'This poll is already closed');
    const pollSlots = await trx
      .selectFrom('datePollSlots')
      .selectAll()
      .where('pollId', '=', pollId)
      .orderBy('position')
      .execute();
    const known = new Set(pollSlots.map((slot) => slot.id));
    const seen = new Set<string>();
    const problems = slotIds.flatMap((slotId, index) => {
      const problem = !known.has(slotId) ? 'unknown slot' : seen.has(slotId) ? 'twice' : null;
      seen.add(slotId);
      return problem ? [{ path: ['body', 'slotIds', String(index)], message: problem }] : [];
    });
    if (problems.length > 0)
      throw new AppError('INVALID_INPUT', 'Pick the poll’s slots, each once', problems);
    // In time order, whatever order they were ticked in: the first is the poll's "chosen" one.
    const chosen = pollSlots.filter((slot) => seen.has(slot.id));
    const present = await stillInCircle(trx, pollId, poll.circleId);
    const sessions: { slotId: string; sessionId: string }[] = [];
    for (const slot of chosen) {
      const sessionId = await createSession(trx, poll.circleId, closerId, {
        title: poll.title,
        startsAt: new Date(slot.startsAt).toISOString(),
        endsAt: new Date(slot.endsAt).toISOString(),
        timeZone: poll.timeZone,
      });
      const available = await trx
        .selectFrom('datePollAnswers as a')
        .innerJoin('datePollResponses as r', 'r.id', 'a.responseId')
        .select(['r.userId', 'r.guestName'])
        .where('a.slotId', '=', slot.id)
        .where('a.value', 'in', ['yes', 'maybe'])
        .orderBy('r.createdAt')
        .execute();
      for (const person of available) {
        if (person.userId) {
          if (present(person.userId)) await setOwnParticipation(trx, sessionId, person.userId, 'invited');
        } else if (person.guestName) await addGuestParticipant(trx, sessionId, person.guestName, 'invited');
      }
      await trx.updateTable('datePollSlots').set({ sessionId }).where('id', '=', slot.id).execute();
      sessions.push({ slotId: slot.id, sessionId });
    }
    const [first] = sessions;
    if (!first) throw new AppError('INVALID_INPUT', 'Pick at least one slot');
    await trx
      .updateTable('datePolls')
      .set({
        status: 'closed',
        chosenSlotId: first.slotId,
        sessionId: first.sessionId,
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', pollId)
      .execute();
    await enqueueClosedPollMails(trx, pollId, sessions, present);
    return { sessionIds: sessions.map((session) => session.sessionId) };
  });
}

/**
 * Mail for each person who answered, keyed by poll, slot and person so it is queued once whatever
 * happens: members get the invitation (with its .ics) of each chosen slot they said yes or "if need
 * be" to, and the result when they said so to none; guests who left an address get the same through
 * guest jobs, which read their answer when they run.
 */
async function enqueueClosedPollMails(
  trx: Transaction<DB>,
  pollId: string,
  sessions: { slotId: string; sessionId: string }[],
  present: (userId: string) => boolean,
): Promise<void> {
  const respondents = await trx
    .selectFrom('datePollResponses as r')
    .select(['r.id', 'r.userId', 'r.guestEmail'])
    .where('r.pollId', '=', pollId)
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .execute();
  const available = await trx
    .selectFrom('datePollAnswers as a')
    .innerJoin('datePollResponses as r', 'r.id', 'a.responseId')
    .select(['a.responseId', 'a.slotId'])
    .where('r.pollId', '=', pollId)
    .where('a.value', 'in', ['yes', 'maybe'])
    .execute();
  const says = new Set(available.map((row) => `${row.responseId}:${row.slotId}`));
  for (const person of respondents) {
    const invitedTo = sessions.filter((session) => says.has(`${person.id}:${session.slotId}`));
    // One chosen slot keeps the keys it always had; several name the slot.
    const slotKey = (slotId: string) => (sessions.length > 1 ? `:${slotId}` : '');
    if (person.userId) {
      const userId = person.userId;
      // Someone who has left the circle since answering hears nothing more of it.
      if (!present(userId)) continue;
      for (const { slotId, sessionId } of invitedTo) {
        await enqueueMail(
          trx,
          'invitation',
          { sessionId, userId },
          { key: `date-poll:${pollId}:invitation${slotKey(slotId)}:${userId}` },
        );
      }
      if (invitedTo.length === 0) {
        await enqueueMail(
          trx,
          'datePollResult',
          { pollId, userId },
          { key: `date-poll:${pollId}:result:${userId}` },
        );
      }
    } else if (person.guestEmail) {
      if (sessions.length === 1 || invitedTo.length === 0) {
        // The guest job reads the answer to the poll's chosen slot: invitation or result.
        await enqueueMail(
          trx,
          'datePollGuest',
          { responseId: person.id },
          { key: `date-poll:${pollId}:guest:${person.id}` },
        );
      } else {
        for (const { slotId, sessionId } of invitedTo) {
          await enqueueMail(
            trx,
            'datePollGuest',
            { responseId: person.id, sessionId },
            { key: `date-poll:${pollId}:guest:${person.id}:${slotId}` },
          );
        }
      }
    }
  }
}
