import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter } from 'kysely';
import type {
  OpenSpaceCreateInput,
  OpenSpaceSessionCreateInput,
  OpenSpaceSessionPatchInput,
} from '../../../contract/open-space.ts';
import { within } from '../../../domain/event.ts';
import { MAX_OPEN_SPACE_SLOT_HOURS } from '../../../domain/open-space.ts';
import { toIso } from '../../db/columns.ts';
import { isUniqueViolation } from '../../db/constraint-errors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { type EventRow, lockEvent } from '../events/events.public.ts';
import type { OpenSpaceRow, OpenSpaceSessionRow } from './open-space-access.ts';

const HOUR = 3_600_000;

const invalid = (path: (string | number)[], message: string) =>
  new AppError('INVALID_INPUT', message, [{ path: path.map(String), message }]);

const cellTaken = () => new AppError('CONFLICT', 'This room is already taken at this time');

/** Serialises the edits of one session's row (and its notes' compaction). */
export async function lockOpenSpaceSession(trx: Kysely<DB>, sessionId: string) {
  let query = trx.selectFrom('openSpaceSessions').select('id').where('id', '=', sessionId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Creates an open space with its rooms and time slots, which must lie within the event. */
export async function createOpenSpace(
  db: Kysely<DB>,
  event: EventRow,
  creatorId: string,
  input: OpenSpaceCreateInput,
): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    // The event's dates are read under its lock: an edit moving them waits for this open space.
    const locked = await lockEvent(trx, event.id);
    // A forum of a cancelled or finished event would never be held.
    if (locked.cancelledAt !== null) throw new AppError('CONFLICT', 'This event is cancelled');
    if (Date.parse(toIso(locked.endsAt)) <= Date.now()) throw new AppError('CONFLICT', 'This event is over');
    const eventSpan = { startsAt: toIso(locked.startsAt), endsAt: toIso(locked.endsAt) };
    input.slots.forEach((slot, index) => {
      if (Date.parse(slot.endsAt) - Date.parse(slot.startsAt) > MAX_OPEN_SPACE_SLOT_HOURS * HOUR) {
        throw invalid(['slots', index, 'endsAt'], 'a time slot lasts at most a day');
      }
      if (!within({ startsAt: toIso(slot.startsAt), endsAt: toIso(slot.endsAt) }, eventSpan)) {
        throw invalid(['slots', index], 'a time slot must lie within the event');
      }
    });
    const now = new Date().toISOString();
    await trx
      .insertInto('openSpaces')
      .values({
        id,
        eventId: event.id,
        title: input.title ?? 'Forum ouvert',
        createdBy: creatorId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto('openSpaceRooms')
      .values(input.rooms.map((name, position) => ({ id: randomUUID(), openSpaceId: id, position, name })))
      .execute();
    await trx
      .insertInto('openSpaceSlots')
      .values(
        input.slots.map((slot) => ({
          id: randomUUID(),
          openSpaceId: id,
          startsAt: toIso(slot.startsAt),
          endsAt: toIso(slot.endsAt),
        })),
      )
      .execute();
  });
  return id;
}

export async function patchOpenSpace(db: Kysely<DB>, openSpace: OpenSpaceRow, input: { title?: string }) {
  if (input.title === undefined) return;
  await db
    .updateTable('openSpaces')
    .set({ title: input.title, updatedAt: new Date().toISOString() })
    .where('id', '=', openSpace.id)
    .execute();
}

/** The room and slot must be of this open space (400 otherwise). */
async function checkCell(db: Kysely<DB>, openSpaceId: string, roomId: string, slotId: string) {
  const [room, slot] = await Promise.all([
    db
      .selectFrom('openSpaceRooms')
      .select('id')
      .where('id', '=', roomId)
      .where('openSpaceId', '=', openSpaceId)
      .executeTakeFirst(),
    db
      .selectFrom('openSpaceSlots')
      .select('id')
      .where('id', '=', slotId)
      .where('openSpaceId', '=', openSpaceId)
      .executeTakeFirst(),
  ]);
  if (!room) throw invalid(['roomId'], 'not a room of this open space');
  if (!slot) throw invalid(['slotId'], 'not a time slot of this open space');
}

/**
 * Places a proposed session in a free cell. The unique (room, slot) constraint decides between
 * simultaneous proposals: exactly one is placed, the others are refused with 409.
 */
export async function proposeSession(
  db: Kysely<DB>,
  openSpaceId: string,
  hostId: string,
  input: OpenSpaceSessionCreateInput,
): Promise<string> {
  await checkCell(db, openSpaceId, input.roomId, input.slotId);
  const id = randomUUID();
  const now = new Date().toISOString();
  try {
    await db
      .insertInto('openSpaceSessions')
      .values({
        id,
        openSpaceId,
        roomId: input.roomId,
        slotId: input.slotId,
        title: input.title,
        question: input.question,
        hostId,
        notesOpen: false,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw cellTaken();
    throw error;
  }
  return id;
}

/**
 * Edits a session or moves it to another free cell (409 when taken). Moving it to another time
 * slot lets go of those who were there: they were in that session at that time, not at the new one.
 */
export async function patchSession(
  db: Kysely<DB>,
  session: OpenSpaceSessionRow,
  input: OpenSpaceSessionPatchInput,
): Promise<void> {
  const roomId = input.roomId ?? session.roomId;
  const slotId = input.slotId ?? session.slotId;
  if (roomId !== session.roomId || slotId !== session.slotId) {
    await checkCell(db, session.openSpaceId, roomId, slotId);
  }
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await lockOpenSpaceSession(trx, session.id))) throw notFound('Session');
      // Only the fields given: a concurrent edit of the others is kept.
      await trx
        .updateTable('openSpaceSessions')
        .set({
          ...(input.title !== undefined && { title: input.title }),
          ...(input.question !== undefined && { question: input.question }),
          roomId,
          slotId,
          ...(input.notesOpen === undefined ? {} : { notesOpen: input.notesOpen }),
          updatedAt: new Date().toISOString(),
        })
        .where('id', '=', session.id)
        .execute();
      if (slotId !== session.slotId) {
        await trx.deleteFrom('openSpacePresences').where('sessionId', '=', session.id).execute();
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw cellTaken();
    throw error;
  }
}

/** Withdraws a session: its cell is free again; its presences and notes go with it. */
export async function withdrawSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('openSpaceSessions').where('id', '=', sessionId).execute();
}

