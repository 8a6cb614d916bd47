import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type {
  AgendaItemInput,
  SessionCreateInput,
  SessionPatch,
  SessionSeriesCreateInput,
} from '../../../contract/session.ts';
import { agendaProblems, childTimeProblems } from '../../../domain/agenda.ts';
import {
  occurrences,
  occurrenceTimes,
  type RecurrenceRule,
  recurrenceProblems,
} from '../../../domain/recurrence.ts';
import type { CheckinRound, ParticipantStatus, Weather } from '../../../domain/session.ts';
import { toIso } from '../../db/columns.ts';
import { lockSession } from '../../db/locks.ts';
import type { DB, SessionRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import './meeting.tables.ts';
import { enqueueMail } from '../../mail/mail-jobs.ts';

export async function createSession(
  db: Kysely<DB>,
  circleId: string,
  creatorId: string | null,
  input: SessionCreateInput,
) {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('sessions')
    .values({
      id,
      circleId,
      title: input.title,
      description: input.description ?? '',
      startsAt: new Date(input.startsAt).toISOString(),
      endsAt: new Date(input.endsAt).toISOString(),
      timeZone: input.timeZone,
      place: input.place ?? '',
      videoUrl: input.videoUrl || null,
      status: 'scheduled',
      currentItemId: null,
      currentItemStartedAt: null,
      startedAt: null,
      synthesis: '',
      notesMarkdown: '',
      createdBy: creatorId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

/**
 * Plans a series of recurring sessions in one transaction: the series keeps its rule, and each
 * occurrence is an ordinary session of the circle naming its series (edited, cancelled or deleted
 * alone). The rule must end (a count or an until day), make at most 52 dates, and name only its own
 * dates among the skipped and moved ones; every occurrence must start in the future.
 */
export async function createSessionSeries(
  db: Kysely<DB>,
  circleId: string,
  creatorId: string,
  input: SessionSeriesCreateInput,
): Promise<{ seriesId: string; sessions: { id: string; startsAt: string; endsAt: string }[] }> {
  const rule: RecurrenceRule = {
    frequency: input.frequency,
    interval: input.interval,
    firstDate: input.firstDate,
    count: input.count,
    until: input.until,
    skip: input.skip,
    moves: input.moves,
  };
  const problems = recurrenceProblems(rule).map((problem) =>
    problem.kind === 'no-end'
      ? { path: ['body', 'count'], message: 'give a count or an until date' }
      : problem.kind === 'too-many'
        ? { path: ['body', 'until'], message: 'at most 52 sessions' }
        : {
            path: ['body', problem.field, String(problem.index), 'date'],
            message: 'not a date of the series',
          },
  );
  const planned = occurrences(rule).map((occurrence) =>
    occurrenceTimes(occurrence, {
      startTime: input.startTime,
      endTime: input.endTime,
      timeZone: input.timeZone,
    }),
  );
  if (planned.length === 0) problems.push({ path: ['body', 'skip'], message: 'no session left' });
  const now = Date.now();
  if (planned.some((times) => times.startsAt.getTime() <= now))
    problems.push({ path: ['body', 'firstDate'], message: 'every session must start in the future' });
  if (planned.some((times) => times.endsAt <= times.startsAt))
    problems.push({ path: ['body', 'endTime'], message: 'must end after it starts' });
  if (problems.length > 0) throw new AppError('INVALID_INPUT', 'This series cannot be planned', problems);
  const seriesId = randomUUID();
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessionSeries')
      .values({
        id: seriesId,
        circleId,
        rule: JSON.stringify({
          ...rule,
          startTime: input.startTime,
          endTime: input.endTime,
          timeZone: input.timeZone,
        }),
        createdAt: new Date().toISOString(),
      })
      .execute();
    const sessions = [];
    for (const times of planned) {
      const startsAt = times.startsAt.toISOString();
      const endsAt = times.endsAt.toISOString();
      const id = await createSession(trx, circleId, creatorId, {
        title: input.title,
        startsAt,
        endsAt,
        timeZone: input.timeZone,
        place: input.place,
        description: input.description,
        videoUrl: input.videoUrl,
      });
      await trx.updateTable('sessions').set({ seriesId }).where('id', '=', id).execute();
      sessions.push({ id, startsAt, endsAt });
    }
    return { seriesId, sessions };
  });
}

/**
 * Creates a session and its agenda in one transaction (planning from a learning design): the
 * agenda is checked against the session first, so either both exist or neither does. Given a
 * transaction (the demo data), it writes in it.
 */
export async function createSessionWithAgenda(
  db: Kysely<DB>,
  circleId: string,
  creatorId: string | null,
  input: SessionCreateInput,
  items: AgendaItemInput[],
): Promise<string> {
  await checkAgenda(
    db,
    {
      circleId,
      startsAt: new Date(input.startsAt).toISOString(),
      endsAt: new Date(input.endsAt).toISOString(),
    },
    items,
  );
  const write = async (trx: Kysely<DB>) => {
    const id = await createSession(trx, circleId, creatorId, input);
    let position = 0;
    for (const item of items) {
      const parentId = randomUUID();
      await trx
        .insertInto('agendaItems')
        .values(toRow(id, parentId, null, ++position, item))
        .execute();
      for (const child of item.children ?? []) {
        await trx
          .insertInto('agendaItems')
          .values(toRow(id, randomUUID(), parentId, ++position, child))
          .execute();
      }
    }
    return id;
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/**
 * Applies a patch under the session's row lock, to the row as stored then (not to the copy the
 * route read): a concurrent edit is neither undone (times written back) nor hidden from
 * calendars (SEQUENCE compared with what they may already show).
 */
export async function patchSession(db: Kysely<DB>, session: SessionRow, patch: SessionPatch): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockSession(trx, session.id);
    const stored = await trx
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', session.id)
      .executeTakeFirst();
    if (!stored) throw notFound('Session');
    const startsAt = patch.startsAt ? new Date(patch.startsAt).toISOString() : toIso(stored.startsAt);
    const endsAt = patch.endsAt ? new Date(patch.endsAt).toISOString() : toIso(stored.endsAt);
    if (Date.parse(endsAt) <= Date.parse(startsAt)) {
      throw new AppError('INVALID_INPUT', 'A session must end after it starts', [
        { path: ['body', 'endsAt'], message: 'must end after it starts' },
      ]);
    }
    const { notes, videoUrl, ...rest } = patch;
    const next = { ...rest, startsAt, endsAt, ...(videoUrl !== undefined && { videoUrl: videoUrl || null }) };
    // A cancelled session keeps its life status: it cannot be started (or ended) by an edit either.
    if (patch.status !== undefined && patch.status !== stored.status && stored.cancelledAt !== null) {
      throw new AppError('CONFLICT', 'This session has been cancelled');
    }
    await trx
      .updateTable('sessions')
      .set({
        ...next,
        ...(notes !== undefined && { notesMarkdown: notes }),
        // Calendars replace an event only when its SEQUENCE grows: raise it when what they show changes.
        ...(changesCalendar(stored, next) && { sequence: sql<number>`sequence + 1` }),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', session.id)
      .execute();
    // A session yet to come that moves (or changes place) tells its participants, new .ics attached.
    const moved =
      startsAt !== toIso(stored.startsAt) ||
      endsAt !== toIso(stored.endsAt) ||
      (patch.place !== undefined && patch.place !== stored.place);
    if (
      moved &&
      stored.status === 'scheduled' &&
      stored.cancelledAt === null &&
      Date.parse(endsAt) > Date.now()
    ) {
      const { sequence } = await trx
        .selectFrom('sessions')
        .select('sequence')
        .where('id', '=', session.id)
        .executeTakeFirstOrThrow();
      for (const userId of await participantsToTell(trx, session.id)) {
        await enqueueMail(
          trx,
          'sessionMoved',
          { sessionId: session.id, userId, sequence: Number(sequence) },
          { key: `session:${session.id}:moved:${sequence}:${userId}` },
        );
      }
    }
  });
}

/**
 * The people a session's change is mailed to: its listed participants with an account, but not
 * those who sent their apologies. Each job checks again when it sends (still listed, still allowed
 * to see the session, the session still as the mail says).
 */
async function participantsToTell(db: Kysely<DB>, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sessionParticipants')
    .select('userId')
    .where('sessionId', '=', sessionId)
    .where('userId', 'is not', null)
    .where('status', '!=', 'excused')
    .orderBy('createdAt')
    .execute();
  return rows.flatMap((row) => (row.userId ? [row.userId] : []));
}

/** Whether a patch changes what a calendar shows of the session (times, place, texts, visio). */
function changesCalendar(
  session: SessionRow,
  next: { startsAt: string; endsAt: string; videoUrl?: string | null } & Partial<
    Pick<SessionRow, 'title' | 'timeZone' | 'place' | 'description'>
  >,
): boolean {
  return (
    next.startsAt !== toIso(session.startsAt) ||
    next.endsAt !== toIso(session.endsAt) ||
    (['title', 'timeZone', 'place', 'description', 'videoUrl'] as const).some(
      (key) => next[key] !== undefined && next[key] !== session[key],
    )
  );
}

/**
 * Calls a session off: it stays listed (and in calendars, as CANCELLED) with the reason. Only a
 * session that has not started can be cancelled, once; the row lock orders it against a start.
 */
export async function cancelSession(db: Kysely<DB>, sessionId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockSession(trx, sessionId);
    const now = new Date().toISOString();
    const result = await trx
      .updateTable('sessions')
      .set({ cancelledAt: now, cancelReason: reason, sequence: sql<number>`sequence + 1`, updatedAt: now })
      .where('id', '=', sessionId)
      .where('status', '=', 'scheduled')
      .where('cancelledAt', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError(
        'CONFLICT',
        'Only a session that has not started and is not cancelled can be cancelled',
      );
    }
    // Its participants are told, with an .ics that takes it out of their calendars.
    for (const userId of await participantsToTell(trx, sessionId)) {
      await enqueueMail(
        trx,
        'sessionCancelled',
        { sessionId, userId },
        { key: `session:${sessionId}:cancelled:${userId}` },
      );
    }
  });
}

/** Owners named on agenda items must be people of the circle; refuse anyone else. */
async function requireCircleUsers(db: Kysely<DB>, circleId: string, userIds: string[]) {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return;
  const found = await db
    .selectFrom('circleMembers')
    .select('userId')
    .where('circleId', '=', circleId)
    .where('status', '=', 'member')
    .where('userId', 'in', wanted)
    .execute();
  const missing = wanted.filter((userId) => !found.some((row) => row.userId === userId));
  if (missing.length > 0) {
    throw new AppError('INVALID_INPUT', 'Owners must be members of the circle', [
      { path: ['body', 'ownerId'], message: `not in the circle: ${missing.join(', ')}` },
    ]);
  }
}

/**
 * Refuses an agenda that does not fit its session (items in order inside it, timed sub-items inside
 * their item, owners from the circle), before anything is written.
 */
async function checkAgenda(
  db: Kysely<DB>,
  session: { circleId: string; startsAt: string; endsAt: string },
  items: AgendaItemInput[],
) {
  const problems = agendaProblems(
    items.map((item) => ({
      title: item.title,
      startsAt: Date.parse(item.startsAt),
      endsAt: Date.parse(item.endsAt),
    })),
    { startsAt: Date.parse(session.startsAt), endsAt: Date.parse(session.endsAt) },
  );
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      'The agenda does not fit: items must follow one another inside the session',
      problems.map((problem) => ({ path: ['body', 'items', String(problem.index)], message: problem.kind })),
    );
  }
  const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : undefined);
  const misplaced = childTimeProblems(
    items.map((item) => ({
      title: item.title,
      startsAt: Date.parse(item.startsAt),
      endsAt: Date.parse(item.endsAt),
      children: (item.children ?? []).map((child) => ({
        startsAt: at(child.startsAt),
        endsAt: at(child.endsAt),
      })),
    })),
  );
  if (misplaced.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      'A timed sub-item needs a start and an end inside its item',
      misplaced.map((p) => ({
        path: ['body', 'items', String(p.index), 'children', String(p.childIndex)],
        message: 'outside its item',
      })),
    );
  }
  const ownerIds = items.flatMap((item) => [item.ownerId, ...(item.children ?? []).map((c) => c.ownerId)]);
  await requireCircleUsers(
    db,
    session.circleId,
    ownerIds.filter((owner): owner is string => Boolean(owner)),
  );
}

