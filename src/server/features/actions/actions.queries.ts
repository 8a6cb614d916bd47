import type { Kysely } from 'kysely';
import type { Action } from '../../../contract/session.ts';
import { one, toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';

type ActionFilter =
  | { sessionId: string }
  | { circleId: string; openBefore: string }
  | { ownerId: string }
  | { actionId: string };

/**
 * Actions matching the filter. `openBefore` selects the circle's still-open actions from sessions
 * that started before the given instant: what comes back for review.
 */
function actionsQuery(db: Kysely<DB>, filter: ActionFilter) {
  let query = db
    .selectFrom('actions as a')
    .leftJoin('sessions as origin', 'origin.id', 'a.sessionId')
    .selectAll('a')
    .select('origin.title as sessionTitle');
  if ('sessionId' in filter) query = query.where('a.sessionId', '=', filter.sessionId);
  if ('actionId' in filter) query = query.where('a.id', '=', filter.actionId);
  if ('ownerId' in filter) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('actionOwners as o')
          .whereRef('o.actionId', '=', 'a.id')
          .where('o.userId', '=', filter.ownerId)
          .select(one),
      ),
    );
  }
  if ('openBefore' in filter) {
    query = query
      .where('a.circleId', '=', filter.circleId)
      .where('a.status', 'in', ['todo', 'in_progress'])
      .where('origin.startsAt', '<', filter.openBefore);
  }
  return query;
}

type ActionQueryRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['executeTakeFirstOrThrow']>>;

/** Actions with their owners, in creation order. */
export async function listActions(db: Kysely<DB>, filter: ActionFilter): Promise<Action[]> {
  return withOwners(db, await actionsQuery(db, filter).orderBy('a.createdAt').orderBy('a.id').execute());
}

const actionOrder: Keyset<{ id: string; createdAt: string | Date }> = {
  list: 'actions',
  keys: [{ expr: 'a.createdAt', kind: 'time' }],
  id: 'a.id',
  of: (row) => ({ keys: [row.createdAt], id: row.id }),
};

/** One page of actions with their owners, in creation order. */
export async function pageActions(db: Kysely<DB>, filter: ActionFilter, page: PageRequest) {
  const rows = await pageQuery(actionsQuery(db, filter), actionOrder, page).execute();
  const { items, nextCursor } = toPage(rows, actionOrder, page);
  return { items: await withOwners(db, items), nextCursor };
}

async function withOwners(db: Kysely<DB>, rows: ActionQueryRow[]): Promise<Action[]> {
  if (rows.length === 0) return [];
  const owners = await db
    .selectFrom('actionOwners as o')
    .leftJoin('users as u', 'u.id', 'o.userId')
    .select(['o.actionId', 'o.userId', 'o.guestName', 'u.name as userName'])
    .where(
      'o.actionId',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('o.position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    circleId: row.circleId,
    sessionId: row.sessionId,
    title: row.title,
    status: row.status,
    dueOn: row.dueOn,
    owners: owners
      .filter((owner) => owner.actionId === row.id)
      .map((owner) => ({ userId: owner.userId, name: owner.userName ?? owner.guestName ?? '' })),
    authorId: row.createdBy,
    sessionTitle: row.sessionTitle,
    createdAt: toIso(row.createdAt),
  }));
}
