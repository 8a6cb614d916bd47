import type { LiveEvent } from './live.ts';
import { LiveFollower, type LiveStore } from './live-follower.ts';
import type { Session } from './session.ts';

/**
 * Applies one live event of `session:<id>` to a copy of the session page (decision 043). Agenda
 * moves and check-ins carry the change and the session's `version`: applied in that order, an
 * older one changes nothing, a gap asks for a read. Every other event of the topic asks for a read.
 */
export function applySessionEvent(session: Session, event: LiveEvent): Session | 'refetch' {
  if ('sessionId' in event && event.sessionId !== session.id) return session;
  if (
    event.type !== 'agenda.item.started' &&
    event.type !== 'checkin.updated' &&
    event.type !== 'agenda.timer.changed' &&
    event.type !== 'hands.changed'
  ) {
    return 'refetch';
  }
  if (event.version <= session.version) return session;
  if (event.version !== session.version + 1) return 'refetch';
  if (event.type === 'agenda.item.started') {
    // A move starts a fresh countdown and clears the speaking queue.
    return {
      ...session,
      version: event.version,
      currentItemId: event.itemId,
      currentItemStartedAt: event.startedAt,
      timer: event.startedAt
        ? { startedAt: event.startedAt, pausedAt: null, pausedMs: 0, extendedMs: 0 }
        : null,
      hands: [],
      status: event.status,
    };
  }
  if (event.type === 'agenda.timer.changed')
    return { ...session, version: event.version, timer: event.timer };
  if (event.type === 'hands.changed') return { ...session, version: event.version, hands: event.hands };
  const { checkin } = event;
  // A new answer, or a changed one, goes to the end of the round (the server orders by version).
  const others = session.checkins.filter(
    (answer) => answer.userId !== checkin.userId || answer.round !== checkin.round,
  );
  return { ...session, version: event.version, checkins: [...others, checkin] };
}

/** A session page's copy kept in step by its events. */
export class SessionFollower extends LiveFollower<Session> {
  constructor(store: LiveStore<Session>, coalesceMs?: number) {
    super(store, applySessionEvent, coalesceMs);
  }
}