/**
 * Replaces the whole agenda in one transaction: checked first (times inside the session, in
 * order), so a bad agenda leaves the stored one untouched. The current item is cleared if it no
 * longer exists.
 */
export async function replaceAgenda(db: Kysely<DB>, session: SessionRow, items: AgendaItemInput[]) {
  await checkAgenda(
    db,
    { circleId: session.circleId, startsAt: toIso(session.startsAt), endsAt: toIso(session.endsAt) },
    items,
  );
  await db.transaction().execute(async (trx) => {
    // One rewrite at a time per session: two saves at once would each delete what they saw and
    // both insert, doubling the agenda (PostgreSQL) or colliding on kept ids.
    const locked = await lockSession(trx, session.id);
    const existing = await trx
      .selectFrom('agendaItems')
      .select('id')
      .where('sessionId', '=', session.id)
      .execute();
    const known = new Set(existing.map((row) => row.id));
    const kept = new Set<string>();
    // An id is kept only if it was one of this session's items, and only once.
    const idFor = (wanted: string | null | undefined) => {
      const itemId = wanted && known.has(wanted) && !kept.has(wanted) ? wanted : randomUUID();
      kept.add(itemId);
      return itemId;
    };
    await trx.deleteFrom('agendaItems').where('sessionId', '=', session.id).execute();
    let position = 0;
    for (const item of items) {
      const parentId = idFor(item.id);
      await trx
        .insertInto('agendaItems')
        .values(toRow(session.id, parentId, null, ++position, item))
        .execute();
      for (const child of item.children ?? []) {
        await trx
          .insertInto('agendaItems')
          .values(toRow(session.id, randomUUID(), parentId, ++position, child))
          .execute();
      }
    }
    // Links of removed items go with them (agenda_item_links has no foreign key on the item).
    const removed = [...known].filter((itemId) => !kept.has(itemId));
    if (removed.length > 0) {
      await trx
        .deleteFrom('agendaItemLinks')
        .where('sessionId', '=', session.id)
        .where('agendaItemId', 'in', removed)
        .execute();
    }
    // The room stays on its item if the edit kept it; otherwise no item is current any more.
    const currentItemId = locked?.currentItemId ?? null;
    const keepsCurrent = currentItemId !== null && kept.has(currentItemId);
    await trx
      .updateTable('sessions')
      .set({
        ...(!keepsCurrent && { currentItemId: null, currentItemStartedAt: null, ...freshTimer }),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', session.id)
      .execute();
  });
}

function toRow(
  sessionId: string,
  id: string,
  parentId: string | null,
  position: number,
  item:
    | Omit<AgendaItemInput, 'children'>
    | (Omit<AgendaItemInput, 'children' | 'startsAt' | 'endsAt'> & {
        startsAt?: string | null | undefined;
        endsAt?: string | null | undefined;
      }),
) {
  return {
    id,
    sessionId,
    parentId,
    position,
    title: item.title,
    startsAt: item.startsAt ? new Date(item.startsAt).toISOString() : null,
    endsAt: item.endsAt ? new Date(item.endsAt).toISOString() : null,
    kind: item.kind ?? null,
    ownerId: item.ownerId ?? null,
    notes: item.notes ?? '',
  };
}

/** Moves the room to an item (or off every item); the first move starts the session. */
/** The session's next change number, taken under its lock (the UPDATE locks the row). */
async function nextSessionVersion(trx: Kysely<DB>, sessionId: string): Promise<number> {
  const row = await trx
    .updateTable('sessions')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', sessionId)
    .returning('version')
    .executeTakeFirst();
  if (!row) throw notFound('Session');
  return row.version;
}

/** Moves the room to an item; returns the session's new version (its live event carries it). */
export async function setCurrentItem(db: Kysely<DB>, session: SessionRow, itemId: string | null) {
  return db.transaction().execute(async (trx) => {
    // Under the session lock: an agenda save cannot delete the item between this check and the write.
    await lockSession(trx, session.id);
    const version = await nextSessionVersion(trx, session.id);
    const { cancelledAt } = await trx
      .selectFrom('sessions')
      .select('cancelledAt')
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    if (cancelledAt !== null) throw new AppError('CONFLICT', 'This session has been cancelled');
    if (itemId !== null) {
      const item = await trx
        .selectFrom('agendaItems')
        .select('id')
        .where('id', '=', itemId)
        .where('sessionId', '=', session.id)
        .where('parentId', 'is', null)
        .executeTakeFirst();
      if (!item) throw notFound('Agenda item');
    }
    const now = new Date().toISOString();
    await trx
      .updateTable('sessions')
      .set({
        currentItemId: itemId,
        currentItemStartedAt: itemId === null ? null : now,
        // Each item starts with a fresh countdown and an empty speaking queue.
        ...freshTimer,
        ...(session.status === 'scheduled' && itemId !== null && { status: 'live', startedAt: now }),
        updatedAt: now,
      })
      .where('id', '=', session.id)
      .execute();
    await trx.deleteFrom('speakingHands').where('sessionId', '=', session.id).execute();
    return version;
  });
}

/** The countdown of an item that has just started: no pause, no extension. */
const freshTimer = { timerPausedAt: null, timerPausedMs: 0, timerExtendedMs: 0 };

/** One check-in per person and round: a second answer replaces the first (primary key). */
export async function upsertCheckin(
  db: Kysely<DB>,
  sessionId: string,
  userId: string,
  input: { round: CheckinRound; weather: Weather; word?: string | undefined },
) {
  return db.transaction().execute(async (trx) => {
    const version = await nextSessionVersion(trx, sessionId);
    const row = {
      weather: input.weather,
      word: input.word || null,
      updatedAt: new Date().toISOString(),
      version,
    };
    await trx
      .insertInto('checkins')
      .values({ sessionId, userId, round: input.round, ...row })
      .onConflict((oc) => oc.columns(['sessionId', 'userId', 'round']).doUpdateSet(row))
      .execute();
    const { name } = await trx
      .selectFrom('users')
      .select('name')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return { version, checkin: { userId, name, round: input.round, weather: input.weather, word: row.word } };
  });
}

/** RSVP or attendance of a signed-in person: one row per person and session (unique key). */
export async function setOwnParticipation(
  db: Kysely<DB>,
  sessionId: string,
  userId: string,
  status: ParticipantStatus,
) {
  await db
    .insertInto('sessionParticipants')
    .values({
      id: randomUUID(),
      sessionId,
      userId,
      guestName: null,
      status,
      createdAt: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(['sessionId', 'userId']).doUpdateSet({ status }))
    .execute();
}

export async function addGuestParticipant(
  db: Kysely<DB>,
  sessionId: string,
  guestName: string,
  status: ParticipantStatus,
) {
  await db
    .insertInto('sessionParticipants')
    .values({
      id: randomUUID(),
      sessionId,
      userId: null,
      guestName,
      status,
      createdAt: new Date().toISOString(),
    })
    .execute();
}

/**
 * Rewrites the list in the given order. An item whose text is unchanged keeps its row (its id,
 * author and date: newsletters link to it); new texts are the writer's; the others are deleted.
 */
export async function replaceAnnouncements(
  db: Kysely<DB>,
  sessionId: string,
  texts: string[],
  authorId: string,
) {
  await db.transaction().execute(async (trx) => {
    await lockSession(trx, sessionId);
    const existing = await trx
      .selectFrom('announcements')
      .select(['id', 'text'])
      .where('sessionId', '=', sessionId)
      .orderBy('position')
      .execute();
    const kept = texts.map((text) => {
      const index = existing.findIndex((row) => row.text === text);
      return index === -1 ? undefined : existing.splice(index, 1)[0];
    });
    if (existing.length > 0) {
      await trx
        .deleteFrom('announcements')
        .where(
          'id',
          'in',
          existing.map((row) => row.id),
        )
        .execute();
    }
    const now = new Date().toISOString();
    for (const [index, text] of texts.entries()) {
      const row = kept[index];
      if (row) {
        await trx
          .updateTable('announcements')
          .set({ position: index + 1 })
          .where('id', '=', row.id)
          .execute();
      } else {
        await trx
          .insertInto('announcements')
          .values({ id: randomUUID(), sessionId, position: index + 1, text, authorId, createdAt: now })
          .execute();
      }
    }
  });
}
