import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { firstOverlap, GUEST_CONFIRM_HOURS, placeFor } from '../../../domain/event.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { type GuestAnswerOrigin, takeGuestAnswerAllowance } from '../date-polls/date-polls.public.ts';
import { type EventRow, isOpen } from './event-access.ts';
import { invalid, lockEvent } from './events.commands.ts';

const HOUR = 3_600_000;

export const registrationMailKinds = {
  confirm: 'mail.event-registration-confirm',
  promoted: 'mail.event-registration-promoted',
  reminder: 'mail.event-reminder',
} as const;

// --- Guest links --------------------------------------------------------------------------------

export const registrationTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A guest's link token: the HMAC of the registration's nonce under the instance secret. */
export function registrationTokenOf(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`archipel:event-registration:${nonce}`).digest('base64url');
}

function freshToken(secret: string) {
  const nonce = randomBytes(32).toString('base64url');
  const token = registrationTokenOf(secret, nonce);
  return { nonce, token, tokenHash: registrationTokenHash(token) };
}

/** The page a guest's link opens (a secret path segment, redacted from the access log). */
export const registrationLinkUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/registrations/link/${token}`;

// --- Placing people, under the event's lock ------------------------------------------------------

async function nextPosition(trx: Kysely<DB>, where: { eventId: string } | { slotId: string }) {
  const row =
    'eventId' in where
      ? await trx
          .selectFrom('eventRegistrations')
          .select((eb) => eb.fn.max('position').as('last'))
          .where('eventId', '=', where.eventId)
          .executeTakeFirstOrThrow()
      : await trx
          .selectFrom('eventSlotRegistrations')
          .select((eb) => eb.fn.max('position').as('last'))
          .where('slotId', '=', where.slotId)
          .executeTakeFirstOrThrow();
  return Number(row.last ?? 0) + 1;
}

async function confirmedOnEvent(trx: Kysely<DB>, eventId: string) {
  const row = await trx
    .selectFrom('eventRegistrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('eventId', '=', eventId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function confirmedOnSlot(trx: Kysely<DB>, slotId: string) {
  const row = await trx
    .selectFrom('eventSlotRegistrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('slotId', '=', slotId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Gives a confirmed registration's pending slots their places, in the order they were chosen:
 * confirmed while the slot has room, waitlisted after, each at the end of the slot's line.
 */
async function placePendingSlots(trx: Kysely<DB>, registrationId: string) {
  const pending = await trx
    .selectFrom('eventSlotRegistrations as sr')
    .innerJoin('eventSlots as s', 's.id', 'sr.slotId')
    .select(['sr.id', 'sr.slotId', 's.capacity'])
    .where('sr.registrationId', '=', registrationId)
    .where('sr.status', '=', 'pending')
    .orderBy('sr.createdAt')
    .orderBy('sr.id')
    .execute();
  for (const row of pending) {
    await trx
      .updateTable('eventSlotRegistrations')
      .set({
        status: placeFor(await confirmedOnSlot(trx, row.slotId), row.capacity),
        position: await nextPosition(trx, { slotId: row.slotId }),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

/** Places a registration at the end of the event's line: confirmed while there is room. */
async function place(trx: Kysely<DB>, event: EventRow, registrationId: string) {
  const status = placeFor(await confirmedOnEvent(trx, event.id), event.capacity);
  await trx
    .updateTable('eventRegistrations')
    .set({
      status,
      position: await nextPosition(trx, { eventId: event.id }),
      placedAt: new Date().toISOString(),
      confirmBy: null,
    })
    .where('id', '=', registrationId)
    .execute();
  if (status === 'confirmed') await placePendingSlots(trx, registrationId);
  return status;
}

async function mailPromotion(trx: Kysely<DB>, registrationId: string, slotId: string | null) {
  await enqueueJob(trx, {
    kind: registrationMailKinds.promoted,
    payload: { registrationId, slotId },
    key: `event-promoted:${registrationId}:${slotId ?? 'event'}:${randomUUID()}`,
  });
}

/**
 * Fills freed places from the waitlists, first come first served: the event's (a promoted
 * registration's slots are then placed), then each slot's among confirmed registrations. Each
 * promoted person is mailed. Runs under the event's lock, after anything that frees or adds room.
 */
export async function promoteWaitlists(trx: Kysely<DB>, eventId: string) {
  const event = await trx
    .selectFrom('events')
    .selectAll()
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  if (event.cancelledAt !== null) return;
  let free =
    event.capacity === null
      ? Number.POSITIVE_INFINITY
      : event.capacity - (await confirmedOnEvent(trx, eventId));
  while (free > 0) {
    const next = await trx
      .selectFrom('eventRegistrations')
      .select('id')
      .where('eventId', '=', eventId)
      .where('status', '=', 'waitlisted')
      .orderBy('position')
      .limit(1)
      .executeTakeFirst();
    if (!next) break;
    await trx
      .updateTable('eventRegistrations')
      .set({ status: 'confirmed' })
      .where('id', '=', next.id)
      .execute();
    await placePendingSlots(trx, next.id);
    await mailPromotion(trx, next.id, null);
    free--;
  }
  const slots = await trx
    .selectFrom('eventSlots')
    .select(['id', 'capacity'])
    .where('eventId', '=', eventId)
    .where('capacity', 'is not', null)
    .execute();
  for (const slot of slots) {
    let room = (slot.capacity ?? 0) - (await confirmedOnSlot(trx, slot.id));
    if (room <= 0) continue;
    const waiting = await trx
      .selectFrom('eventSlotRegistrations as sr')
      .innerJoin('eventRegistrations as r', 'r.id', 'sr.registrationId')
      .select(['sr.id', 'sr.registrationId'])
      .where('sr.slotId', '=', slot.id)
      .where('sr.status', '=', 'waitlisted')
      .where('r.status', '=', 'confirmed')
      .orderBy('sr.position')
      .limit(room)
      .execute();
    for (const row of waiting) {
      await trx
        .updateTable('eventSlotRegistrations')
        .set({ status: 'confirmed' })
        .where('id', '=', row.id)
        .execute();
      await mailPromotion(trx, row.registrationId, slot.id);
      room--;
    }
  }
}

// --- Choosing slots ----------------------------------------------------------------------------

/**
 * The slots asked for, checked: each a slot of this event (400 otherwise), none a break, no two
 * overlapping in time (400, naming both).
 */
async function checkSlotChoice(trx: Kysely<DB>, eventId: string, slotIds: readonly string[]) {
  const unique = [...new Set(slotIds)];
  if (unique.length === 0) return [];
  const slots = await trx
    .selectFrom('eventSlots')
    .select(['id', 'title', 'kind', 'startsAt', 'endsAt'])
    .where('eventId', '=', eventId)
    .where('id', 'in', unique)
    .execute();
  if (slots.length !== unique.length) throw invalid('slotIds', 'some slots are not slots of this event');
  if (slots.some((slot) => slot.kind === 'break')) throw invalid('slotIds', 'a break takes no registration');
  const overlap = firstOverlap(
    slots.map((slot) => ({ ...slot, startsAt: toIso(slot.startsAt), endsAt: toIso(slot.endsAt) })),
  );
  if (overlap) {
    throw invalid('slotIds', `“${overlap[0].title}” and “${overlap[1].title}” take place at the same time`);
  }
  return unique;
}

/**
 * Sets a registration's slots to exactly `slotIds`: slots left free their places (promoting their
 * waitlists), new ones are added at the end of their lines (pending while the registration holds
 * no place of its own). Kept ones keep their place.
 */
async function setSlots(
  trx: Kysely<DB>,
  eventId: string,
  registrationId: string,
  slotIds: readonly string[],
) {
  const wanted = await checkSlotChoice(trx, eventId, slotIds);
  const current = await trx
    .selectFrom('eventSlotRegistrations')
    .select(['id', 'slotId'])
    .where('registrationId', '=', registrationId)
    .execute();
  const leaving = current.filter((row) => !wanted.includes(row.slotId)).map((row) => row.id);
  if (leaving.length > 0) await trx.deleteFrom('eventSlotRegistrations').where('id', 'in', leaving).execute();
  const had = new Set(current.map((row) => row.slotId));
  const now = Date.now();
  const added = wanted.filter((slotId) => !had.has(slotId));
  for (const [index, slotId] of added.entries()) {
    await trx
      .insertInto('eventSlotRegistrations')
      .values({
        id: randomUUID(),
        registrationId,
        slotId,
        status: 'pending',
        position: null,
        // Keeps the order of the request: places are given in it.
        createdAt: new Date(now + index).toISOString(),
      })
      .execute();
  }
  return { added: added.length, left: leaving.length };
}

function refuseClosed(event: EventRow) {
  if (event.cancelledAt !== null) throw new AppError('CONFLICT', 'This event is cancelled');
  if (!isOpen(event)) throw new AppError('CONFLICT', 'This event is over');
}

// --- Registering -------------------------------------------------------------------------------

export interface RegistrationOutcome {
  id: string;
  created: boolean;
}

/**
 * A signed-in person registers (or, registered already, adds slots; cancelled, comes back at the
 * end of the line). Capacity and order are decided under the event's lock.
 */
export async function registerMember(
  db: Kysely<DB>,
  eventId: string,
  userId: string,
  slotIds: readonly string[],
): Promise<RegistrationOutcome> {
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, eventId);
    refuseClosed(event);
    const existing = await trx
      .selectFrom('eventRegistrations')
      .select(['id', 'status'])
      .where('eventId', '=', eventId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    if (existing && existing.status !== 'cancelled') {
      const current = await trx
        .selectFrom('eventSlotRegistrations')
        .select('slotId')
        .where('registrationId', '=', existing.id)
        .execute();
      await setSlots(trx, eventId, existing.id, [...current.map((row) => row.slotId), ...slotIds]);
      if (existing.status === 'confirmed') await placePendingSlots(trx, existing.id);
      return { id: existing.id, created: false };
    }
    const id = existing?.id ?? randomUUID();
    if (existing) {
      await trx
        .updateTable('eventRegistrations')
        .set({ status: 'unconfirmed', position: null, cancelledAt: null, attendance: null })
        .where('id', '=', id)
        .execute();
    } else {
      await trx
        .insertInto('eventRegistrations')
        .values({
          id,
          eventId,
          userId,
          guestName: null,
          guestEmail: null,
          guestLocale: null,
          status: 'unconfirmed',
          position: null,
          tokenNonce: null,
          tokenHash: null,
          confirmBy: null,
          attendance: null,
          createdAt: new Date().toISOString(),
          placedAt: null,
          cancelledAt: null,
        })
        .execute();
    }
    await setSlots(trx, eventId, id, slotIds);
    await place(trx, event, id);
    return { id, created: true };
  });
}

/**
 * A guest registers with a name and an address: the registration is `unconfirmed` and holds no
 * place until the link mailed to that address is opened, within 48 hours. The answer is the same
 * whether or not the address is already registered: nobody learns who comes by typing addresses.
 */
export async function registerGuest(
  db: Kysely<DB>,
  secret: string,
  eventId: string,
  input: { name: string; email: string; slotIds: readonly string[]; locale: string },
  origin: GuestAnswerOrigin,
): Promise<RegistrationOutcome> {
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, eventId);
    refuseClosed(event);
    await takeGuestAnswerAllowance(trx, origin);
    const id = randomUUID();
    const { nonce, tokenHash } = freshToken(secret);
    const now = new Date();
    await trx
      .insertInto('eventRegistrations')
      .values({
        id,
        eventId,
        userId: null,
        guestName: input.name,
        guestEmail: input.email.trim(),
        guestLocale: input.locale,
        status: 'unconfirmed',
        position: null,
        tokenNonce: nonce,
        tokenHash,
        confirmBy: new Date(now.getTime() + GUEST_CONFIRM_HOURS * HOUR).toISOString(),
        attendance: null,
        createdAt: now.toISOString(),
        placedAt: null,
        cancelledAt: null,
      })
      .execute();
    await setSlots(trx, eventId, id, input.slotIds);
    await enqueueJob(trx, {
      kind: registrationMailKinds.confirm,
      payload: { registrationId: id },
      key: `event-registration-confirm:${id}`,
    });
    return { id, created: true };
  });
}

/** The guest registration behind a link token, or 404 (a wrong link, or one already gone). */
export async function findByToken(db: Kysely<DB>, token: string) {
  const row = await db
    .selectFrom('eventRegistrations')
    .selectAll()
    .where('tokenHash', '=', registrationTokenHash(token))
    .where('userId', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('Registration');
  return row;
}

export const isExpired = (row: { status: string; confirmBy: Date | string | null }, now = Date.now()) =>
  row.status === 'unconfirmed' && row.confirmBy !== null && Date.parse(toIso(row.confirmBy)) <= now;

/**
 * A guest opens their link: an unconfirmed registration within its 48 hours is placed (confirmed
 * or waitlisted). Anything else changes nothing: a reused link (already placed: 409), an expired or
 * cancelled one (409), a wrong one (404). The same address placed twice on one event: 409.
 */
export async function confirmGuest(db: Kysely<DB>, token: string): Promise<string> {
  const found = await findByToken(db, token);
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, found.eventId);
    const row = await trx
      .selectFrom('eventRegistrations')
      .selectAll()
      .where('id', '=', found.id)
      .executeTakeFirst();
    if (!row) throw notFound('Registration');
    if (row.status === 'cancelled') throw new AppError('CONFLICT', 'This registration was cancelled');
    if (row.status !== 'unconfirmed')
      throw new AppError('CONFLICT', 'This registration is already confirmed');
    if (isExpired(row)) throw new AppError('CONFLICT', 'This link has expired: register again');
    refuseClosed(event);
    if (event.visibility !== 'public')
      throw new AppError('CONFLICT', 'This event is no longer open to guests');
    const twin = await trx
      .selectFrom('eventRegistrations')
      .select('id')
      .where('eventId', '=', row.eventId)
      .where('id', '!=', row.id)
      .where('userId', 'is', null)
      .where('status', 'in', ['confirmed', 'waitlisted'])
      .where((eb) => eb(eb.fn('lower', ['guestEmail']), '=', (row.guestEmail ?? '').toLowerCase()))
      .executeTakeFirst();
    if (twin) throw new AppError('CONFLICT', 'This address is already registered for this event');
    await place(trx, event, row.id);
    return row.id;
  });
}

/**
 * Cancels a registration inside the caller's transaction, under the event's lock: its places are
 * freed and the waitlists promoted (first in line first, mailed). Cancelling twice changes nothing.
 */
async function cancelIn(trx: Kysely<DB>, registrationId: string) {
  const row = await trx
    .selectFrom('eventRegistrations')
    .select(['eventId'])
    .where('id', '=', registrationId)
    .executeTakeFirst();
  if (!row) throw notFound('Registration');
  await lockEvent(trx, row.eventId);
  const current = await trx
    .selectFrom('eventRegistrations')
    .select('status')
    .where('id', '=', registrationId)
    .executeTakeFirstOrThrow();
  if (current.status === 'cancelled') return;
  await trx.deleteFrom('eventSlotRegistrations').where('registrationId', '=', registrationId).execute();
  await trx
    .updateTable('eventRegistrations')
    .set({ status: 'cancelled', cancelledAt: new Date().toISOString() })
    .where('id', '=', registrationId)
    .execute();
  await promoteWaitlists(trx, row.eventId);
}

export async function cancelRegistration(db: Kysely<DB>, registrationId: string) {
  await db.transaction().execute((trx) => cancelIn(trx, registrationId));
}

/**
 * Someone leaving a community gives up their places at its community events (they can no longer
 * see them), promoting the waitlists; their registrations to its public events stay theirs.
 */
export async function releaseCommunityEvents(trx: Kysely<DB>, communityId: string, userId: string) {
  const rows = await trx
    .selectFrom('eventRegistrations as r')
    .innerJoin('events as e', 'e.id', 'r.eventId')
    .select('r.id')
    .where('e.communityId', '=', communityId)
    .where('e.visibility', '=', 'community')
    .where('r.userId', '=', userId)
    .where('r.status', '!=', 'cancelled')
    .orderBy('r.id')
    .execute();
  for (const row of rows) await cancelIn(trx, row.id);
}

/**
 * An erased account (decision 040) gives up its places at every event still to come, public ones
 * included, promoting the waitlists; past registrations stay, as the anonymised account's.
 */
export async function releaseUpcomingRegistrations(trx: Kysely<DB>, userId: string, now: string) {
  const rows = await trx
    .selectFrom('eventRegistrations as r')
    .innerJoin('events as e', 'e.id', 'r.eventId')
    .select('r.id')
    .where('r.userId', '=', userId)
    .where('r.status', '!=', 'cancelled')
    .where('e.endsAt', '>', now)
    .orderBy('r.id')
    .execute();
  for (const row of rows) await cancelIn(trx, row.id);
}

/**
 * A public event becoming a community one: guests and accounts outside the community can no longer
 * see it, so their registrations (confirmed, waitlisted or waiting for confirmation) are cancelled
 * and the waitlists move up. Runs under the event's lock, in the edit's transaction.
 */
export async function releaseOutsiders(trx: Kysely<DB>, eventId: string, communityId: string) {
  const rows = await trx
    .selectFrom('eventRegistrations as r')
    .select('r.id')
    .where('r.eventId', '=', eventId)
    .where('r.status', '!=', 'cancelled')
    .where(({ or, eb, not, exists, selectFrom }) =>
      or([
        eb('r.userId', 'is', null),
        not(
          exists(
            selectFrom('communityMembers as cm')
              .select('cm.userId')
              .whereRef('cm.userId', '=', 'r.userId')
              .where('cm.communityId', '=', communityId)
              .where('cm.status', '=', 'active'),
          ),
        ),
      ]),
    )
    .orderBy('r.id')
    .execute();
  for (const row of rows) await cancelIn(trx, row.id);
}

/** Replaces a registration's slots (400 on overlaps or foreign slots, nothing changed). */
export async function replaceSlots(db: Kysely<DB>, registrationId: string, slotIds: readonly string[]) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('eventRegistrations')
      .select(['eventId'])
      .where('id', '=', registrationId)
      .executeTakeFirst();
    if (!row) throw notFound('Registration');
    refuseClosed(await lockEvent(trx, row.eventId));
    const current = await trx
      .selectFrom('eventRegistrations')
      .select('status')
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow();
    if (current.status === 'cancelled') throw new AppError('CONFLICT', 'This registration was cancelled');
    const { left } = await setSlots(trx, row.eventId, registrationId, slotIds);
    if (current.status === 'confirmed') await placePendingSlots(trx, registrationId);
    if (left > 0) await promoteWaitlists(trx, row.eventId);
  });
}

/**
 * Refuses moving a slot when someone registered for it would then be in two places at once: the
 * organiser sees it (400) before anyone's programme breaks.
 */
export async function checkSlotMove(trx: Kysely<DB>, slotId: string, startsAt: string, endsAt: string) {
  const clash = await trx
    .selectFrom('eventSlotRegistrations as mine')
    .innerJoin('eventSlotRegistrations as other', 'other.registrationId', 'mine.registrationId')
    .innerJoin('eventSlots as s', 's.id', 'other.slotId')
    .select('s.title')
    .where('mine.slotId', '=', slotId)
    .where('other.slotId', '!=', slotId)
    .where('s.startsAt', '<', endsAt)
    .where('s.endsAt', '>', startsAt)
    .executeTakeFirst();
  if (clash) {
    throw invalid('startsAt', `people registered for this slot also attend “${clash.title}” at that time`);
  }
}

export async function setAttendance(
  db: Kysely<DB>,
  eventId: string,
  registrationId: string,
  attendance: 'present' | 'absent' | null,
) {
  const result = await db
    .updateTable('eventRegistrations')
    .set({ attendance })
    .where('id', '=', registrationId)
    .where('eventId', '=', eventId)
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('Registration');
}

/** Guests who did not open their link within 48 hours: their registrations go (on the tick). */
export async function dropExpired(db: Kysely<DB>, now: Date) {
  await db
    .deleteFrom('eventRegistrations')
    .where('status', '=', 'unconfirmed')
    .where('confirmBy', '<=', now.toISOString())
    .execute();
}
