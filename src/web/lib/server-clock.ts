/**
 * How far this browser's clock is from the server's, learnt from the `Date` header of API answers
 * (meeting countdowns: decision 052). A header gives the server's time to the second somewhere
 * between sending and receiving, so each answer bounds the offset to an interval; the intersection
 * of the intervals narrows as answers arrive. A clock that jumps (an interval that no longer meets
 * the others) starts the estimate again.
 */
export interface OffsetBounds {
  low: number;
  high: number;
}

/** The bounds narrowed by one answer whose `Date` header read `serverDate`, sent at `sentAt`, received at `receivedAt`. */
export function narrowOffset(
  bounds: OffsetBounds | undefined,
  serverDate: number,
  sentAt: number,
  receivedAt: number,
): OffsetBounds {
  const fresh = { low: serverDate - receivedAt, high: serverDate + 1000 - sentAt };
  if (!bounds) return fresh;
  const low = Math.max(bounds.low, fresh.low);
  const high = Math.min(bounds.high, fresh.high);
  return low <= high ? { low, high } : fresh;
}

/**
 * The correction to apply: none below 1.5 s, where the estimate's own uncertainty would make two
 * screens on well-set clocks disagree by a second; otherwise the middle of the bounds.
 */
export function offsetToApply(bounds: OffsetBounds | undefined): number {
  if (!bounds) return 0;
  const middle = Math.round((bounds.low + bounds.high) / 2);
  return Math.abs(middle) < 1500 ? 0 : middle;
}

let bounds: OffsetBounds | undefined;

/** Called by the API client with each answer's `Date` header. */
export function noteServerDate(header: string | null, sentAt: number, receivedAt: number): void {
  const serverDate = header ? Date.parse(header) : Number.NaN;
  if (Number.isNaN(serverDate)) return;
  bounds = narrowOffset(bounds, serverDate, sentAt, receivedAt);
}

/** Milliseconds to add to this browser's clock to read the server's (0 when they agree). */
export function serverClockOffset(): number {
  return offsetToApply(bounds);
}
