import type { Kysely } from 'kysely';
import type { CircleDecision, CircleDecisionPut } from '../../../contract/circle.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';

/**
 * Records the REX's decision on a circle, replacing the previous one: one statement (an upsert on
 * the circle's primary key), so two stewards deciding at once leave the later decision whole.
 */
export async function decideCircle(
  db: Kysely<DB>,
  circleId: string,
  userId: string,
  input: CircleDecisionPut,
): Promise<void> {
  const row = {
    outcome: input.outcome,
    note: input.note ?? '',
    decidedBy: userId,
    decidedAt: new Date().toISOString(),
  };
  await db
    .insertInto('circleDecisions')
    .values({ circleId, ...row })
    .onConflict((oc) => oc.column('circleId').doUpdateSet(row))
    .execute();
}

/** The circle's REX decision, for a caller that has checked the viewer may read the circle's content. */
export async function findCircleDecision(db: Kysely<DB>, circleId: string): Promise<CircleDecision | null> {
  const row = await db
    .selectFrom('circleDecisions as cd')
    .leftJoin('users as u', 'u.id', 'cd.decidedBy')
    .select(['cd.outcome', 'cd.note', 'cd.decidedAt', 'u.id as deciderId', 'u.name as deciderName'])
    .where('cd.circleId', '=', circleId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    outcome: row.outcome,
    note: row.note,
    decidedAt: toIso(row.decidedAt),
    decidedBy: row.deciderId ? { id: row.deciderId, name: row.deciderName ?? '' } : null,
  };
}
