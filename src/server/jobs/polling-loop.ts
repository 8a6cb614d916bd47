/** A background round run again and again, `pollMs` after the previous one ended. */
export interface PollingLoop {
  start(): void;
  /** Waits for the round under way, if any (which may stop early: see `round`'s argument). */
  stop(): Promise<void>;
}

/**
 * Runs `round` now and then `pollMs` after each round ends, until stopped; a round that fails is
 * logged and the next one tried as usual. `round` is told when the loop is stopping, so that a long
 * round can end between two of its items.
 */
export function pollingLoop(
  round: (stopping: () => boolean) => Promise<unknown>,
  options: { pollMs: number; log?: ((error: unknown) => void) | undefined },
): PollingLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  const tick = () => {
    running = round(() => stopped)
      .catch((error: unknown) => options.log?.(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  };
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
