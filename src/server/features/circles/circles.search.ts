import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchSource } from '../../search/search-source.ts';

/** Circles by their name, description and intention, for whoever may know they exist. */
export const circleSearchSource: SearchSource = {
  kind: 'circle',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const circles = await db
      .selectFrom('circles')
      .select(['id', 'name', 'description', 'intention', 'communityId'])
      .where('id', 'in', ids)
      .execute();
    return circles.map((circle) => ({
      objectId: circle.id,
      communityId: circle.communityId,
      circleId: circle.id,
      sessionId: null,
      ownerId: null,
      audience: 'circle',
      title: circle.name,
      body: [circle.description, circle.intention].join('\n'),
      url: `/circles/${circle.id}`,
      date: null,
    }));
  },
  allIds: (db, after, limit) => pageOfIds(db, 'circles', after, limit),
};
