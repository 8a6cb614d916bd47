import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../../contract/live.ts';
import { liveClient } from './live-client.ts';

/**
 * Calls `onChange` when something happens on the topic (or when the client must refetch after a
 * gap), and `onSubscribed` each time the server starts following the topic for this tab. Pass `null` to follow nothing, e.g. for visitors who cannot open the live connection.
 * Returns how many people follow the topic (including this one), or null until the server says.
 */
export function useLiveTopic(
  topic: string | null,
  onChange: (event: LiveEvent | null) => void,
  onSubscribed?: () => void,
): number | null {
  const latest = useRef(onChange);
  latest.current = onChange;
  const subscribed = useRef(onSubscribed);
  subscribed.current = onSubscribed;
  const [presence, setPresence] = useState<{ topic: string; count: number } | null>(null);
  useEffect(() => {
    if (!topic) return;
    return liveClient().subscribe(topic, {
      onEvent: (event) => latest.current(event),
      onResync: () => latest.current(null),
      onPresence: (count) => setPresence({ topic, count }),
      onSubscribed: () => subscribed.current?.(),
    });
  }, [topic]);
  return presence && presence.topic === topic ? presence.count : null;
}
