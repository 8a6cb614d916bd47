import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AgendaItem, Session, SessionSummary } from '../../../contract/session.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB, SessionRow } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { readNotesMarkdown } from '../../live/session-notes.store.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { type ActionReader, listActions, withAbilities } from '../actions/actions.public.ts';
import { canSeeCircleContent, getVisibleCircle } from '../circles/circles.public.ts';
import { loadAgendaLinks, loadHands, readableLinkKinds, readTimer } from './meeting.commands.ts';
import {
  findSessionNumbering,
  type NumberingColumns,
  numberingColumns,
  toNumbering,
} from './session-numbering.ts';

const isoOrNull = (value: Date | string | null) => (value === null ? null : toIso(value));

/**
 * The session and its circle, if the viewer may see the circle; otherwise 404 as if the session
 * did not exist (the circle's visibility rule is applied in the circle query).
 */
export async function getVisibleSession(db: Kysely<DB>, sessionId: string, viewer: Viewer | undefined) {
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  if (!session) throw notFound('Session');
  // A guest by a code reaches their own session only (decision 051).
  if (viewer?.guestScope && viewer.guestScope.sessionId !== session.id) throw notFound('Session');
  const circle = await getVisibleCircle(db, session.circleId, viewer).catch(() => {
    throw notFound('Session');
  });
  if (viewer?.guestScope) return { session, circle };
  // A private circle's sessions are for its members, the people listed on the session and its
  // stewards: being waitlisted or having asked to join shows the circle, not what is said in it.
  // The same rule decides which mails may name the session (canSeeCircleContent).
  const isPlainCase = circle.visibility !== 'private' || circle.myStatus === 'member';
  if (
    !isPlainCase &&
    !(await canSeeCircleContent(db, viewer, { circleId: circle.id, sessionId: session.id }))
  ) {
    throw notFound('Session');
  }
  return { session, circle };
}

export function toSessionSummary(row: SessionRow & NumberingColumns, circleName: string): SessionSummary {
  return {
    id: row.id,
    circleId: row.circleId,
    circleName,
    title: row.title,
    startsAt: toIso(row.startsAt),
    endsAt: toIso(row.endsAt),
    timeZone: row.timeZone,
    place: row.place,
    status: row.cancelledAt === null ? row.status : 'cancelled',
    numbering: toNumbering(row),
  };
}

const circleSessionOrder: Keyset<SessionRow> = {
  list: 'circle-sessions',
  keys: [{ expr: 'startsAt', kind: 'time' }],
  id: 'id',
  of: (row) => ({ keys: [row.startsAt], id: row.id }),
};

export async function listCircleSessions(
  db: Kysely<DB>,
  circleId: string,
  circleName: string,
  page: PageRequest,
) {
  const query = db
    .selectFrom('sessions')
    .selectAll()
    .select(
      numberingColumns({
        id: 'sessions.id',
        circleId: 'sessions.circleId',
        startsAt: 'sessions.startsAt',
        cancelledAt: 'sessions.cancelledAt',
      }),
    )
    .where('circleId', '=', circleId);
  const rows = await pageQuery(query, circleSessionOrder, page).execute();
  const { items, nextCursor } = toPage(rows, circleSessionOrder, page);
  return { items: items.map((row) => toSessionSummary(row, circleName)), nextCursor };
}

const viewerSessionOrder = (when: 'upcoming' | 'past'): Keyset<SessionRow> => ({
  list: `my-sessions-${when}`,
  keys: [{ expr: 's.startsAt', kind: 'time', direction: when === 'upcoming' ? 'asc' : 'desc' }],
  id: 's.id',
  of: (row) => ({ keys: [row.startsAt], id: row.id }),
});

/**
 * Sessions of every circle where the viewer is a member: coming ones (not ended before `now`,
 * soonest first) or past ones (most recent first). A session its facilitator ended, or one called
 * off, is over whatever its planned time: it is never listed as coming.
 */
export async function listViewerSessions(
  db: Kysely<DB>,
  viewerId: string,
  when: 'upcoming' | 'past',
  now: string,
  page: PageRequest,
) {
  const query = db
    .selectFrom('sessions as s')
    .innerJoin('circles as c', 'c.id', 's.circleId')
    .innerJoin('circleMembers as m', (join) =>
      join.onRef('m.circleId', '=', 'c.id').on('m.userId', '=', viewerId).on('m.status', '=', 'member'),
    )
    .selectAll('s')
    .select('c.name as circleName')
    .select(
      numberingColumns({
        id: 's.id',
        circleId: 's.circleId',
        startsAt: 's.startsAt',
        cancelledAt: 's.cancelledAt',
      }),
    )
    .where((eb) =>
      when === 'upcoming'
        ? eb.and([eb('s.endsAt', '>=', now), eb('s.status', '!=', 'ended'), eb('s.cancelledAt', 'is', null)])
        : eb.or([
            eb('s.endsAt', '<', now),
            eb('s.status', '=', 'ended'),
            eb('s.cancelledAt', 'is not', null),
          ]),
    );
  const order = viewerSessionOrder(when);
  const rows = await pageQuery(query, order, page).execute();
  const { items, nextCursor } = toPage(rows, order, page);
  return { items: items.map((row) => toSessionSummary(row, row.circleName)), nextCursor };
}

