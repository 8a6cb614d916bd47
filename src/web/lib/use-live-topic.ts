import { useEffect, useRef } from 'react';
import type { LiveEvent } from '../../contract/live.ts';
import { liveClient } from './live-client.ts';

/**
 * Calls `onChange` when something happens on the topic (or when the client must refetch after a
 * gap). Pass `null` to follow nothing, e.g. for visitors who cannot open the live connection.
 */
export function useLiveTopic(
  topic: string | null,
  onChange: (event: LiveEvent | null) => void,
  onPresence?: (count: number) => void,
): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  const latestPresence = useRef(onPresence);
  latestPresence.current = onPresence;
  useEffect(() => {
    if (!topic) return;
    return liveClient().subscribe(topic, {
      onEvent: (event) => latest.current(event),
      onResync: () => latest.current(null),
      onPresence: (count) => latestPresence.current?.(count),
    });
  }, [topic]);
}
