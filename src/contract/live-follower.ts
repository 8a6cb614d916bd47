import type { LiveEvent } from './live.ts';

/** Where a follower keeps its copy of a page, and how it reads the page again. */
export interface LiveStore<T> {
  get(): T | undefined;
  set(copy: T): void;
  /** Reads the page again; the result goes through `load` (the web client: react-query). */
  refetch(): void;
}

/** Applies one event to a copy: the new copy (the same object when nothing changed), or a read. */
export type ApplyEvent<T> = (copy: T, event: LiveEvent) => T | 'refetch';

/** Events closer together than this lead to one read of the page, when a read is needed. */
export const REFETCH_COALESCE_MS = 150;
/** Events kept while a read is under way; beyond this, the next read is simply trusted. */
const MAX_BUFFERED = 1000;

/**
 * Keeps one follower's copy of a page (a board, a session) in step with its live events: each event
 * patches the copy; a read happens only at the start (after the subscription holds), on a resync,
 * or when an event asks for it (a gap, a broad change), coalesced. Events that arrive during a read
 * are kept and applied on top of what the read returns (the older ones change nothing).
 */
export class LiveFollower<T> {
  readonly #store: LiveStore<T>;
  readonly #apply: ApplyEvent<T>;
  readonly #coalesceMs: number;
  #buffer: LiveEvent[] = [];
  #reading = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(store: LiveStore<T>, apply: ApplyEvent<T>, coalesceMs = REFETCH_COALESCE_MS) {
    this.#store = store;
    this.#apply = apply;
    this.#coalesceMs = coalesceMs;
  }

  /** Wraps a read of the page: what happened meanwhile is applied to its result. */
  async load(read: () => Promise<T>): Promise<T> {
    this.#reading += 1;
    try {
      return this.settle(await read());
    } finally {
      this.#reading -= 1;
    }
  }

  /** A page just read: the events kept meanwhile go on top of it. */
  settle(read: T): T {
    let copy = read;
    const kept = this.#buffer;
    this.#buffer = [];
    for (const event of kept) {
      const next = this.#apply(copy, event);
      if (next === 'refetch') {
        // What the next read returns includes every event already received (each was sent after
        // its write committed): the rest of the kept ones are not needed.
        this.#refetchSoon();
        break;
      }
      copy = next;
    }
    return copy;
  }

  onEvent(event: LiveEvent): void {
    const current = this.#store.get();
    if (this.#reading > 0 || !current) {
      if (this.#buffer.length < MAX_BUFFERED) this.#buffer.push(event);
      else this.#buffer = [];
      return;
    }
    const next = this.#apply(current, event);
    if (next === 'refetch') this.#refetchSoon();
    else if (next !== current) this.#store.set(next);
  }

  /** After a gap the server could not replay, or once a (re)subscription holds: read again. */
  onResync(): void {
    this.#refetchSoon();
  }

  #refetchSoon(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#store.refetch();
    }, this.#coalesceMs);
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
