import type { Kysely } from 'kysely';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { readNotesMarkdown } from '../../live/session-notes.store.ts';
import { pageOfIds } from '../../search/search-pages.ts';
import type { SearchDocument, SearchSource } from '../../search/search-source.ts';

/** The parts of a session's text, in the order its minutes read. */
function sessionText(parts: {
  description: string;
  agenda: string[];
  synthesis: string;
  announcements: string[];
  notes: string;
}): string {
  return [parts.description, ...parts.agenda, parts.synthesis, ...parts.announcements, parts.notes]
    .filter((part) => part.trim() !== '')
    .join('\n\n');
}

/** Sessions are found by their title, agenda, synthesis, "à communiquer" and shared notes. */
export const sessionSearchSource: SearchSource = {
  kind: 'session',
  async load(db, ids) {
    if (ids.length === 0) return [];
    const sessions = await db
      .selectFrom('sessions as s')
      .innerJoin('circles as ci', 'ci.id', 's.circleId')
      .select(['s.id', 's.title', 's.description', 's.synthesis', 's.notesMarkdown', 's.startsAt'])
      .select(['ci.id as circleId', 'ci.communityId'])
      .where('s.id', 'in', ids)
      .execute();
    const found = sessions.map((s) => s.id);
    if (found.length === 0) return [];
    const [agenda, announcements] = await Promise.all([
      db
        .selectFrom('agendaItems')
        .select(['sessionId', 'title', 'notes'])
        .where('sessionId', 'in', found)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('announcements')
        .select(['sessionId', 'text'])
        .where('sessionId', 'in', found)
        .orderBy('position')
        .execute(),
    ]);
    const documents: SearchDocument[] = [];
    for (const session of sessions) {
      const notes = (await readNotesMarkdown(db, session.id)) || session.notesMarkdown;
      documents.push({
        objectId: session.id,
        communityId: session.communityId,
        circleId: session.circleId,
        sessionId: session.id,
        ownerId: null,
        audience: 'circle-content',
        title: session.title,
        body: sessionText({
          description: session.description,
          agenda: agenda.filter((a) => a.sessionId === session.id).flatMap((a) => [a.title, a.notes]),
          synthesis: session.synthesis,
          announcements: announcements.filter((a) => a.sessionId === session.id).map((a) => a.text),
          notes,
        }),
        url: `/sessions/${session.id}`,
        date: toIso(session.startsAt),
      });
    }
    return documents;
  },
  allIds: (db: Kysely<DB>, after, limit) => pageOfIds(db, 'sessions', after, limit),
};
