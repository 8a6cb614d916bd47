import type { Kysely } from 'kysely';
import type {
  OpenSpaceDto,
  OpenSpaceSessionDetailDto,
  OpenSpaceSessionDto,
  OpenSpaceSummaryDto,
} from '../../../contract/open-space.ts';
import { toBool, toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import type { Locale } from '../../mail/mail-templates.ts';
import { seesNames } from '../events/events.public.ts';
import {
  type OpenSpaceAccess,
  type OpenSpaceSessionAccess,
  type OpenSpaceSessionRow,
  sessionAbilities,
} from './open-space-access.ts';
import { openSpaceNotesStore } from './open-space-notes.ts';

/** The open spaces of an event, in the order they were created. */
export async function listOpenSpaces(db: Kysely<DB>, eventId: string): Promise<OpenSpaceSummaryDto[]> {
  const spaces = await db
    .selectFrom('openSpaces')
    .select(['id', 'title', 'eventId'])
    .select((eb) => [
      eb
        .selectFrom('openSpaceRooms')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('openSpaceRooms.openSpaceId', '=', 'openSpaces.id')
        .as('roomCount'),
      eb
        .selectFrom('openSpaceSlots')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('openSpaceSlots.openSpaceId', '=', 'openSpaces.id')
        .as('slotCount'),
      eb
        .selectFrom('openSpaceSessions')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('openSpaceSessions.openSpaceId', '=', 'openSpaces.id')
        .as('sessionCount'),
      eb
        .selectFrom('openSpaceSlots')
        .select((inner) => inner.fn.min('openSpaceSlots.startsAt').as('s'))
        .whereRef('openSpaceSlots.openSpaceId', '=', 'openSpaces.id')
        .as('startsAt'),
      eb
        .selectFrom('openSpaceSlots')
        .select((inner) => inner.fn.max('openSpaceSlots.endsAt').as('e'))
        .whereRef('openSpaceSlots.openSpaceId', '=', 'openSpaces.id')
        .as('endsAt'),
    ])
    .where('eventId', '=', eventId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return spaces.map((space) => ({
    id: space.id,
    title: space.title,
    eventId: space.eventId,
    roomCount: Number(space.roomCount ?? 0),
    slotCount: Number(space.slotCount ?? 0),
    sessionCount: Number(space.sessionCount ?? 0),
    startsAt: space.startsAt ? toIso(space.startsAt) : null,
    endsAt: space.endsAt ? toIso(space.endsAt) : null,
  }));
}

async function gridOf(db: Kysely<DB>, openSpaceId: string) {
  const [rooms, slots, sessions] = await Promise.all([
    db
      .selectFrom('openSpaceRooms')
      .select(['id', 'name'])
      .where('openSpaceId', '=', openSpaceId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('openSpaceSlots')
      .select(['id', 'startsAt', 'endsAt'])
      .where('openSpaceId', '=', openSpaceId)
      .orderBy('startsAt')
      .execute(),
    db
      .selectFrom('openSpaceSessions as s')
      .leftJoin('users as u', 'u.id', 's.hostId')
      .selectAll('s')
      .select('u.name as hostName')
      .select((eb) =>
        eb
          .selectFrom('openSpacePresences as p')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('p.sessionId', '=', 's.id')
          .as('presentCount'),
      )
      .where('s.openSpaceId', '=', openSpaceId)
      .execute(),
  ]);
  return {
    rooms,
    slots: slots.map((slot) => ({ id: slot.id, startsAt: toIso(slot.startsAt), endsAt: toIso(slot.endsAt) })),
    sessions,
  };
}

function sessionDto(
  access: OpenSpaceAccess,
  session: OpenSpaceSessionRow & { hostName: string | null; presentCount: number | string | null },
  viewer: Viewer | undefined,
  myPlaces: ReadonlySet<string>,
): OpenSpaceSessionDto {
  return {
    id: session.id,
    title: session.title,
    question: session.question,
    roomId: session.roomId,
    slotId: session.slotId,
    // Names are member data: visitors of a public event and accounts outside the community see
    // that someone hosts the session, not who (their own session says so through `mine`).
    host: { name: seesNames(access.standing) ? (session.hostName ?? '—') : null },
    presentCount: Number(session.presentCount ?? 0),
    notesOpen: toBool(session.notesOpen),
    iAmHere: myPlaces.has(session.id),
    mine: viewer !== undefined && session.hostId === viewer.id,
    abilities: sessionAbilities(access, session, viewer),
  };
}

async function myPlacesOf(db: Kysely<DB>, openSpaceId: string, viewer: Viewer | undefined) {
  if (!viewer) return [];
  return db
    .selectFrom('openSpacePresences')
    .select(['slotId', 'sessionId'])
    .where('openSpaceId', '=', openSpaceId)
    .where('userId', '=', viewer.id)
    .execute();
}

/** The marketplace as the viewer sees it: who is present is never listed, only counted. */
export async function openSpaceDetail(
  db: Kysely<DB>,
  access: OpenSpaceAccess,
  viewer: Viewer | undefined,
): Promise<OpenSpaceDto> {
  const { openSpace, event } = access;
  const [grid, myPlaces] = await Promise.all([
    gridOf(db, openSpace.id),
    myPlacesOf(db, openSpace.id, viewer),
  ]);
  const here = new Set(myPlaces.map((place) => place.sessionId));
  const slotOrder = new Map(grid.slots.map((slot, index) => [slot.id, index]));
  const roomOrder = new Map(grid.rooms.map((room, index) => [room.id, index]));
  const sessions = grid.sessions
    .map((session) => sessionDto(access, session, viewer, here))
    .sort(
      (a, b) =>
        (slotOrder.get(a.slotId) ?? 0) - (slotOrder.get(b.slotId) ?? 0) ||
        (roomOrder.get(a.roomId) ?? 0) - (roomOrder.get(b.roomId) ?? 0),
    );
  return {
    id: openSpace.id,
    title: openSpace.title,
    eventId: event.id,
    eventTitle: event.title,
    timeZone: event.timeZone,
    rooms: grid.rooms,
    slots: grid.slots,
    sessions,
    myPlaces,
    abilities: access.abilities,
  };
}

/** One session with its notes as Markdown. */
export async function openSpaceSessionDetail(
  db: Kysely<DB>,
  access: OpenSpaceSessionAccess,
  viewer: Viewer | undefined,
): Promise<OpenSpaceSessionDetailDto> {
  const detail = await openSpaceDetail(db, access, viewer);
  const session = detail.sessions.find((item) => item.id === access.session.id);
  const slot = detail.slots.find((item) => item.id === access.session.slotId);
  const room = detail.rooms.find((item) => item.id === access.session.roomId);
  if (!session || !slot || !room) throw new Error('session without its cell');
  return {
    ...session,
    openSpaceId: detail.id,
    openSpaceTitle: detail.title,
    eventId: detail.eventId,
    timeZone: detail.timeZone,
    roomName: room.name,
    slot,
    notes: await openSpaceNotesStore.readNotesMarkdown(db, session.id),
  };
}

const reportWords = {
  fr: {
    report: 'Compte rendu',
    room: 'Salle',
    host: 'Animé par',
    question: 'Question',
    colon: ' :',
    noNotes: '_Pas de notes._',
    noSessions: '_Aucune session proposée._',
  },
  en: {
    report: 'Report',
    room: 'Room',
    host: 'Hosted by',
    question: 'Question',
    colon: ':',
    noNotes: '_No notes._',
    noSessions: '_No session proposed._',
  },
} as const;

/** Notes' own headings go below the session's (### in the report): at least four levels deep. */
function nestHeadings(markdown: string): string {
  return markdown.replace(
    /^(#{1,6}) /gm,
    (_all, hashes: string) => `${'#'.repeat(Math.min(Math.max(hashes.length + 1, 4), 6))} `,
  );
}

/**
 * Every session's notes compiled under its title, by time slot then room, with its host and its
 * question: the organiser's report (Markdown; the web page prints it).
 */
export async function openSpaceReport(
  db: Kysely<DB>,
  access: OpenSpaceAccess,
  locale: Locale,
): Promise<string> {
  const words = reportWords[locale === 'en' ? 'en' : 'fr'];
  const { openSpace, event } = access;
  const grid = await gridOf(db, openSpace.id);
  const rooms = new Map(grid.rooms.map((room, index) => [room.id, { ...room, index }]));
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: event.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: event.timeZone,
    hour: '2-digit',
    minute: '2-digit',
  });
  const lines: string[] = [`# ${words.report} — ${openSpace.title}`, '', `${event.title}`];
  for (const slot of grid.slots) {
    const starts = new Date(slot.startsAt);
    lines.push('', `## ${day.format(starts)}, ${time.format(starts)}–${time.format(new Date(slot.endsAt))}`);
    const sessions = grid.sessions
      .filter((session) => session.slotId === slot.id)
      .sort((a, b) => (rooms.get(a.roomId)?.index ?? 0) - (rooms.get(b.roomId)?.index ?? 0));
    if (sessions.length === 0) lines.push('', words.noSessions);
    for (const session of sessions) {
      const notes = (await openSpaceNotesStore.readNotesMarkdown(db, session.id)).trim();
      lines.push(
        '',
        `### ${session.title}`,
        '',
        `${words.room}${words.colon} ${rooms.get(session.roomId)?.name ?? ''} · ${words.host}${words.colon} ${session.hostName ?? '—'}`,
      );
      if (session.question.trim())
        lines.push('', `> ${words.question}${words.colon} ${session.question.trim().replace(/\n+/g, ' ')}`);
      lines.push('', notes ? nestHeadings(notes) : words.noNotes);
    }
  }
  return `${lines.join('\n')}\n`;
}
