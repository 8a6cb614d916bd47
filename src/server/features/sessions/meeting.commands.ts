import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  AgendaLink,
  AgendaLinkCreateInput,
  AgendaLinkTarget,
  SpeakingHand,
  TimerAction,
} from '../../../contract/session.ts';
import { type AgendaLinkKind, agendaLinkKinds } from '../../../domain/meeting-links.ts';
import { extendTimer, type MeetingTimer, pauseTimer, resumeTimer } from '../../../domain/meeting-timer.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { isUniqueViolation } from '../../db/constraint-errors.ts';
import { lockSession } from '../../db/locks.ts';
import type { DB, SessionRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle, type CircleWithStanding } from '../../policy/access.ts';
import './meeting.tables.ts';

/** The current item's countdown as stored on the session row (null when no item is current). */
export function readTimer(
  row: Pick<
    SessionRow,
    'currentItemId' | 'currentItemStartedAt' | 'timerPausedAt' | 'timerPausedMs' | 'timerExtendedMs'
  >,
): MeetingTimer | null {
  if (row.currentItemId === null || row.currentItemStartedAt === null) return null;
  return {
    startedAt: toIso(row.currentItemStartedAt),
    pausedAt: row.timerPausedAt === null ? null : toIso(row.timerPausedAt),
    pausedMs: Number(row.timerPausedMs),
    extendedMs: Number(row.timerExtendedMs),
  };
}

/** The session's next change number, taken under its lock (the UPDATE locks the row). */
export async function nextVersion(trx: Kysely<DB>, sessionId: string): Promise<number> {
  const row = await trx
    .updateTable('sessions')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', sessionId)
    .returning('version')
    .executeTakeFirst();
  if (!row) throw notFound('Session');
  return row.version;
}

/**
 * Pauses, resumes or extends the current item's countdown under the session's lock, from the row as
 * stored then; the new state goes to everyone with the session's next version.
 */
export async function steerTimer(db: Kysely<DB>, sessionId: string, action: TimerAction) {
  return db.transaction().execute(async (trx) => {
    await lockSession(trx, sessionId);
    const row = await trx.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
    if (!row) throw notFound('Session');
    if (row.cancelledAt !== null) throw new AppError('CONFLICT', 'This session has been cancelled');
    const timer = readTimer(row);
    if (timer === null || row.status !== 'live') {
      throw new AppError('CONFLICT', 'No agenda item is running: start one first');
    }
    const now = Date.now();
    const next =
      action.action === 'pause'
        ? pauseTimer(timer, now)
        : action.action === 'resume'
          ? resumeTimer(timer, now)
          : extendTimer(timer, action.minutes);
    const version = await nextVersion(trx, sessionId);
    await trx
      .updateTable('sessions')
      .set({
        timerPausedAt: next.pausedAt,
        timerPausedMs: next.pausedMs,
        timerExtendedMs: next.extendedMs,
        updatedAt: new Date(now).toISOString(),
      })
      .where('id', '=', sessionId)
      .execute();
    return { version, timer: next };
  });
}

/** The speaking queue, first raised first. */
export async function loadHands(db: Kysely<DB>, sessionId: string): Promise<SpeakingHand[]> {
  const rows = await db
    .selectFrom('speakingHands as h')
    .innerJoin('users as u', 'u.id', 'h.userId')
    .select(['h.userId', 'u.name', 'h.raisedAt', 'h.hasFloor'])
    .where('h.sessionId', '=', sessionId)
    .orderBy('h.version')
    .orderBy('h.userId')
    .execute();
  return rows.map((row) => ({
    userId: row.userId,
    name: row.name,
    raisedAt: toIso(row.raisedAt),
    hasFloor: toBool(row.hasFloor),
  }));
}

export type HandChange =
  | { kind: 'raise'; userId: string }
  | { kind: 'lower'; userId: string }
  | { kind: 'floor'; userId: string }
  | { kind: 'clear' };

/**
 * Changes the speaking queue under the session's lock and answers the whole queue with the
 * session's next version. Raising a raised hand keeps its place; giving the floor to someone takes
 * it from whoever had it; lowering a hand that is not up, or giving the floor to it, is a 404.
 */
export async function changeHands(db: Kysely<DB>, sessionId: string, change: HandChange) {
  return db.transaction().execute(async (trx) => {
    await lockSession(trx, sessionId);
    const version = await nextVersion(trx, sessionId);
    if (change.kind === 'raise') {
      await trx
        .insertInto('speakingHands')
        .values({
          sessionId,
          userId: change.userId,
          raisedAt: new Date().toISOString(),
          version,
          hasFloor: false,
        })
        .onConflict((oc) => oc.columns(['sessionId', 'userId']).doNothing())
        .execute();
    } else if (change.kind === 'clear') {
      await trx.deleteFrom('speakingHands').where('sessionId', '=', sessionId).execute();
    } else {
      const hand = await trx
        .selectFrom('speakingHands')
        .select('userId')
        .where('sessionId', '=', sessionId)
        .where('userId', '=', change.userId)
        .executeTakeFirst();
      if (!hand) throw notFound('Raised hand');
      if (change.kind === 'lower') {
        await trx
          .deleteFrom('speakingHands')
          .where('sessionId', '=', sessionId)
          .where('userId', '=', change.userId)
          .execute();
      } else {
        // Whoever spoke before has finished: their hand goes down, the new speaker's stays marked.
        await trx
          .deleteFrom('speakingHands')
          .where('sessionId', '=', sessionId)
          .where('hasFloor', '=', true)
          .execute();
        await trx
          .updateTable('speakingHands')
          .set({ hasFloor: true })
          .where('sessionId', '=', sessionId)
          .where('userId', '=', change.userId)
          .execute();
      }
    }
    return { version, hands: await loadHands(trx, sessionId) };
  });
}

