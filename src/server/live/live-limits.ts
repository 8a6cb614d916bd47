/**
 * What one live connection may ask of the server, and how many connections one person may hold.
 * A flood of frames or of sockets must cost its sender, not the other people on the instance.
 */

/**
 * Frames per connection, as a token bucket: a burst of `burst` frames (a tab resubscribing its
 * topics after a reconnect, at most 50, plus unsubscribes), then `perSecond` frames a second.
 * Running dry means a misbehaving or hostile client: the route closes the socket.
 */
export class FrameBudget {
  readonly #burst: number;
  readonly #perMs: number;
  #tokens: number;
  #at = performance.now();

  constructor(burst: number, perSecond: number) {
    this.#burst = burst;
    this.#perMs = perSecond / 1000;
    this.#tokens = burst;
  }

  /** Takes one frame from the budget; false when none is left. */
  take(): boolean {
    const now = performance.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#perMs);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/**
 * Live sockets per person on this instance. A new connection over the limit is refused (the ones
 * already open keep working): closing the oldest instead would let two tabs of one person close
 * each other in turn as each reconnects, and a reconnecting loop would churn sockets that work.
 */
export class ConnectionQuota {
  readonly #open = new Map<string, number>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** Counts a new connection of `person`; false (nothing counted) when they hold the maximum. */
  take(person: string): boolean {
    const open = this.#open.get(person) ?? 0;
    if (open >= this.#max) return false;
    this.#open.set(person, open + 1);
    return true;
  }

  release(person: string): void {
    const left = (this.#open.get(person) ?? 1) - 1;
    if (left > 0) this.#open.set(person, left);
    else this.#open.delete(person);
  }
}
