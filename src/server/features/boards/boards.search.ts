import { toBool, toIso } from '../../db/columns.ts';
import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchSource } from '../../search/search-source.ts';

/** Post-its longer than this are shown cut in results; all their text is still searched. */
const TITLE_LENGTH = 120;

/**
 * Post-its, found by the circle's members and stewards (the board policy). A private post-it (a
 * silent brainstorm not yet revealed) or one a facilitator hid is found by its author only.
 */
export const postItSearchSource: SearchSource = {
  kind: 'postit',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const notes = await db
      .selectFrom('boardNotes as n')
      .innerJoin('boards as b', 'b.id', 'n.boardId')
      .innerJoin('circles as ci', 'ci.id', 'b.circleId')
      .select(['n.id', 'n.text', 'n.authorId', 'n.private', 'n.hidden', 'n.createdAt', 'n.boardId'])
      .select(['b.title as boardTitle', 'b.sessionId', 'ci.id as circleId', 'ci.communityId'])
      .where('n.id', 'in', ids)
      .execute();
    return notes.map((note) => {
      const restricted = toBool(note.private) || toBool(note.hidden);
      return {
        objectId: note.id,
        communityId: note.communityId,
        circleId: note.circleId,
        sessionId: note.sessionId,
        // A restricted post-it without an author (a placeholder's, merged away) is found by nobody.
        ownerId: restricted ? (note.authorId ?? 'nobody') : null,
        audience: 'board',
        title: note.text.length > TITLE_LENGTH ? `${note.text.slice(0, TITLE_LENGTH - 1)}…` : note.text,
        body: note.text.length > TITLE_LENGTH ? note.text : '',
        url: `/boards/${note.boardId}`,
        date: toIso(note.createdAt),
      };
    });
  },
  allIds: (db, after, limit) => pageOfIds(db, 'boardNotes', after, limit),
};