const titled = {
  board: 'boards',
  poll: 'polls',
  'signup-sheet': 'signupSheets',
  'date-poll': 'datePolls',
} as const satisfies Record<AgendaLinkKind, string>;

/**
 * The agenda's links with their targets' titles, of the kinds the reader may open (boards are for
 * the circle's members and stewards even in a public circle; a person listed on a private circle's
 * session does not read its polls); a deleted target's link is not shown.
 */
export async function loadAgendaLinks(
  db: Kysely<DB>,
  sessionId: string,
  circleId: string,
  readable: ReadonlySet<AgendaLinkKind> = new Set(agendaLinkKinds),
): Promise<AgendaLink[]> {
  const links = await db
    .selectFrom('agendaItemLinks')
    .select(['id', 'agendaItemId', 'kind', 'targetId'])
    .where('sessionId', '=', sessionId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  // Boards made for an item (boards.agendaItemId) are linked there too.
  const boards = await db
    .selectFrom('boards')
    .select(['id', 'title', 'agendaItemId'])
    .where('sessionId', '=', sessionId)
    .where('agendaItemId', 'is not', null)
    .orderBy('createdAt')
    .execute();
  const titles = new Map<string, string>();
  for (const kind of Object.keys(titled) as AgendaLinkKind[]) {
    const ids = links.filter((link) => link.kind === kind).map((link) => link.targetId);
    if (ids.length === 0) continue;
    const rows = await db
      .selectFrom(titled[kind])
      .select(['id', 'title'])
      .where('id', 'in', ids)
      .where('circleId', '=', circleId)
      .execute();
    for (const row of rows) titles.set(`${kind}:${row.id}`, row.title);
  }
  const fromBoards: AgendaLink[] = boards.map((board) => ({
    id: `board:${board.id}`,
    itemId: board.agendaItemId ?? '',
    kind: 'board',
    targetId: board.id,
    title: board.title,
  }));
  const linked = links.flatMap((link): AgendaLink[] => {
    const title = titles.get(`${link.kind}:${link.targetId}`);
    const duplicate = fromBoards.some((b) => b.itemId === link.agendaItemId && b.targetId === link.targetId);
    if (title === undefined || (link.kind === 'board' && duplicate)) return [];
    return [{ id: link.id, itemId: link.agendaItemId, kind: link.kind, targetId: link.targetId, title }];
  });
  return [...fromBoards, ...linked].filter((link) => readable.has(link.kind));
}

/** What the circle holds that an agenda item may link. */
export async function listLinkTargets(db: Kysely<DB>, circleId: string): Promise<AgendaLinkTarget[]> {
  const targets: AgendaLinkTarget[] = [];
  for (const kind of Object.keys(titled) as AgendaLinkKind[]) {
    const rows = await db
      .selectFrom(titled[kind])
      .select(['id', 'title'])
      .where('circleId', '=', circleId)
      .orderBy('createdAt', 'desc')
      .limit(200)
      .execute();
    targets.push(...rows.map((row) => ({ kind, id: row.id, title: row.title })));
  }
  return targets;
}

/** Links a board, poll, sheet or date poll of the session's circle into one of its top-level items. */
export async function addAgendaLink(db: Kysely<DB>, session: SessionRow, input: AgendaLinkCreateInput) {
  const invalid = (field: string, message: string) =>
    new AppError('INVALID_INPUT', 'This cannot be linked into the agenda', [
      { path: ['body', field], message },
    ]);
  await db.transaction().execute(async (trx) => {
    await lockSession(trx, session.id);
    const item = await trx
      .selectFrom('agendaItems')
      .select('id')
      .where('id', '=', input.itemId)
      .where('sessionId', '=', session.id)
      .where('parentId', 'is', null)
      .executeTakeFirst();
    if (!item) throw invalid('itemId', 'not an item of this session’s agenda');
    const target = await trx
      .selectFrom(titled[input.kind])
      .select('id')
      .where('id', '=', input.targetId)
      .where('circleId', '=', session.circleId)
      .executeTakeFirst();
    if (!target) throw invalid('targetId', 'not in this circle');
    try {
      await trx
        .insertInto('agendaItemLinks')
        .values({
          id: randomUUID(),
          sessionId: session.id,
          agendaItemId: input.itemId,
          kind: input.kind,
          targetId: input.targetId,
          createdAt: new Date().toISOString(),
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'Already linked to this item');
      throw error;
    }
  });
}

/** Unlinks; a board made for the item (`board:<id>`) is detached from it. */
export async function removeAgendaLink(db: Kysely<DB>, sessionId: string, linkId: string) {
  if (linkId.startsWith('board:')) {
    const result = await db
      .updateTable('boards')
      .set({ agendaItemId: null })
      .where('id', '=', linkId.slice('board:'.length))
      .where('sessionId', '=', sessionId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('Agenda link');
    return;
  }
  const result = await db
    .deleteFrom('agendaItemLinks')
    .where('id', '=', linkId)
    .where('sessionId', '=', sessionId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Agenda link');
}

/** The kinds of linked objects the viewer may open in this circle (their policies' `read`). */
export function readableLinkKinds(
  circle: CircleWithStanding,
  viewer: Viewer | undefined,
): Set<AgendaLinkKind> {
  const reads = (kind: 'board' | 'circlePoll' | 'signupSheet' | 'datePoll') =>
    abilitiesInCircle(circle, viewer, { kind, createdBy: null }).read;
  const kinds = new Set<AgendaLinkKind>();
  if (reads('board')) kinds.add('board');
  if (reads('circlePoll')) kinds.add('poll');
  if (reads('signupSheet')) kinds.add('signup-sheet');
  if (reads('datePoll')) kinds.add('date-poll');
  return kinds;
}
