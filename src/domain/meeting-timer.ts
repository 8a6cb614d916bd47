/**
 * The current agenda item's countdown, as the server stores it and every participant computes it
 * (issue 17, decision 052): the item's planned duration plus the facilitator's extensions, less the
 * time it has run since it started, not counting its pauses. One function, so the room, the
 * projector and the server agree to the second given the same clock.
 */
export interface MeetingTimer {
  /** When the item started (the facilitator moved the room to it). */
  startedAt: string;
  /** Set while the countdown is paused: the instant it was paused. */
  pausedAt: string | null;
  /** Time spent in earlier pauses of this item, in ms. */
  pausedMs: number;
  /** Time added with "+2 min" (or more), in ms. */
  extendedMs: number;
}

/** How long one "+N min" may add at once, and in all for one item. */
export const maxExtensionMinutes = 30;
export const maxTotalExtensionMs = 4 * 3600_000;

/** Milliseconds the item has run, pauses excluded, at `now`. */
export function elapsedMs(timer: MeetingTimer, now: number): number {
  const until = timer.pausedAt === null ? now : Date.parse(timer.pausedAt);
  return Math.max(0, until - Date.parse(timer.startedAt) - timer.pausedMs);
}

/** Milliseconds left at `now` (negative once over time), for an item planned to last `plannedMs`. */
export function remainingMs(timer: MeetingTimer, plannedMs: number, now: number): number {
  return plannedMs + timer.extendedMs - elapsedMs(timer, now);
}

/** The timer paused at `now` (unchanged if it already is). */
export function pauseTimer(timer: MeetingTimer, now: number): MeetingTimer {
  if (timer.pausedAt !== null) return timer;
  return { ...timer, pausedAt: new Date(now).toISOString() };
}

/** The timer running again at `now`: the pause is added to the paused time. */
export function resumeTimer(timer: MeetingTimer, now: number): MeetingTimer {
  if (timer.pausedAt === null) return timer;
  const paused = Math.max(0, now - Date.parse(timer.pausedAt));
  return { ...timer, pausedAt: null, pausedMs: timer.pausedMs + paused };
}

/** The timer with `minutes` more (within the per-item bound). */
export function extendTimer(timer: MeetingTimer, minutes: number): MeetingTimer {
  const extendedMs = Math.min(maxTotalExtensionMs, timer.extendedMs + minutes * 60_000);
  return { ...timer, extendedMs };
}
