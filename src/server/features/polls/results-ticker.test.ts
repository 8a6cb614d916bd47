import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResultsTicker } from './results-ticker.ts';

describe('results ticker', () => {
  afterEach(() => vi.useRealTimers());

  it('announces a poll at most once per tick, and each poll on its own', () => {
    vi.useFakeTimers();
    const announced: string[] = [];
    const ticker = new ResultsTicker((id) => announced.push(id), 100);
    for (let i = 0; i < 1000; i++) ticker.touch('storm');
    ticker.touch('quiet');
    vi.advanceTimersByTime(99);
    expect(announced).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(announced.sort()).toEqual(['quiet', 'storm']);
    ticker.touch('storm');
    vi.advanceTimersByTime(100);
    expect(announced.filter((id) => id === 'storm')).toHaveLength(2);
    ticker.touch('storm');
    ticker.stop();
    vi.advanceTimersByTime(500);
    expect(announced).toHaveLength(3);
  });
});
