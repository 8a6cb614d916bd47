import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { giveTextblocksText, NOTES_FRAGMENT } from '../../contract/notes-document.ts';
import { toIso } from '../db/columns.ts';
import type { DB } from '../db/schema.ts';
import { docToMarkdown } from '../live/notes-markdown.ts';

const rooms = ['Salle Cercles', 'Salle Territoires', 'Salle Outils'] as const;

interface DemoSession {
  title: string;
  question: string;
  room: (typeof rooms)[number];
  slot: number;
  /** What the host already wrote in the session's notes: the meeting's own words. */
  notes?: string[];
}

/**
 * The sessions proposed from the Cercle des cercles' themes (15 June 2021): the challenge "comment
 * porter les cercles sur les territoires", the sense of the circles to make visible, "qui porte la
 * Riposte le jour j ?" and the need to land and spread. Only the first has notes, taken from the
 * meeting's synthesis; nobody is said to be present: the forum has not taken place.
 */
const sessions: DemoSession[] = [
  {
    title: 'Comment porter les cercles sur les territoires ?',
    question: 'Quel portage local de la dynamique de la Riposte, site par site ?',
    room: 'Salle Territoires',
    slot: 0,
    notes: [
      'Intégrer l’équipe de l’organisation de l’Université locale pour influencer.',
      'Porter un défi avec des questions relatives à la Riposte, en lien avec le sujet de l’Université.',
      'Gironde : le wiki Riposte lancé le 2 juillet, une préfiguration de communautés d’apprentissage.',
    ],
  },
  {
    title: 'Rendre visible le sens des cercles',
    question: 'Comment faire découvrir, le temps d’une séance, tous les ingrédients de la coopération ?',
    room: 'Salle Cercles',
    slot: 0,
  },
  {
    title: 'Qui porte la Riposte le jour J ?',
    question: 'Un site virtuel autour de la Riposte créative, en plus de ce que proposent les délégations ?',
    room: 'Salle Outils',
    slot: 1,
  },
  {
    title: 'Atterrir et essaimer',
    question: 'Les cercles créent du lien à distance et mobilisent encore peu de monde : comment essaimer ?',
    room: 'Salle Cercles',
    slot: 1,
  },
];

/** Notes as the editor writes them: one paragraph per line. */
function notesState(lines: string[]) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(NOTES_FRAGMENT);
  lines.forEach((line, index) => {
    const paragraph = new Y.XmlElement('paragraph');
    fragment.insert(index, [paragraph]);
    paragraph.insert(0, [new Y.XmlText(line)]);
  });
  giveTextblocksText(fragment.toArray());
  return { state: Y.encodeStateAsUpdate(doc), markdown: docToMarkdown(doc) };
}

/**
 * The network's inspiring online forum ouvert, ahead of the Université: three rooms, two or three
 * time slots spread over the event (each in the middle of its share of the event), and the
 * sessions above, hosted in turn by `hostIds`. Returns the open space's id.
 */
export async function seedDemoOpenSpace(
  db: Kysely<DB>,
  { eventId, hostIds }: { eventId: string; hostIds: string[] },
): Promise<string> {
  const event = await db
    .selectFrom('events')
    .select(['startsAt', 'endsAt', 'createdBy'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  const start = Date.parse(toIso(event.startsAt));
  const length = Date.parse(toIso(event.endsAt)) - start;
  const slotCount = length >= 3 * 3_600_000 ? 3 : 2;
  const share = length / slotCount;
  const now = new Date().toISOString();
  const openSpaceId = randomUUID();
  await db
    .insertInto('openSpaces')
    .values({
      id: openSpaceId,
      eventId,
      title: 'Forum ouvert : un temps inspirant en ligne',
      createdBy: event.createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const roomIds = rooms.map(() => randomUUID());
  await db
    .insertInto('openSpaceRooms')
    .values(rooms.map((name, position) => ({ id: roomIds[position] as string, openSpaceId, position, name })))
    .execute();
  const slotIds = Array.from({ length: slotCount }, () => randomUUID());
  await db
    .insertInto('openSpaceSlots')
    .values(
      slotIds.map((id, index) => ({
        id,
        openSpaceId,
        startsAt: new Date(start + share * index + share * 0.1).toISOString(),
        endsAt: new Date(start + share * (index + 1) - share * 0.1).toISOString(),
      })),
    )
    .execute();
  for (const [index, session] of sessions.entries()) {
    const sessionId = randomUUID();
    await db
      .insertInto('openSpaceSessions')
      .values({
        id: sessionId,
        openSpaceId,
        roomId: roomIds[rooms.indexOf(session.room)] as string,
        slotId: slotIds[Math.min(session.slot, slotCount - 1)] as string,
        title: session.title,
        question: session.question,
        hostId: hostIds.length > 0 ? (hostIds[index % hostIds.length] as string) : null,
        notesOpen: session.notes !== undefined,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    if (session.notes) {
      const { state, markdown } = notesState(session.notes);
      await db
        .insertInto('openSpaceNoteSnapshots')
        .values({ sessionId, state, markdown, updatedAt: now })
        .execute();
    }
  }
  return openSpaceId;
}
