import { describe, expect, it } from 'vitest';
import type { PollResults } from '../../../contract/poll.ts';
import { ResultsCache } from './results-cache.ts';

const results = (voters: number): PollResults => ({
  pollId: 'p',
  kind: 'single',
  voters,
  final: false,
  options: [],
});

describe('results cache', () => {
  it('answers simultaneous readers with one recount, and recounts after a local ballot', async () => {
    const cache = new ResultsCache();
    let recounts = 0;
    const recount = async () => results(++recounts);
    const answers = await Promise.all(Array.from({ length: 100 }, () => cache.get('p', recount)));
    expect(recounts).toBe(1);
    expect(answers.every((a) => a.voters === 1)).toBe(true);
    cache.invalidate('p');
    expect((await cache.get('p', recount)).voters).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await cache.get('p', recount)).voters).toBe(3);
  });

  it('does not share a refusal', async () => {
    const cache = new ResultsCache();
    await expect(cache.get('p', () => Promise.reject(new Error('hidden')))).rejects.toThrow('hidden');
    expect((await cache.get('p', async () => results(7))).voters).toBe(7);
  });
});
