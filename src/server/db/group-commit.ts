/**
 * Group commit: writes that arrive while one is running are gathered and written together by the
 * next, so a burst of N small writes costs a few statements instead of N (decision 049). Each
 * caller's promise settles when the batch that holds its item is written: nothing is acknowledged
 * before it is stored. With no write running, an item is written at once (no added wait).
 */
export function groupCommit<T>(write: (batch: T[]) => Promise<void>): (item: T) => Promise<void> {
  let queued: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (queued.length > 0) {
      const batch = queued;
      queued = [];
      try {
        await write(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    running = false;
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queued.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
