import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter } from 'kysely';
import type {
  EventCreateInput,
  EventPatchInput,
  SiteCreateInput,
  SitePatchInput,
  SlotCreateInput,
  SlotPatchInput,
} from '../../../contract/event.ts';
import {
  MAX_EVENT_DAYS,
  MAX_SITES_PER_EVENT,
  MAX_SLOT_HOURS,
  MAX_SLOTS_PER_EVENT,
  within,
} from '../../../domain/event.ts';
import { toIso } from '../../db/columns.ts';
import { lockCommunity } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { deleteTerritoryLinks, writeTerritoryCodes } from '../territories/territories.public.ts';
import type { EventRow } from './event-access.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', message, [{ path: [path], message }]);

/** A time zone as the runtime names it (`europe/paris` → `Europe/Paris`). */
const canonicalZone = (zone: string) =>
  new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;

/** Serialises registrations, capacity changes and programme edits of one event. */
export async function lockEvent(trx: Kysely<DB>, eventId: string) {
  let query = trx.selectFrom('events').selectAll().where('id', '=', eventId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const event = await query.executeTakeFirst();
  if (!event) throw notFound('Event');
  return event;
}

function checkDuration(startsAt: string, endsAt: string, maxMs: number, what: string) {
  if (Date.parse(endsAt) <= Date.parse(startsAt)) throw invalid('endsAt', 'must be after startsAt');
  if (Date.parse(endsAt) - Date.parse(startsAt) > maxMs) throw invalid('endsAt', `${what} is too long`);
}

/** A parent must be an event of the same community, and not the event itself or one within it. */
async function checkParent(db: Kysely<DB>, communityId: string, parentId: string, eventId?: string) {
  let cursor: string | null = parentId;
  for (let depth = 0; cursor !== null; depth++) {
    if (cursor === eventId) throw invalid('parentId', 'an event cannot be within itself');
    if (depth > 5) throw invalid('parentId', 'events nest at most five deep');
    const parent: { communityId: string; parentId: string | null } | undefined = await db
      .selectFrom('events')
      .select(['communityId', 'parentId'])
      .where('id', '=', cursor)
      .executeTakeFirst();
    if (!parent || parent.communityId !== communityId) {
      throw invalid('parentId', 'not an event of this community');
    }
    cursor = parent.parentId;
  }
}

export async function createEvent(
  db: Kysely<DB>,
  communityId: string,
  creatorId: string,
  input: EventCreateInput,
): Promise<string> {
  checkDuration(input.startsAt, input.endsAt, MAX_EVENT_DAYS * DAY, 'an event');
  if (input.parentId) await checkParent(db, communityId, input.parentId);
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('events')
    .values({
      id,
      communityId,
      parentId: input.parentId ?? null,
      title: input.title,
      description: input.description,
      startsAt: toIso(input.startsAt),
      endsAt: toIso(input.endsAt),
      timeZone: canonicalZone(input.timeZone),
      visibility: input.visibility,
      capacity: input.capacity ?? null,
      cancelledAt: null,
      createdBy: creatorId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

/** Edits an event; the slots must still fit in it. Raising the capacity promotes the waitlist. */
export async function patchEvent(
  db: Kysely<DB>,
  event: EventRow,
  input: EventPatchInput,
  hooks: {
    promote: (trx: Kysely<DB>, eventId: string) => Promise<void>;
    /** A public event becoming a community one: guests and outsiders give up their places. */
    releaseOutsiders: (trx: Kysely<DB>, eventId: string, communityId: string) => Promise<void>;
  },
) {
  const startsAt = input.startsAt ?? toIso(event.startsAt);
  const endsAt = input.endsAt ?? toIso(event.endsAt);
  checkDuration(startsAt, endsAt, MAX_EVENT_DAYS * DAY, 'an event');
  await db.transaction().execute(async (trx) => {
    // Re-parenting is checked under the community's lock: two simultaneous edits (A within B, B
    // within A) cannot both pass the cycle check. Same order as leaving: community, then event.
    if (input.parentId) {
      await lockCommunity(trx, event.communityId);
      await checkParent(trx, event.communityId, input.parentId, event.id);
    }
    await lockEvent(trx, event.id);
    if (input.startsAt || input.endsAt) {
      const outside = await trx
        .selectFrom('eventSlots')
        .select('id')
        .where('eventId', '=', event.id)
        .where((eb) => eb.or([eb('startsAt', '<', toIso(startsAt)), eb('endsAt', '>', toIso(endsAt))]))
        .executeTakeFirst();
      if (outside) throw invalid('startsAt', 'some slots of the programme would fall outside the event');
      // The time slots of its forums ouverts hang on the event too (features/open-spaces).
      const forum = await trx
        .selectFrom('openSpaceSlots as os')
        .innerJoin('openSpaces as o', 'o.id', 'os.openSpaceId')
        .select('os.id')
        .where('o.eventId', '=', event.id)
        .where((eb) => eb.or([eb('os.startsAt', '<', toIso(startsAt)), eb('os.endsAt', '>', toIso(endsAt))]))
        .executeTakeFirst();
      if (forum)
        throw invalid('startsAt', 'some time slots of its forum ouvert would fall outside the event');
    }
    await trx
      .updateTable('events')
      .set({
        ...(input.title !== undefined && { title: input.title }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.startsAt !== undefined && { startsAt: toIso(input.startsAt) }),
        ...(input.endsAt !== undefined && { endsAt: toIso(input.endsAt) }),
        ...(input.timeZone !== undefined && { timeZone: canonicalZone(input.timeZone) }),
        ...(input.visibility !== undefined && { visibility: input.visibility }),
        ...(input.parentId !== undefined && { parentId: input.parentId }),
        ...(input.capacity !== undefined && { capacity: input.capacity }),
        ...(input.cancelled !== undefined && {
          cancelledAt: input.cancelled ? toIso(event.cancelledAt ?? new Date()) : null,
        }),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', event.id)
      .execute();
    if (input.territoryCodes) await writeTerritoryCodes(trx, 'event', event.id, input.territoryCodes);
    if (input.visibility === 'community' && event.visibility === 'public') {
      await hooks.releaseOutsiders(trx, event.id, event.communityId);
    }
    // More room, or an event restored after a cancellation: the waitlists move up.
    if (input.capacity !== undefined || input.cancelled === false) await hooks.promote(trx, event.id);
  });
}

export async function deleteEvent(db: Kysely<DB>, eventId: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('events').set({ parentId: null }).where('parentId', '=', eventId).execute();
    await trx.deleteFrom('events').where('id', '=', eventId).execute();
    // No foreign key can hold a territory link (decision 034): it goes with its event here.
    await deleteTerritoryLinks(trx, 'event', [eventId]);
  });
}

export async function addSite(db: Kysely<DB>, eventId: string, input: SiteCreateInput): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await lockEvent(trx, eventId);
    const { n, last } = await trx
      .selectFrom('eventSites')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('position').as('last')])
      .where('eventId', '=', eventId)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_SITES_PER_EVENT) {
      throw new AppError('CONFLICT', `An event has at most ${MAX_SITES_PER_EVENT} sites`);
    }
    await trx
      .insertInto('eventSites')
      .values({
        id,
        eventId,
        position: Number(last ?? 0) + 1,
        name: input.name,
        address: input.address ?? '',
        onlineUrl: input.onlineUrl ?? null,
        capacity: input.capacity ?? null,
        createdAt: new Date().toISOString(),
      })
      .execute();
  });
  return id;
}

