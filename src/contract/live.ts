import { z } from 'zod';

/** Topics a client may follow; the id is checked against the viewer's rights on subscribe. */
export const topicSchema = z.string().regex(/^session:[A-Za-z0-9-]{1,100}$/, 'a topic such as session:<id>');

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
  | { type: 'checkin.updated'; sessionId: string; userId: string }
  | { type: 'participants.updated'; sessionId: string }
  | { type: 'action.created' | 'action.updated'; sessionId: string | null; actionId: string }
  | { type: 'announcements.updated'; sessionId: string };

export type LiveServerMessage =
  | { type: 'subscribed'; topic: string; seq: number }
  | { type: 'event'; topic: string; seq: number; event: LiveEvent }
  /** The events since the client's `since` are no longer kept (or the server restarted): refetch. */
  | { type: 'resync'; topic: string; seq: number }
  | { type: 'presence'; topic: string; count: number }
  | { type: 'error'; code: 'INVALID_INPUT' | 'NOT_FOUND' | 'RATE_LIMITED'; message: string; topic?: string };
