import { toIso } from '../../db/columns.ts';
import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchSource } from '../../search/search-source.ts';

/** Polls by their title, description, sections and proposals (a glossary vote's words). */
export const pollSearchSource: SearchSource = {
  kind: 'poll',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const polls = await db
      .selectFrom('polls')
      .select(['id', 'title', 'description', 'communityId', 'circleId', 'createdAt'])
      .where('id', 'in', ids)
      .execute();
    if (polls.length === 0) return [];
    const found = polls.map((poll) => poll.id);
    const [sections, options] = await Promise.all([
      db.selectFrom('pollSections').select(['pollId', 'title']).where('pollId', 'in', found).execute(),
      db.selectFrom('pollOptions').select(['pollId', 'text']).where('pollId', 'in', found).execute(),
    ]);
    return polls.map((poll) => ({
      objectId: poll.id,
      communityId: poll.communityId,
      circleId: poll.circleId,
      sessionId: null,
      ownerId: null,
      // A community poll is read by the community's members (communityPoll policy).
      audience: poll.circleId ? 'circle-content' : 'community',
      title: poll.title,
      body: [
        poll.description,
        ...sections.filter((s) => s.pollId === poll.id).map((s) => s.title),
        ...options.filter((o) => o.pollId === poll.id).map((o) => o.text),
      ].join('\n'),
      url: `/polls/${poll.id}`,
      date: toIso(poll.createdAt),
    }));
  },
  allIds: (db, after, limit) => pageOfIds(db, 'polls', after, limit),
};
