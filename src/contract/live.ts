import { z } from 'zod';
import type { BoardNote, BoardZone } from './board.ts';
import type { Checkin, Session, SpeakingHand } from './session.ts';

/**
 * Topics a client may follow: `<kind>:<id>`. Which kinds exist is declared by each server feature
 * (its descriptor's `topics`, checked on subscribe), and the id is checked against the viewer's
 * rights there too.
 */
export const topicSchema = z
  .string()
  .regex(
    /^[a-z][a-z-]{0,39}:[A-Za-z0-9-]{1,100}$/,
    'a topic such as session:<id>, board:<id>, poll:<id>, date-poll:<id> or signup-sheet:<id>',
  );

/**
 * Why the server closed a live connection (WebSocket close codes). A client should not reconnect at
 * once after any of these: the same cause would close it again.
 */
export const liveCloseCodes = {
  /** RFC 6455 policy violation: more frames than the per-connection budget allows (a flood). */
  tooManyFrames: 1008,
  /** RFC 6455 message too big: a frame over 16 KiB (subscribe frames are tiny). */
  frameTooLarge: 1009,
  /** The session the socket was opened with ended (signed out, password reset). */
  signedOut: 4401,
  /** The person already holds the maximum of live connections on this instance; the new one is refused. */
  tooManyConnections: 4429,
} as const;

/**
 * A subscribe to a topic the connection already follows, or is still authorising, is ignored (no
 * answer); an unsubscribe of a topic still being authorised cancels it.
 */
export const liveClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topic: topicSchema, since: z.number().int().min(0).optional() }),
  z.object({ type: z.literal('unsubscribe'), topic: topicSchema }),
]);
export type LiveClientMessage = z.infer<typeof liveClientMessageSchema>;

/**
 * What happened, named `entity.past-verb`, by type → the rest of the event. Most payloads carry ids
 * and clients refetch what they show; board events carry the change itself, per audience (decision
 * 043). A feature adds its own events from its own contract file by
 * interface merging (`declare module './live.ts' { interface LiveEvents { 'kudos.given': … } }`),
 * so this file does not grow with every feature (docs/adding-a-feature.md).
 */
export interface LiveEvents {
  /**
   * The agenda moves and the check-ins carry the change itself and the session's `version` (a
   * client applies them in order and reads the session again on a gap); the other session events
   * ask followers to read the session again (decision 043).
   */
  'agenda.item.started': {
    sessionId: string;
    itemId: string | null;
    startedAt: string | null;
    version: number;
    /** The session's status after the move (the first move starts it). */
    status: Session['status'];
  };
  /** The countdown was paused, resumed or extended: its whole state, with the session's version. */
  'agenda.timer.changed': { sessionId: string; version: number; timer: Session['timer'] };
  /** The speaking queue changed: the whole queue, with the session's version. */
  'hands.changed': { sessionId: string; version: number; hands: SpeakingHand[] };
  'agenda.updated': { sessionId: string };
  'session.updated': { sessionId: string };
  'session.cancelled': { sessionId: string };
  /** Sent just before the topic closes (followers then get NOT_FOUND for it). */
  'session.deleted': { sessionId: string };
  /** A check-in is shown to everyone who sees the session: the answer itself, at the end of the round. */
  'checkin.updated': { sessionId: string; userId: string; version: number; checkin: Checkin };
  'participants.updated': { sessionId: string };
  'action.created': { sessionId: string | null; actionId: string };
  'action.updated': { sessionId: string | null; actionId: string };
  'announcements.updated': { sessionId: string };
  /**
   * Board events carry what changed, as each follower may see it (decision 043): `version` is the
   * board's change number (a client applies them in order and refetches on a gap); the post-it is
   * given as the board shows it to that follower, without their own dots (`myDots`). `noteId` is
   * null, and no post-it is given, when naming it would tell something private: someone else's
   * private post-it (only `privateNotes`, the board's count of them, changes), a hidden post-it
   * (for those who do not steer the board), dots while the totals are hidden. `board.updated` and
   * `board.revealed` change much at once: followers read the board again.
   */
  'board.updated': { boardId: string; version?: number };
  'board.deleted': { boardId: string };
  'board.note.created': BoardNoteEvent;
  'board.note.updated': BoardNoteEvent;
  'board.note.deleted': { boardId: string; version: number; noteId: string | null; privateNotes?: number };
  'board.dots.updated': {
    boardId: string;
    version: number;
    noteId: string | null;
    /** Everyone's dots on the post-it (null while hidden); absent when the event names no post-it. */
    dots?: number | null;
    /** Only in the voter's own variant. */
    mine?: { myDots: number; myDotsUsed: number };
  };
  'board.revealed': { boardId: string; what: 'notes' | 'dots'; version?: number };
  /** A zone of the wall drawn, moved, resized or renamed (decision 053): patched in place. */
  'board.zone.created': { boardId: string; version: number; zone: BoardZone };
  'board.zone.updated': { boardId: string; version: number; zone: BoardZone };
  'board.zone.deleted': { boardId: string; version: number; zoneId: string };
  /** A facilitator brings everyone's view to a zone: no change to the board, so no version. */
  'board.focus': { boardId: string; zoneId: string; by: string; byId: string };
  'date-poll.answered': { pollId: string };
  'date-poll.updated': { pollId: string };
  'date-poll.closed': { pollId: string; sessionId: string; sessionIds?: string[] };
  'signup.updated': { sheetId: string; topicId: string };
  'signup-sheet.deleted': { sheetId: string };
  /** Polls: never a voter's id (anonymous polls must not link anyone to a ballot, even by timing). */
  'poll.updated': { pollId: string };
  'poll.deleted': { pollId: string };
  /** Coalesced: at most one per poll per tick, however many ballots arrived. */
  'poll.results.updated': { pollId: string };
}

/** A post-it created or changed, as one follower sees it (see `board.note.created`). */
export interface BoardNoteEvent {
  boardId: string;
  version: number;
  noteId: string | null;
  note?: Omit<BoardNote, 'myDots'>;
  /** Private post-its on the board, everyone's (a follower's count is this less their own). */
  privateNotes?: number;
}

/** One event: `{ type, …its fields }`, a union discriminated by `type`. */
export type LiveEvent = { [T in keyof LiveEvents]: { type: T } & LiveEvents[T] }[keyof LiveEvents];

export type LiveServerMessage =
  | { type: 'subscribed'; topic: string; seq: number }
  | { type: 'event'; topic: string; seq: number; event: LiveEvent }
  /** The events since the client's `since` are no longer kept (or the server restarted): refetch. */
  | { type: 'resync'; topic: string; seq: number }
  | { type: 'presence'; topic: string; count: number }
  | { type: 'error'; code: 'INVALID_INPUT' | 'NOT_FOUND' | 'RATE_LIMITED'; message: string; topic?: string };
