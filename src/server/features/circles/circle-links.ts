import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CircleLinkCreateInput, CircleRelations } from '../../../contract/circle.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { circleVisibleTo } from '../../policy/visibility.ts';

/** The stored order of an unordered pair (JavaScript's order, the same on both databases). */
const pairOf = (x: string, y: string) =>
  x < y ? { firstCircleId: x, secondCircleId: y } : { firstCircleId: y, secondCircleId: x };

/**
 * Links a circle to another circle of its community that the steward may see. Linking twice is a
 * CONFLICT (the pair is unique in the database, whichever side asked first).
 */
export async function linkCircles(
  db: Kysely<DB>,
  circle: { id: string; communityId: string },
  viewer: Viewer,
  input: CircleLinkCreateInput,
): Promise<string> {
  const invalid = (message: string) =>
    new AppError('INVALID_INPUT', message, [{ path: ['body', 'circleId'], message }]);
  if (input.circleId === circle.id) throw invalid('a circle is not related to itself');
  const other = await db
    .selectFrom('circles as ci')
    .select('ci.id')
    .where('ci.id', '=', input.circleId)
    .where('ci.communityId', '=', circle.communityId)
    .where((eb) => circleVisibleTo(eb, viewer))
    .executeTakeFirst();
  // A circle the steward may not see reads exactly like one that does not exist.
  if (!other) throw invalid('no such circle in this community');
  const id = randomUUID();
  const inserted = await db
    .insertInto('circleLinks')
    .values({
      id,
      ...pairOf(circle.id, other.id),
      note: input.note,
      createdBy: viewer.id,
      createdAt: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(['firstCircleId', 'secondCircleId']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new AppError('CONFLICT', 'These circles are already related');
  }
  return id;
}

/** Removes a link from either of its two circles' pages. */
export async function unlinkCircles(db: Kysely<DB>, circleId: string, linkId: string): Promise<void> {
  const deleted = await db
    .deleteFrom('circleLinks')
    .where('id', '=', linkId)
    .where((eb) => eb.or([eb('firstCircleId', '=', circleId), eb('secondCircleId', '=', circleId)]))
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw notFound('Link');
}

/**
 * The circle's previous and next cycles and its related circles, each only if the viewer may see
 * it: the circle policy is in each query's WHERE, so a hidden circle is never named.
 */
export async function getCircleRelations(
  db: Kysely<DB>,
  circleId: string,
  viewer: Viewer | undefined,
): Promise<CircleRelations> {
  const [previous, next, related] = await Promise.all([
    db
      .selectFrom('circles as ci')
      .select(['ci.id', 'ci.name'])
      .where('ci.id', '=', (eb) =>
        eb.selectFrom('circles as self').select('self.previousCircleId').where('self.id', '=', circleId),
      )
      .where((eb) => circleVisibleTo(eb, viewer))
      .executeTakeFirst(),
    db
      .selectFrom('circles as ci')
      .select(['ci.id', 'ci.name'])
      .where('ci.previousCircleId', '=', circleId)
      .where((eb) => circleVisibleTo(eb, viewer))
      .executeTakeFirst(),
    db
      .selectFrom('circleLinks as l')
      .innerJoin('circles as ci', (join) =>
        join.on((eb) =>
          eb.or([
            eb.and([eb('l.firstCircleId', '=', circleId), eb('ci.id', '=', eb.ref('l.secondCircleId'))]),
            eb.and([eb('l.secondCircleId', '=', circleId), eb('ci.id', '=', eb.ref('l.firstCircleId'))]),
          ]),
        ),
      )
      .select(['l.id as linkId', 'l.note', 'ci.id', 'ci.name'])
      .where((eb) => circleVisibleTo(eb, viewer))
      .orderBy('ci.name')
      .orderBy('ci.id')
      .execute(),
  ]);
  return {
    previousCycle: previous ?? null,
    nextCycle: next ?? null,
    related: related.map((row) => ({
      linkId: row.linkId,
      note: row.note,
      circle: { id: row.id, name: row.name },
    })),
  };
}