export async function patchSite(db: Kysely<DB>, eventId: string, siteId: string, input: SitePatchInput) {
  await db.transaction().execute(async (trx) => {
    await lockEvent(trx, eventId);
    const result = await trx
      .updateTable('eventSites')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.address !== undefined && { address: input.address }),
        ...(input.onlineUrl !== undefined && { onlineUrl: input.onlineUrl }),
        ...(input.capacity !== undefined && { capacity: input.capacity }),
      })
      .where('id', '=', siteId)
      .where('eventId', '=', eventId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('Site');
  });
}

/** Removes a site under the event's lock (a slot being added on it waits, then finds it gone). */
export async function deleteSite(db: Kysely<DB>, eventId: string, siteId: string) {
  await db.transaction().execute(async (trx) => {
    await lockEvent(trx, eventId);
    const result = await trx
      .deleteFrom('eventSites')
      .where('id', '=', siteId)
      .where('eventId', '=', eventId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('Site');
  });
}

async function checkSlot(
  trx: Kysely<DB>,
  event: EventRow,
  slot: { startsAt: string; endsAt: string; siteId: string | null },
) {
  checkDuration(slot.startsAt, slot.endsAt, MAX_SLOT_HOURS * HOUR, 'a slot');
  if (!within(slot, { startsAt: toIso(event.startsAt), endsAt: toIso(event.endsAt) })) {
    throw invalid('startsAt', 'a slot must fall within its event');
  }
  if (slot.siteId) {
    const site = await trx
      .selectFrom('eventSites')
      .select('id')
      .where('id', '=', slot.siteId)
      .where('eventId', '=', event.id)
      .executeTakeFirst();
    if (!site) throw invalid('siteId', 'not a site of this event');
  }
}

export async function addSlot(db: Kysely<DB>, eventId: string, input: SlotCreateInput): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, eventId);
    const startsAt = toIso(input.startsAt);
    const endsAt = toIso(input.endsAt);
    await checkSlot(trx, event, { startsAt, endsAt, siteId: input.siteId ?? null });
    const { n } = await trx
      .selectFrom('eventSlots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('eventId', '=', eventId)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_SLOTS_PER_EVENT) {
      throw new AppError('CONFLICT', `An event has at most ${MAX_SLOTS_PER_EVENT} slots`);
    }
    await trx
      .insertInto('eventSlots')
      .values({
        id,
        eventId,
        siteId: input.siteId ?? null,
        title: input.title,
        kind: input.kind,
        startsAt,
        endsAt,
        speakers: JSON.stringify(input.speakers),
        description: input.description,
        capacity: input.capacity ?? null,
        createdAt: new Date().toISOString(),
      })
      .execute();
  });
  return id;
}