async function loadAgenda(db: Kysely<DB>, sessionId: string): Promise<AgendaItem[]> {
  const rows = await db
    .selectFrom('agendaItems')
    .selectAll()
    .where('sessionId', '=', sessionId)
    .orderBy('position')
    .execute();
  const toItem = (row: (typeof rows)[number]) => ({
    id: row.id,
    title: row.title,
    startsAt: isoOrNull(row.startsAt),
    endsAt: isoOrNull(row.endsAt),
    kind: row.kind,
    ownerId: row.ownerId,
    notes: row.notes,
  });
  return rows
    .filter((row) => row.parentId === null)
    .map((row) => ({
      ...toItem(row),
      children: rows.filter((child) => child.parentId === row.id).map(toItem),
    }));
}

const voteSectionsSchema = z.array(z.object({ label: z.string(), options: z.array(z.string()) }));

/**
 * The shared notes as Markdown. Damaged notes must not break the session page: they read as empty
 * here, while the editor refuses to open them (and so never overwrites them).
 */
async function readableNotes(db: Kysely<DB>, sessionId: string): Promise<string> {
  try {
    return await readNotesMarkdown(db, sessionId);
  } catch {
    return '';
  }
}

/** A JSON column read defensively: a damaged value shows as empty rather than failing the page. */
function parseVoteSections(json: string) {
  try {
    return voteSectionsSchema.catch([]).parse(JSON.parse(json));
  } catch {
    return [];
  }
}

/** Everything the session page shows, in one DTO. */
export async function loadSessionDetail(
  db: Kysely<DB>,
  session: SessionRow,
  reader: ActionReader & { circle: { name: string } },
): Promise<Session> {
  const { circle, viewer, isListed } = reader;
  const abilities = abilitiesInCircle(circle, viewer, { kind: 'session', isListed });
  const [
    agenda,
    participants,
    checkins,
    actions,
    openActions,
    announcements,
    votes,
    noteState,
    hands,
    links,
    numbering,
  ] = await Promise.all([
    loadAgenda(db, session.id),
    db
      .selectFrom('sessionParticipants as p')
      .leftJoin('users as u', 'u.id', 'p.userId')
      .select(['p.id', 'p.userId', 'p.guestName', 'p.status', 'u.name as userName'])
      .where('p.sessionId', '=', session.id)
      .orderBy('p.createdAt')
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('checkins as k')
      .innerJoin('users as u', 'u.id', 'k.userId')
      .select(['k.userId', 'u.name', 'k.round', 'k.weather', 'k.word'])
      .where('k.sessionId', '=', session.id)
      .orderBy('k.version')
      .orderBy('k.updatedAt')
      .orderBy('k.userId')
      .orderBy('k.round')
      .execute(),
    listActions(db, { sessionId: session.id }),
    listActions(db, { circleId: session.circleId, openBefore: toIso(session.startsAt) }),
    db
      .selectFrom('announcements as a')
      .leftJoin('users as u', 'u.id', 'a.authorId')
      .select(['a.id', 'a.text', 'u.name as authorName'])
      .where('a.sessionId', '=', session.id)
      .orderBy('a.position')
      .execute(),
    db
      .selectFrom('sessionVotes')
      .selectAll()
      .where('sessionId', '=', session.id)
      .orderBy('position')
      .execute(),
    readableNotes(db, session.id),
    loadHands(db, session.id),
    loadAgendaLinks(db, session.id, session.circleId, readableLinkKinds(circle, viewer)),
    findSessionNumbering(db, session.id),
  ]);
  return {
    ...toSessionSummary({ ...session, sessionRank: null, plannedSessions: null, ...numbering }, circle.name),
    description: session.description,
    videoUrl: session.videoUrl,
    cancelledAt: isoOrNull(session.cancelledAt),
    cancelReason: session.cancelReason,
    currentItemId: session.currentItemId,
    currentItemStartedAt: isoOrNull(session.currentItemStartedAt),
    timer: readTimer(session),
    hands,
    agendaLinks: links,
    synthesis: session.synthesis,
    notes: session.notesMarkdown,
    sharedNotes: noteState,
    agenda,
    participants: participants.map((p) => ({
      id: p.id,
      userId: p.userId,
      name: p.userName ?? p.guestName ?? '',
      status: p.status,
    })),
    checkins,
    actions: withAbilities(actions, reader),
    openActions: withAbilities(openActions, reader),
    announcements,
    votes: votes.map((vote) => ({
      id: vote.id,
      title: vote.title,
      sections: parseVoteSections(vote.sections),
    })),
    version: session.version,
    seriesId: session.seriesId ?? null,
    abilities,
    canFacilitate: abilities.steer,
    canParticipate: abilities.takePart,
  };
}
