/**
 * Coalesces "the results changed" per poll: under a vote storm, a thousand ballots in a second make
 * at most one event per poll per tick, and every follower refetches once per tick instead of once
 * per ballot. The first ballot of a quiet poll is announced within one tick.
 */
export class ResultsTicker {
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #tickMs: number;
  readonly #announce: (pollId: string) => void;

  constructor(announce: (pollId: string) => void, tickMs = 100) {
    this.#announce = announce;
    this.#tickMs = tickMs;
  }

  touch(pollId: string): void {
    if (this.#pending.has(pollId)) return;
    const timer = setTimeout(() => {
      this.#pending.delete(pollId);
      this.#announce(pollId);
    }, this.#tickMs);
    timer.unref();
    this.#pending.set(pollId, timer);
  }

  /** Pending announcements are dropped (the app is closing). */
  stop(): void {
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
  }
}