/**
 * Edits a slot. Moving it may not make anyone's slots overlap (400, nothing changes); raising its
 * capacity promotes its waitlist.
 */
export async function patchSlot(
  db: Kysely<DB>,
  eventId: string,
  slotId: string,
  input: SlotPatchInput,
  hooks: {
    checkMove: (trx: Kysely<DB>, slotId: string, startsAt: string, endsAt: string) => Promise<void>;
    promote: (trx: Kysely<DB>, eventId: string) => Promise<void>;
  },
) {
  await db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, eventId);
    const slot = await trx
      .selectFrom('eventSlots')
      .selectAll()
      .where('id', '=', slotId)
      .where('eventId', '=', eventId)
      .executeTakeFirst();
    if (!slot) throw notFound('Slot');
    const startsAt = input.startsAt ? toIso(input.startsAt) : toIso(slot.startsAt);
    const endsAt = input.endsAt ? toIso(input.endsAt) : toIso(slot.endsAt);
    const siteId = input.siteId !== undefined ? input.siteId : slot.siteId;
    await checkSlot(trx, event, { startsAt, endsAt, siteId });
    if (input.startsAt || input.endsAt) await hooks.checkMove(trx, slotId, startsAt, endsAt);
    if (input.kind === 'break' && slot.kind !== 'break') {
      const taken = await trx
        .selectFrom('eventSlotRegistrations')
        .select('id')
        .where('slotId', '=', slotId)
        .executeTakeFirst();
      if (taken) throw new AppError('CONFLICT', 'People registered for this slot: it cannot become a break');
    }
    await trx
      .updateTable('eventSlots')
      .set({
        ...(input.title !== undefined && { title: input.title }),
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.siteId !== undefined && { siteId: input.siteId }),
        ...(input.speakers !== undefined && { speakers: JSON.stringify(input.speakers) }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.capacity !== undefined && { capacity: input.capacity }),
        startsAt,
        endsAt,
      })
      .where('id', '=', slotId)
      .execute();
    if (input.capacity !== undefined) await hooks.promote(trx, eventId);
  });
}

/** Removes a slot and its registrations under the event's lock (registrations to it wait). */
export async function deleteSlot(db: Kysely<DB>, eventId: string, slotId: string) {
  await db.transaction().execute(async (trx) => {
    await lockEvent(trx, eventId);
    const result = await trx
      .deleteFrom('eventSlots')
      .where('id', '=', slotId)
      .where('eventId', '=', eventId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('Slot');
  });
}
