import { publicGlossaryStatuses } from '../../../domain/glossary.ts';
import { toIso } from '../../db/columns.ts';
import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchSource } from '../../search/search-source.ts';
import { textOfJsonList } from '../../search/search-text.ts';

/**
 * Glossary entries by their term, definition, argument and examples: selected and published ones
 * for everyone who sees the community, proposed and archived ones for its members.
 */
export const glossarySearchSource: SearchSource = {
  kind: 'glossary',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const entries = await db
      .selectFrom('glossaryEntries')
      .select(['id', 'communityId', 'term', 'status', 'definition', 'argument', 'examples', 'updatedAt'])
      .where('id', 'in', ids)
      .execute();
    return entries.map((entry) => ({
      objectId: entry.id,
      communityId: entry.communityId,
      circleId: null,
      sessionId: null,
      ownerId: null,
      audience: publicGlossaryStatuses.includes(entry.status) ? 'everyone' : 'community',
      title: entry.term,
      body: [entry.definition, entry.argument, textOfJsonList(entry.examples)].join('\n'),
      url: `/glossary/${entry.id}`,
      date: toIso(entry.updatedAt),
    }));
  },
  allIds: (db, after, limit) => pageOfIds(db, 'glossaryEntries', after, limit),
};
