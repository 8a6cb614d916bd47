import type { PollResults } from '../../../contract/poll.ts';

/**
 * Results shared between the people refetching them after the same event: a thousand browsers
 * that all hear "poll.results.updated" ask at once, and one recount answers them all.
 *
 * Why a recount younger than LIFETIME_MS is never stale for a reader who was told of a ballot:
 * ballots written here invalidate the entry at once; ballots written by another instance are
 * announced by its ticker no sooner than one tick (100 ms) after their commit, so an entry younger
 * than 50 ms when that announcement arrives was computed after the commit.
 */
const LIFETIME_MS = 50;

export class ResultsCache {
  readonly #entries = new Map<string, { at: number; results: Promise<PollResults> }>();

  get(pollId: string, recount: () => Promise<PollResults>): Promise<PollResults> {
    const now = performance.now();
    const entry = this.#entries.get(pollId);
    if (entry && now - entry.at < LIFETIME_MS) return entry.results;
    const results = recount();
    this.#entries.set(pollId, { at: now, results });
    // Refusals (hidden results) and failures are not shared; neither is anything after its lifetime.
    results.then(
      () => setTimeout(() => this.#forget(pollId, results), LIFETIME_MS).unref(),
      () => this.#forget(pollId, results),
    );
    return results;
  }

  /** A ballot, a close or an opening was committed here. */
  invalidate(pollId: string): void {
    this.#entries.delete(pollId);
  }

  #forget(pollId: string, results: Promise<PollResults>) {
    if (this.#entries.get(pollId)?.results === results) this.#entries.delete(pollId);
  }
}
