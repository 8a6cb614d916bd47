import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { CircleCreateInput, CirclePatch } from '../../../contract/circle.ts';
import {
  type CircleMemberStatus,
  type CircleRole,
  freePlaces,
  isNarrowerVisibility,
  standingForNewcomer,
} from '../../../domain/circle.ts';
import { lockCircle } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { enqueueMail } from '../../mail/mail-jobs.ts';
import { type AuditActor, recordRoleChange } from '../audit/audit.public.ts';
import type { Leaving } from '../feature-descriptor.ts';
import { writeTerritoryCodes } from '../territories/territories.public.ts';

/** Creates a circle with its creator as facilitator. */
export async function createCircle(
  db: Kysely<DB>,
  communityId: string,
  creatorId: string,
  input: CircleCreateInput,
) {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('circles')
      .values({
        id,
        communityId,
        name: input.name,
        kind: input.kind,
        method: input.method ?? null,
        description: input.description ?? '',
        intention: input.intention ?? '',
        capacity: input.capacity ?? null,
        visibility: input.visibility,
        status: input.status ?? 'forming',
        joinPolicy: input.joinPolicy ?? 'open',
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        plannedSessions: input.plannedSessions ?? null,
        createdBy: creatorId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto('circleMembers')
      .values({
        circleId: id,
        userId: creatorId,
        role: 'facilitator',
        status: 'member',
        position: 1,
        createdAt: now,
      })
      .execute();
  });
  return id;
}

