import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchSource } from '../../search/search-source.ts';

/** Next steps, read with their session (listed people of a private circle's session find them). */
export const actionSearchSource: SearchSource = {
  kind: 'action',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const actions = await db
      .selectFrom('actions as a')
      .innerJoin('circles as ci', 'ci.id', 'a.circleId')
      .select(['a.id', 'a.title', 'a.sessionId', 'a.dueOn', 'ci.id as circleId', 'ci.communityId'])
      .where('a.id', 'in', ids)
      .execute();
    return actions.map((action) => ({
      objectId: action.id,
      communityId: action.communityId,
      circleId: action.circleId,
      sessionId: action.sessionId,
      ownerId: null,
      audience: 'circle-content',
      title: action.title,
      body: '',
      url: action.sessionId ? `/sessions/${action.sessionId}` : `/circles/${action.circleId}`,
      date: action.dueOn,
    }));
  },
  allIds: (db, after, limit) => pageOfIds(db, 'actions', after, limit),
};
