import { toIso } from '../../db/columns.ts';
import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchSource } from '../../search/search-source.ts';

/** Sign-up sheets by their title and topics. */
export const signupSheetSearchSource: SearchSource = {
  kind: 'signup-sheet',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const sheets = await db
      .selectFrom('signupSheets as s')
      .innerJoin('circles as ci', 'ci.id', 's.circleId')
      .select(['s.id', 's.title', 's.createdAt', 'ci.id as circleId', 'ci.communityId'])
      .where('s.id', 'in', ids)
      .execute();
    if (sheets.length === 0) return [];
    const topics = await db
      .selectFrom('signupTopics')
      .select(['sheetId', 'title'])
      .where(
        'sheetId',
        'in',
        sheets.map((sheet) => sheet.id),
      )
      .orderBy('position')
      .execute();
    return sheets.map((sheet) => ({
      objectId: sheet.id,
      communityId: sheet.communityId,
      circleId: sheet.circleId,
      sessionId: null,
      ownerId: null,
      audience: 'circle-content',
      title: sheet.title,
      body: topics
        .filter((topic) => topic.sheetId === sheet.id)
        .map((topic) => topic.title)
        .join('\n'),
      url: `/signup-sheets/${sheet.id}`,
      date: toIso(sheet.createdAt),
    }));
  },
  allIds: (db, after, limit) => pageOfIds(db, 'signupSheets', after, limit),
};
