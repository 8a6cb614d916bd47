import type { Kysely } from 'kysely';
import { HOME_LIST_LIMIT, type HomeGlossary, type HomeItem } from '../../../contract/hub.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import type { VoteScope } from './home-votes.ts';

/**
 * Events not over and not cancelled, soonest first: public ones for all, community ones for its
 * members and admins (the event policy's `read`). Parts of an event are reached from it.
 */
export async function nextEvents(db: Kysely<DB>, scope: VoteScope): Promise<HomeItem[]> {
  let query = db
    .selectFrom('events as e')
    .select(['e.id', 'e.title', 'e.startsAt', 'e.timeZone'])
    .where('e.communityId', '=', scope.communityId)
    .where('e.parentId', 'is', null)
    .where('e.cancelledAt', 'is', null)
    .where('e.endsAt', '>=', scope.now);
  if (!scope.readsCommunity) query = query.where('e.visibility', '=', 'public');
  const rows = await query.orderBy('e.startsAt').orderBy('e.id').limit(HOME_LIST_LIMIT).execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    url: `/events/${row.id}`,
    date: toIso(row.startsAt),
    timeZone: row.timeZone,
    circle: null,
  }));
}

/**
 * The abécédaire's progress: its entries counted by status, proposed ones only for those who may
 * read them (members and admins, the glossaryEntry policy); archived ones are not progress.
 */
export async function glossaryProgress(
  db: Kysely<DB>,
  scope: VoteScope,
  community: { name: string; slug: string },
): Promise<HomeGlossary[]> {
  const statuses = scope.readsCommunity
    ? (['proposed', 'selected', 'published'] as const)
    : (['selected', 'published'] as const);
  const rows = await db
    .selectFrom('glossaryEntries')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('communityId', '=', scope.communityId)
    .where('status', 'in', [...statuses])
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
  const progress = {
    proposed: count('proposed'),
    selected: count('selected'),
    published: count('published'),
  };
  if (progress.proposed + progress.selected + progress.published === 0) return [];
  return [
    { id: scope.communityId, title: community.name, url: `/c/${community.slug}/glossary`, ...progress },
  ];
}
