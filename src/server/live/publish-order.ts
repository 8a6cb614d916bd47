const writing = new Map<string, Promise<unknown>>();

/**
 * Runs a write and its publication before the next write under the same key (a topic) on this
 * instance starts, so their events leave in the order of the versions the writes took (a follower
 * who sees them out of order must read the page again). The database lock already serialises the
 * writes themselves; this keeps each publication with its write. Instances behind Redis may still
 * interleave: followers then read the page again, which is correct, only slower (decision 043).
 */
export function inPublishOrder<T>(key: string, task: () => Promise<T>): Promise<T> {
  const before = writing.get(key) ?? Promise.resolve();
  const run = before.then(task, task);
  const settled = run.then(
    () => {},
    () => {},
  );
  writing.set(key, settled);
  void settled.then(() => {
    if (writing.get(key) === settled) writing.delete(key);
  });
  return run;
}
