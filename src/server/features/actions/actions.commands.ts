import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ActionCreateInput, ActionPatch } from '../../../contract/session.ts';
import { lockAction } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';

interface Owners {
  ownerIds?: string[] | undefined;
  guestOwners?: string[] | undefined;
}

/** Owners with an account must belong to the circle; guests are kept by name. */
async function requireOwnersInCircle(db: Kysely<DB>, circleId: string, ownerIds: string[]) {
  if (ownerIds.length === 0) return;
  const found = await db
    .selectFrom('circleMembers')
    .select('userId')
    .where('circleId', '=', circleId)
    .where('status', '=', 'member')
    .where('userId', 'in', ownerIds)
    .execute();
  if (found.length !== new Set(ownerIds).size) {
    throw new AppError('INVALID_INPUT', 'Owners must be members of the circle, or named guests', [
      { path: ['body', 'ownerIds'], message: 'not a member of the circle' },
    ]);
  }
}

async function writeOwners(trx: Kysely<DB>, actionId: string, owners: Owners) {
  await trx.deleteFrom('actionOwners').where('actionId', '=', actionId).execute();
  const rows = [
    ...[...new Set(owners.ownerIds ?? [])].map((userId) => ({ userId, guestName: null })),
    ...[...new Set(owners.guestOwners ?? [])].map((guestName) => ({ userId: null, guestName })),
  ];
  for (const [index, row] of rows.entries()) {
    await trx
      .insertInto('actionOwners')
      .values({ actionId, position: index + 1, ...row })
      .execute();
  }
}

/**
 * Now, or a millisecond after the latest action of the same session (of the circle, for an action
 * outside sessions) when that one is dated now or later. Lists order actions by creation time, then
 * by id, which is random: two actions recorded one after the other within a millisecond would
 * otherwise be listed in either order.
 */
async function nextCreationTime(
  trx: Kysely<DB>,
  scope: { circleId: string; sessionId: string | null },
): Promise<Date> {
  const now = new Date();
  const latest = await trx
    .selectFrom('actions')
    .select((eb) => eb.fn.max('createdAt').as('createdAt'))
    .$call((query) =>
      scope.sessionId
        ? query.where('sessionId', '=', scope.sessionId)
        : query.where('circleId', '=', scope.circleId).where('sessionId', 'is', null),
    )
    .executeTakeFirst();
  const latestTime = latest?.createdAt ? new Date(latest.createdAt).getTime() : Number.NEGATIVE_INFINITY;
  return latestTime >= now.getTime() ? new Date(latestTime + 1) : now;
}

/** Inserts an action and its owners inside the caller's transaction. */
export async function insertActionIn(
  trx: Kysely<DB>,
  scope: { circleId: string; sessionId: string | null },
  creatorId: string | null,
  input: ActionCreateInput,
  /** Lists order actions by creation time: an import spaces its actions to keep the pad's order. */
  createdAt?: Date,
): Promise<string> {
  await requireOwnersInCircle(trx, scope.circleId, input.ownerIds ?? []);
  const id = randomUUID();
  const now = (createdAt ?? (await nextCreationTime(trx, scope))).toISOString();
  await trx
    .insertInto('actions')
    .values({
      id,
      circleId: scope.circleId,
      sessionId: scope.sessionId,
      title: input.title,
      dueOn: input.dueOn ?? null,
      status: 'todo',
      createdBy: creatorId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await writeOwners(trx, id, input);
  return id;
}

export function createAction(
  db: Kysely<DB>,
  scope: { circleId: string; sessionId: string | null },
  creatorId: string | null,
  input: ActionCreateInput,
): Promise<string> {
  return db.transaction().execute((trx) => insertActionIn(trx, scope, creatorId, input));
}

export async function patchAction(
  db: Kysely<DB>,
  action: { id: string; circleId: string },
  patch: ActionPatch,
) {
  const { ownerIds, guestOwners, ...fields } = patch;
  const ownersChange = ownerIds !== undefined || guestOwners !== undefined;
  if (ownerIds) await requireOwnersInCircle(db, action.circleId, ownerIds);
  await db.transaction().execute(async (trx) => {
    await lockAction(trx, action.id);
    await trx
      .updateTable('actions')
      .set({ ...fields, updatedAt: new Date().toISOString() })
      .where('id', '=', action.id)
      .execute();
    if (!ownersChange) return;
    // Each list replaces its own kind of owner; the kind left out of the patch stays as it was.
    const current = await trx
      .selectFrom('actionOwners')
      .selectAll()
      .where('actionId', '=', action.id)
      .execute();
    await writeOwners(trx, action.id, {
      ownerIds: ownerIds ?? current.flatMap((owner) => (owner.userId ? [owner.userId] : [])),
      guestOwners: guestOwners ?? current.flatMap((owner) => (owner.guestName ? [owner.guestName] : [])),
    });
  });
}
