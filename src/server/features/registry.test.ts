import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mailJobKinds } from '../mail/mail-jobs.ts';
import { featureMailKinds, features, topicResolvers } from './registry.ts';

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

  it('authorises the live topic kinds the web follows', () => {
    expect([...topicResolvers().keys()].sort()).toEqual(
      ['board', 'date-poll', 'poll', 'session', 'signup-sheet'].sort(),
    );
  });
});
