import type { Kysely } from 'kysely';
import type { Action } from '../../../contract/session.ts';
import type { Abilities } from '../../../domain/policy.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle, type CircleWithStanding } from '../../policy/access.ts';

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
    // From the owner's rows (action_owners_user_idx), not a test on every action: an EXISTS here
    // made SQLite read all of them (issue 16, item 5).
    const { ownerId } = filter;
    query = query.where('a.id', 'in', (eb) =>
      eb.selectFrom('actionOwners as o').select('o.actionId').where('o.userId', '=', ownerId),
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

/** An action as stored, before the viewer's abilities are added. */
export type ActionRow = Omit<Action, 'abilities'>;

/** Who reads actions: the circle they belong to (with the viewer's standing) and the viewer. */
export interface ActionReader {
  circle: CircleWithStanding;
  viewer: Viewer | undefined;
  /** Listed on the session the actions are read with (reads a private circle's content). */
  isListed: boolean;
}

/** What the reader may do on an action, from the action policy. */
export function actionAbilities(row: ActionRow, { circle, viewer, isListed }: ActionReader): Abilities {
  const isOwner = viewer !== undefined && row.owners.some((owner) => owner.userId === viewer.id);
  return abilitiesInCircle(circle, viewer, { kind: 'action', isListed, authorId: row.authorId, isOwner });
}

/** Each action with what the reader may do on it. */
export function withAbilities(rows: ActionRow[], reader: ActionReader): Action[] {
  return rows.map((row) => ({ ...row, abilities: actionAbilities(row, reader) }));
}

/** Actions with their owners, in creation order. */
export async function listActions(db: Kysely<DB>, filter: ActionFilter): Promise<ActionRow[]> {
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

async function withOwners(db: Kysely<DB>, rows: ActionQueryRow[]): Promise<ActionRow[]> {
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
