/**
 * Joins per code in a sliding minute, on this instance: a code read aloud in a room admits the room
 * quickly, and a flood of made-up guests on one code stops. Guessing codes is stopped by the
 * per-address limit of the route (@fastify/rate-limit) and by the code space (25^8).
 */
export class JoinsPerCode {
  readonly #times = new Map<string, number[]>();

  readonly max: number;
  readonly windowMs: number;
  readonly now: () => number;

  constructor(max: number, windowMs = 60_000, now: () => number = Date.now) {
    this.max = max;
    this.windowMs = windowMs;
    this.now = now;
  }

  /** Counts one attempt on the code; false when the code had its share this minute. */
  take(code: string): boolean {
    const now = this.now();
    const recent = (this.#times.get(code) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      this.#times.set(code, recent);
      return false;
    }
    recent.push(now);
    this.#times.set(code, recent);
    if (this.#times.size > 10_000) this.#prune(now);
    return true;
  }

  #prune(now: number) {
    for (const [code, times] of this.#times)
      if (times.every((t) => t <= now - this.windowMs)) this.#times.delete(code);
  }
}
