import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mailJobKinds } from '../mail/mail-jobs.ts';
import { featureMailKinds, features, leavingOf, topicResolvers } from './registry.ts';

describe('the feature registry', () => {
  it('lists every feature folder once, under its folder’s name', () => {
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(features.map((feature) => feature.name).sort()).toEqual(folders);
  });

  it('gives every mail kind to exactly one feature', () => {
    expect(featureMailKinds().sort()).toEqual(Object.keys(mailJobKinds).sort());
  });

  it('refuses a live topic kind that two features declare', () => {
    const resolve = async () => 'circle-1';
    const twice = [
      { name: 'a', topics: { note: resolve } },
      { name: 'b', topics: { note: resolve } },
    ];
    expect(() => topicResolvers(twice)).toThrow('live topic kind "note" is declared twice');
  });

  it('runs the leaving hooks of every feature, in registry order', async () => {
    const calls: string[] = [];
    const leaving = leavingOf([
      { name: 'a', onLeaveCircle: async (_trx, { circleId }) => void calls.push(`a:${circleId}`) },
      { name: 'b' },
      { name: 'c', onLeaveCircle: async (_trx, { userId }) => void calls.push(`c:${userId}`) },
    ]);
    await leaving.circle({} as never, { circleId: 'circle-1', userId: 'user-1' });
    expect(calls).toEqual(['a:circle-1', 'c:user-1']);
  });
});
