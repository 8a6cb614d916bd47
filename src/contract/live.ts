import { z } from 'zod';

/** Topics a client may follow; the id is checked against the viewer's rights on subscribe. */
export const topicSchema = z
  .string()
  .regex(
    /^(session|board|poll|date-poll|signup-sheet):[A-Za-z0-9-]{1,100}$/,
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

/** What happened, named `entity.past-verb`. Payloads carry ids; clients refetch what they show. */
export type LiveEvent =
  | { type: 'agenda.item.started'; sessionId: string; itemId: string | null; startedAt: string | null }
  | { type: 'agenda.updated'; sessionId: string }
  | { type: 'session.updated'; sessionId: string }
  | { type: 'session.cancelled'; sessionId: string }
  /** Sent just before the topic closes (followers then get NOT_FOUND for it). */
  | { type: 'session.deleted'; sessionId: string }
  | { type: 'checkin.updated'; sessionId: string; userId: string }
  | { type: 'participants.updated'; sessionId: string }
  | { type: 'action.created' | 'action.updated'; sessionId: string | null; actionId: string }
  | { type: 'announcements.updated'; sessionId: string }
  /**
   * Board events carry ids only, never text nor author. `noteId` is null when saying which
   * post-it changed would tell something private (a private post-it, a dot while dots are hidden).
   */
  | { type: 'board.updated' | 'board.deleted'; boardId: string }
  | {
      type: 'board.note.created' | 'board.note.updated' | 'board.note.deleted';
      boardId: string;
      noteId: string | null;
    }
  | { type: 'board.dots.updated'; boardId: string; noteId: string | null }
  | { type: 'board.revealed'; boardId: string; what: 'notes' | 'dots' }
  | { type: 'date-poll.answered' | 'date-poll.updated'; pollId: string }
  | { type: 'date-poll.closed'; pollId: string; sessionId: string }
  | { type: 'signup.updated'; sheetId: string; topicId: string }
  | { type: 'signup-sheet.deleted'; sheetId: string }
  /** Polls: never a voter's id (anonymous polls must not link anyone to a ballot, even by timing). */
  | { type: 'poll.updated' | 'poll.deleted'; pollId: string }
  /** Coalesced: at most one per poll per tick, however many ballots arrived. */
  | { type: 'poll.results.updated'; pollId: string };

export type LiveServerMessage =
  | { type: 'subscribed'; topic: string; seq: number }
  | { type: 'event'; topic: string; seq: number; event: LiveEvent }
  /** The events since the client's `since` are no longer kept (or the server restarted): refetch. */
  | { type: 'resync'; topic: string; seq: number }
  | { type: 'presence'; topic: string; count: number }
  | { type: 'error'; code: 'INVALID_INPUT' | 'NOT_FOUND' | 'RATE_LIMITED'; message: string; topic?: string };