/**
 * Says where the person is now: one place per time slot (the law of two feet). Being somewhere
 * else in the same slot replaces the previous place, in one statement on the unique key.
 */
export async function setPresence(
  db: Kysely<DB>,
  openSpaceId: string,
  userId: string,
  sessionId: string,
): Promise<void> {
  // Under the session's row lock: a session withdrawn or moved meanwhile is seen as it is now,
  // never as it was (a place under its old slot, or a row pointing at a deleted session).
  await db.transaction().execute(async (trx) => {
    await lockOpenSpaceSession(trx, sessionId);
    const session = await trx
      .selectFrom('openSpaceSessions')
      .select(['id', 'slotId'])
      .where('id', '=', sessionId)
      .where('openSpaceId', '=', openSpaceId)
      .executeTakeFirst();
    if (!session) throw invalid(['sessionId'], 'not a session of this open space');
    const updatedAt = new Date().toISOString();
    await trx
      .insertInto('openSpacePresences')
      .values({ openSpaceId, slotId: session.slotId, userId, sessionId, updatedAt })
      .onConflict((oc) =>
        oc.columns(['openSpaceId', 'slotId', 'userId']).doUpdateSet({ sessionId, updatedAt }),
      )
      .execute();
  });
}

/** Leaves the place of one time slot, or every place in the open space. */
export async function leavePresence(
  db: Kysely<DB>,
  openSpaceId: string,
  userId: string,
  slotId: string | undefined,
): Promise<void> {
  let query = db
    .deleteFrom('openSpacePresences')
    .where('openSpaceId', '=', openSpaceId)
    .where('userId', '=', userId);
  if (slotId !== undefined) query = query.where('slotId', '=', slotId);
  await query.execute();
}
