import { toIso } from '../../db/columns.ts';
import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchSource } from '../../search/search-source.ts';
import { textOfJsonList } from '../../search/search-text.ts';

/** Learning designs (scénarios pédagogiques), for the community's members. */
export const learningDesignSearchSource: SearchSource = {
  kind: 'learning-design',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const designs = await db
      .selectFrom('learningDesigns')
      .select(['id', 'communityId', 'title', 'objectives', 'audience', 'sequences', 'updatedAt'])
      .where('id', 'in', ids)
      .execute();
    return designs.map((design) => ({
      objectId: design.id,
      communityId: design.communityId,
      circleId: null,
      sessionId: null,
      ownerId: null,
      audience: 'community',
      title: design.title,
      body: [textOfJsonList(design.objectives), design.audience, textOfJsonList(design.sequences)].join('\n'),
      url: `/learning-designs/${design.id}`,
      date: toIso(design.updatedAt),
    }));
  },
  allIds: (db, after, limit) => pageOfIds(db, 'learningDesigns', after, limit),
};
