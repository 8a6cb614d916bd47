/** Session vocabulary: participants, agenda items, check-in weathers, actions. */

export const participantStatuses = ['invited', 'confirmed', 'excused', 'present'] as const;
export type ParticipantStatus = (typeof participantStatuses)[number];

export const agendaItemKinds = [
  'checkin',
  'discussion',
  'vote',
  'board',
  'feedback',
  'break',
  'closing',
] as const;
export type AgendaItemKind = (typeof agendaItemKinds)[number];

/** The tour de météo: soleil, éclaircies, nuageux, pluie, orage, brouillard, arc-en-ciel. */
export const weathers = ['sunny', 'partly-sunny', 'cloudy', 'rainy', 'stormy', 'foggy', 'rainbow'] as const;
export type Weather = (typeof weathers)[number];

export const checkinRounds = ['opening', 'closing'] as const;
export type CheckinRound = (typeof checkinRounds)[number];

export const actionStatuses = ['todo', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** An action comes back at later sessions until it is closed one way or the other. */
export function isOpenAction(status: ActionStatus): boolean {
  return status === 'todo' || status === 'in_progress';
}

export const sessionStatuses = ['scheduled', 'live', 'ended'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

/**
 * What a viewer is told about a session: its life status, or `cancelled` once a facilitator has
 * called it off (kept apart in storage, so calendars can still say when it would have been).
 */
export const sessionStates = [...sessionStatuses, 'cancelled'] as const;
export type SessionState = (typeof sessionStates)[number];

/** A session that ended less than this long ago still counts as current (its minutes to finish). */
export const SESSION_GRACE_MS = 12 * 3600_000;

/**
 * Whether a session belongs with the past ones: its facilitator ended it, it was called off, or
 * its planned end is more than the grace period ago. Ended and cancelled sessions are never
 * "coming", even when their planned time is still ahead.
 */
export function isSessionOver(state: SessionState, endsAt: number, now: number): boolean {
  return state === 'ended' || state === 'cancelled' || endsAt < now - SESSION_GRACE_MS;
}
