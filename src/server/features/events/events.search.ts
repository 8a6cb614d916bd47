import { toIso } from '../../db/columns.ts';
import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchSource } from '../../search/search-source.ts';

/** Events by their title and description: public ones for everyone, the others for members. */
export const eventSearchSource: SearchSource = {
  kind: 'event',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const events = await db
      .selectFrom('events')
      .select(['id', 'communityId', 'title', 'description', 'visibility', 'startsAt'])
      .where('id', 'in', ids)
      .execute();
    return events.map((event) => ({
      objectId: event.id,
      communityId: event.communityId,
      circleId: null,
      sessionId: null,
      ownerId: null,
      audience: event.visibility === 'public' ? 'everyone' : 'community',
      title: event.title,
      body: event.description,
      url: `/events/${event.id}`,
      date: toIso(event.startsAt),
    }));
  },
  allIds: (db, after, limit) => pageOfIds(db, 'events', after, limit),
};
