import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

/** A write that holds each batch until the test lets it go. */
function heldWrites() {
  const batches: number[][] = [];
  const releases: ((error?: Error) => void)[] = [];
  const write = (batch: number[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(batch);
      releases.push((error) => (error ? reject(error) : resolve()));
    });
  return { batches, releases, write };
}

describe('groupCommit', () => {
  it('writes a lone item at once and gathers what arrives meanwhile into the next write, in order', async () => {
    const { batches, releases, write } = heldWrites();
    const append = groupCommit(write);
    const settled: number[] = [];
    const first = append(1).then(() => settled.push(1));
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => append(n).then(() => settled.push(n)));
    expect(batches).toEqual([[1]]);
    releases[0]?.();
    await first;
    // Nothing is acknowledged before its own batch is written.
    expect(settled).toEqual([1]);
    await Promise.resolve();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    releases[1]?.();
    await Promise.all(rest);
    expect(settled).toEqual([1, 2, 3, 4]);
    // Idle again: the next item is written at once, alone.
    void append(5);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('rejects the items of a failed write only, and goes on with the next', async () => {
    const { batches, releases, write } = heldWrites();
    const append = groupCommit(write);
    const first = append(1);
    const second = append(2);
    const third = append(3);
    releases[0]?.(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    await Promise.resolve();
    expect(batches).toEqual([[1], [2, 3]]);
    releases[1]?.();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });
});
