import { toIso } from '../../db/columns.ts';
import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchSource } from '../../search/search-source.ts';

/** Date polls by their title. */
export const datePollSearchSource: SearchSource = {
  kind: 'date-poll',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const polls = await db
      .selectFrom('datePolls as p')
      .innerJoin('circles as ci', 'ci.id', 'p.circleId')
      .select(['p.id', 'p.title', 'p.createdAt', 'ci.id as circleId', 'ci.communityId'])
      .where('p.id', 'in', ids)
      .execute();
    return polls.map((poll) => ({
      objectId: poll.id,
      communityId: poll.communityId,
      circleId: poll.circleId,
      sessionId: null,
      ownerId: null,
      audience: 'circle-content',
      title: poll.title,
      body: '',
      url: `/date-polls/${poll.id}`,
      date: toIso(poll.createdAt),
    }));
  },
  allIds: (db, after, limit) => pageOfIds(db, 'datePolls', after, limit),
};
