import type { Kysely } from 'kysely';
import type { Communication } from '../../../contract/newsletters.ts';
import { one, toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { circleContentVisibleTo, circleVisibleTo } from '../../policy/visibility.ts';

/**
 * The "À communiquer" items of a community's sessions as the viewer may read them: the session
 * policy's `read` in SQL (circle content: in a private circle its members, stewards — active
 * animators and admins included — and the session's listed people).
 */
function visibleCommunications(db: Kysely<DB>, communityId: string, viewer: Viewer | undefined) {
  return db
    .selectFrom('announcements as a')
    .innerJoin('sessions as s', 's.id', 'a.sessionId')
    .innerJoin('circles as ci', 'ci.id', 's.circleId')
    .leftJoin('users as u', 'u.id', 'a.authorId')
    .where('ci.communityId', '=', communityId)
    .where((eb) =>
      eb.or([
        circleContentVisibleTo(eb, viewer, null),
        // Listed on the session itself (the content rule's `sessionId`, per row here).
        eb.and([
          circleVisibleTo(eb, viewer),
          eb.exists(
            eb
              .selectFrom('sessionParticipants as listed')
              .whereRef('listed.sessionId', '=', 's.id')
              .where('listed.userId', '=', viewer?.id ?? '')
              .select(one),
          ),
        ]),
      ]),
    )
    .select([
      'a.id',
      'a.text',
      'a.position',
      'a.createdAt',
      's.id as sessionId',
      's.title as sessionTitle',
      's.startsAt as sessionStartsAt',
      'ci.id as circleId',
      'ci.name as circleName',
      'u.id as authorId',
      'u.name as authorName',
    ])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('newsletterItems as ni').whereRef('ni.announcementId', '=', 'a.id').select(one))
        .as('used'),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof visibleCommunications>['execute']>>[number];

/** Newest sessions first, then the items in the session's order. */
const communicationOrder: Keyset<Row> = {
  list: 'communications',
  keys: [
    { expr: 's.startsAt', kind: 'time', direction: 'desc' },
    { expr: 'a.position', kind: 'number' },
  ],
  id: 'a.id',
  of: (row) => ({ keys: [row.sessionStartsAt, row.position], id: row.id }),
};

export function toCommunicationDto(row: Row): Communication {
  return {
    id: row.id,
    text: row.text,
    sessionId: row.sessionId,
    sessionTitle: row.sessionTitle,
    sessionStartsAt: toIso(row.sessionStartsAt),
    circleId: row.circleId,
    circleName: row.circleName,
    author: row.authorId && row.authorName ? { id: row.authorId, name: row.authorName } : null,
    createdAt: row.createdAt ? toIso(row.createdAt) : null,
    usedInNewsletter: row.used === true || Number(row.used) === 1,
  };
}

export async function listCommunications(
  db: Kysely<DB>,
  communityId: string,
  viewer: Viewer | undefined,
  page: PageRequest,
) {
  const rows = await pageQuery(
    visibleCommunications(db, communityId, viewer),
    communicationOrder,
    page,
  ).execute();
  const { items, nextCursor } = toPage(rows, communicationOrder, page);
  return { items: items.map(toCommunicationDto), nextCursor };
}

/**
 * The chosen items, in the order given, as the composing viewer may read them: an item they may
 * not read, or of another community, is refused as if it did not exist (400 naming `itemIds`).
 */
export async function readableItems(
  db: Kysely<DB>,
  communityId: string,
  viewer: Viewer,
  itemIds: readonly string[],
): Promise<Communication[]> {
  if (itemIds.length === 0) return [];
  const unique = [...new Set(itemIds)];
  const rows = await visibleCommunications(db, communityId, viewer).where('a.id', 'in', unique).execute();
  const byId = new Map(rows.map((row) => [row.id, toCommunicationDto(row)]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new AppError('INVALID_INPUT', 'Some items are not flagged items of this community you may read', [
      { path: ['itemIds'], message: `Unknown items: ${missing.join(', ')}` },
    ]);
  }
  return unique.flatMap((id) => byId.get(id) ?? []);
}
