import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { HOME_LIST_LIMIT, type HomeItem } from '../../../contract/hub.ts';
import { one } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { circleContentVisibleTo, circleVisibleTo } from '../../policy/visibility.ts';
import type { HomeScope } from './home-sessions.ts';
import { OPEN_ACTIONS } from './migrations/2026-12-05-0045-hub-read-indexes.ts';

type WithAction = DB & { ci: DB['circles']; a: DB['actions'] };

/** A next step is read with its session (the action policy): the circle's content, or listed on it. */
function actionReadableTo(eb: ExpressionBuilder<WithAction, 'ci' | 'a'>, viewer: Viewer | undefined) {
  const listed = eb.exists(
    eb
      .selectFrom('sessionParticipants as listed')
      .whereRef('listed.sessionId', '=', 'a.sessionId')
      .where('listed.userId', '=', viewer?.id ?? '')
      .select(one),
  );
  return eb.or([
    circleContentVisibleTo(eb, viewer, null),
    viewer ? eb.and([circleVisibleTo(eb, viewer), listed]) : eb.lit(false),
  ]);
}

/** Actions lead (CROSS JOIN keeps them the outer table on SQLite), as sessions do in home-sessions.ts. */
function openActions(db: Kysely<DB>, { communityId, viewer }: HomeScope) {
  return (
    db
      .selectFrom('actions as a')
      .crossJoin('circles as ci')
      .whereRef('ci.id', '=', 'a.circleId')
      .select(['a.id', 'a.title', 'a.dueOn', 'a.sessionId', 'ci.id as circleId', 'ci.name as circleName'])
      .where('ci.communityId', '=', communityId)
      // In the words of actions_open_due_idx's predicate (literals, not parameters), so it may serve.
      .where(sql<boolean>`a.${sql.raw(OPEN_ACTIONS)}`)
      .where((eb) => actionReadableTo(eb, viewer))
      .limit(HOME_LIST_LIMIT)
  );
}

type ActionLine = Awaited<ReturnType<ReturnType<typeof openActions>['execute']>>[number];

const actionItem = (row: ActionLine): HomeItem => ({
  id: row.id,
  title: row.title,
  url: row.sessionId ? `/sessions/${row.sessionId}` : `/circles/${row.circleId}`,
  date: row.dueOn,
  timeZone: null,
  circle: { id: row.circleId, name: row.circleName },
});

/** The viewer's own open next steps in this community: dated ones first, earliest due first. */
export async function myActions(db: Kysely<DB>, scope: HomeScope): Promise<HomeItem[]> {
  const me = scope.viewer?.id;
  if (!me) return [];
  // From the viewer's own rows of action_owners (its user index), not from every open action.
  const rows = await openActions(db, scope)
    .where('a.id', 'in', (eb) =>
      eb.selectFrom('actionOwners as o').select('o.actionId').where('o.userId', '=', me),
    )
    .orderBy((eb) => eb.case().when('a.dueOn', 'is', null).then(1).else(0).end())
    .orderBy('a.dueOn')
    .orderBy('a.createdAt')
    .orderBy('a.id')
    .execute();
  return rows.map(actionItem);
}

/** Open next steps whose due day (`today` is the community's calendar day) has passed. */
export async function overdueActions(db: Kysely<DB>, scope: HomeScope, today: string): Promise<HomeItem[]> {
  const rows = await openActions(db, scope)
    .where('a.dueOn', '<', today)
    .orderBy('a.dueOn')
    .orderBy('a.id')
    .execute();
  return rows.map(actionItem);
}