/** Places taken: facilitators host the circle and do not use one of its places. */
async function memberCount(trx: Kysely<DB>, circleId: string): Promise<number> {
  const row = await trx
    .selectFrom('circleMembers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('circleId', '=', circleId)
    .where('status', '=', 'member')
    .where('role', '=', 'member')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function nextPosition(trx: Kysely<DB>, circleId: string): Promise<number> {
  const row = await trx
    .selectFrom('circleMembers')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('circleId', '=', circleId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export function findStanding(trx: Kysely<DB>, circleId: string, userId: string) {
  return trx
    .selectFrom('circleMembers')
    .select(['status', 'role'])
    .where('circleId', '=', circleId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function loadLockedCircle(trx: Kysely<DB>, circleId: string) {
  if (!(await lockCircle(trx, circleId))) throw notFound('Circle');
  return trx
    .selectFrom('circles')
    .select(['id', 'capacity', 'status', 'joinPolicy'])
    .where('id', '=', circleId)
    .executeTakeFirstOrThrow();
}

/**
 * Moves waitlisted people to members, in arrival order, while places are free. Runs inside the
 * transaction that freed the place, under the circle lock, and queues their mail. Returns who was
 * promoted.
 */
export async function promoteWaitlist(
  trx: Kysely<DB>,
  circleId: string,
  capacity: number | null,
): Promise<string[]> {
  const waiting = await trx
    .selectFrom('circleMembers')
    .select('userId')
    .where('circleId', '=', circleId)
    .where('status', '=', 'waitlisted')
    .orderBy('position')
    .execute();
  const places = freePlaces(capacity, await memberCount(trx, circleId), waiting.length);
  const promoted = waiting.slice(0, places).map((row) => row.userId);
  if (promoted.length > 0) {
    await trx
      .updateTable('circleMembers')
      .set({ status: 'member' })
      .where('circleId', '=', circleId)
      .where('userId', 'in', promoted)
      .execute();
    // In the same transaction: the mail job exists exactly when the promotion is committed.
    for (const userId of promoted) {
      await enqueueMail(trx, 'circlePromotion', { circleId, userId });
    }
  }
  return promoted;
}

/**
 * Adds someone to a circle: member while places remain, waitlisted when full, requested when the
 * circle asks for approval. Count and insert happen under the circle lock, so capacity holds under
 * any number of simultaneous joins. Joining twice returns the standing already held.
 */
export async function joinCircle(
  db: Kysely<DB>,
  circleId: string,
  userId: string,
  options: { addedByFacilitator: boolean },
): Promise<{ status: CircleMemberStatus; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const circle = await loadLockedCircle(trx, circleId);
    const existing = await findStanding(trx, circleId, userId);
    if (existing) return { status: existing.status, created: false };
    if (circle.status === 'closed') throw new AppError('CONFLICT', 'This circle is closed to new members');
    const status = standingForNewcomer({
      joinPolicy: circle.joinPolicy,
      capacity: circle.capacity,
      memberCount: await memberCount(trx, circleId),
      isFacilitatorAdding: options.addedByFacilitator,
    });
    await trx
      .insertInto('circleMembers')
      .values({
        circleId,
        userId,
        role: 'member',
        status,
        position: await nextPosition(trx, circleId),
        createdAt: new Date().toISOString(),
      })
      .execute();
    return { status, created: true };
  });
}

async function requireAnotherFacilitator(trx: Kysely<DB>, circleId: string, userId: string) {
  const others = await trx
    .selectFrom('circleMembers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('circleId', '=', circleId)
    .where('role', '=', 'facilitator')
    .where('status', '=', 'member')
    .where('userId', '!=', userId)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0 && (await memberCount(trx, circleId)) > 0) {
    throw new AppError('CONFLICT', 'A circle with members keeps a facilitator: name another one first');
  }
}

/**
 * Takes someone out of a circle inside the caller's transaction, under the circle lock, and runs
 * the features' leaving hooks there (sign-ups are released). A member's place goes to the first
 * waitlisted person, unless the circle is closed. Returns who was promoted.
 */
export async function leaveCircleIn(
  trx: Kysely<DB>,
  circleId: string,
  userId: string,
  leaving: Leaving,
): Promise<string[]> {
  const circle = await loadLockedCircle(trx, circleId);
  const existing = await findStanding(trx, circleId, userId);
  if (!existing) return [];
  if (existing.role === 'facilitator' && existing.status === 'member') {
    await requireAnotherFacilitator(trx, circleId, userId);
  }
  await trx
    .deleteFrom('circleMembers')
    .where('circleId', '=', circleId)
    .where('userId', '=', userId)
    .execute();
  await leaving.circle(trx, { circleId, userId });
  const freedPlace = existing.status === 'member' && existing.role === 'member';
  return freedPlace && circle.status !== 'closed' ? promoteWaitlist(trx, circleId, circle.capacity) : [];
}

/** Leaving (or being removed) frees a place, which goes to the first waitlisted person. */
export function leaveCircle(
  db: Kysely<DB>,
  circleId: string,
  userId: string,
  leaving: Leaving,
): Promise<string[]> {
  return db.transaction().execute((trx) => leaveCircleIn(trx, circleId, userId, leaving));
}

/**
 * Someone leaving a community leaves each of its circles they stand in (a community member's
 * hook, run in the community's leaving transaction under its lock).
 */
export async function leaveCirclesOfCommunity(
  trx: Kysely<DB>,
  communityId: string,
  userId: string,
  leaving: Leaving,
): Promise<void> {
  const circles = await trx
    .selectFrom('circleMembers as m')
    .innerJoin('circles as c', 'c.id', 'm.circleId')
    .select('c.id')
    .where('c.communityId', '=', communityId)
    .where('m.userId', '=', userId)
    .orderBy('c.id')
    .execute();
  for (const circle of circles) await leaveCircleIn(trx, circle.id, userId, leaving);
}

/**
 * Facilitators approve a request and name or un-name facilitators. An approval takes a free place,
 * or the back of the waitlist (a new position: the request's age gives no priority over people
 * already waiting). Only members can change role, and un-naming a facilitator needs a free place.
 */
export async function updateCircleMember(
  db: Kysely<DB>,
  circleId: string,
  userId: string,
  patch: { role?: CircleRole | undefined; status?: 'member' | undefined },
  actor: AuditActor,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const circle = await loadLockedCircle(trx, circleId);
    const existing = await findStanding(trx, circleId, userId);
    if (!existing) throw notFound('Member');
    const full = async () =>
      circle.capacity !== null && (await memberCount(trx, circleId)) >= circle.capacity;
    const changes: { status?: CircleMemberStatus; role?: CircleRole; position?: number } = {};
    if (patch.status === 'member' && existing.status === 'requested') {
      if (circle.status === 'closed') throw new AppError('CONFLICT', 'This circle is closed to new members');
      changes.status = (await full()) ? 'waitlisted' : 'member';
      if (changes.status === 'waitlisted') changes.position = await nextPosition(trx, circleId);
    } else if (patch.status === 'member' && existing.status === 'waitlisted') {
      throw new AppError('CONFLICT', 'Waitlisted people become members in order when a place frees');
    }
    if (patch.role && patch.role !== existing.role) {
      if ((changes.status ?? existing.status) !== 'member') {
        throw new AppError('CONFLICT', 'Only members of the circle can be named facilitator');
      }
      if (patch.role === 'member') {
        await requireAnotherFacilitator(trx, circleId, userId);
        if (await full()) throw new AppError('CONFLICT', 'The circle is full: raise its capacity first');
      }
      changes.role = patch.role;
    }
    if (Object.keys(changes).length > 0) {
      await trx
        .updateTable('circleMembers')
        .set(changes)
        .where('circleId', '=', circleId)
        .where('userId', '=', userId)
        .execute();
    }
    if (changes.role) {
      await recordRoleChange(trx, actor, { kind: 'circle', id: circleId }, { userId, role: changes.role });
    }
    // A participant named facilitator frees the place they held.
    return circle.status === 'closed' ? [] : promoteWaitlist(trx, circleId, circle.capacity);
  });
}

/**
 * Applies a circle's edit. `narrowed`: the circle became more private (read and written under its
 * lock, so two edits cannot both miss it): live connections following it must check their access.
 */
export async function updateCircle(
  db: Kysely<DB>,
  circleId: string,
  patch: CirclePatch,
): Promise<{ promoted: string[]; narrowed: boolean }> {
  const { territoryCodes, ...fields } = patch;
  return db.transaction().execute(async (trx) => {
    await loadLockedCircle(trx, circleId);
    if (territoryCodes) await writeTerritoryCodes(trx, 'circle', circleId, territoryCodes);
    const before = await trx
      .selectFrom('circles')
      .select(['name', 'visibility', 'startsOn', 'endsOn'])
      .where('id', '=', circleId)
      .executeTakeFirstOrThrow();
    // One date changed alone must still leave the cycle in order with the other one, as stored.
    const startsOn = fields.startsOn === undefined ? before.startsOn : fields.startsOn;
    const endsOn = fields.endsOn === undefined ? before.endsOn : fields.endsOn;
    if (startsOn && endsOn && endsOn < startsOn) {
      throw new AppError('INVALID_INPUT', 'The cycle ends before it starts', [
        {
          path: ['body', fields.endsOn === undefined ? 'startsOn' : 'endsOn'],
          message: 'the end is before the start',
        },
      ]);
    }
    await trx
      .updateTable('circles')
      .set({ ...fields, updatedAt: new Date().toISOString() })
      .where('id', '=', circleId)
      .execute();
    if (patch.name !== undefined && patch.name !== before.name) {
      // Every calendar event of the circle's sessions names the circle: their SEQUENCE must grow.
      await trx
        .updateTable('sessions')
        .set({ sequence: sql<number>`sequence + 1` })
        .where('circleId', '=', circleId)
        .execute();
    }
    const narrowed =
      patch.visibility !== undefined && isNarrowerVisibility(before.visibility, patch.visibility);
    const circle = await loadLockedCircle(trx, circleId);
    const promoted = circle.status === 'closed' ? [] : await promoteWaitlist(trx, circleId, circle.capacity);
    return { promoted, narrowed };
  });
}
