import type { LiveHub } from '../../live/live-hub.ts';
import { pollTopic } from './poll-access.ts';
import { ResultsCache } from './results-cache.ts';
import { ResultsTicker } from './results-ticker.ts';

/** What the poll routes tell after a commit: the live topic, and the shared recount to drop. */
export interface PollSignals {
  /** The poll itself changed (options, phase, settings): followers refetch it. */
  updated(pollId: string): void;
  /** A ballot was counted here: results change, announced once per tick. */
  ballotCounted(pollId: string): void;
  resultsCache: ResultsCache;
  stop(): void;
}

export function createPollSignals(live: LiveHub): PollSignals {
  const resultsCache = new ResultsCache();
  const ticker = new ResultsTicker((pollId) =>
    live.publish(pollTopic(pollId), { type: 'poll.results.updated', pollId }),
  );
  return {
    resultsCache,
    updated(pollId) {
      resultsCache.invalidate(pollId);
      live.publish(pollTopic(pollId), { type: 'poll.updated', pollId });
      // A close or an opening changes what the results say (final, visible).
      ticker.touch(pollId);
    },
    ballotCounted(pollId) {
      resultsCache.invalidate(pollId);
      ticker.touch(pollId);
    },
    stop: () => ticker.stop(),
  };
}
