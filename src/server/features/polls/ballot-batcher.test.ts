import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { BallotBatcher } from './ballot-batcher.ts';

describe('ballot batcher', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(() => database.dispose());

  it('refuses ballots beyond its queue at once (429) instead of letting a flood grow it', async () => {
    const batcher = new BallotBatcher(database.db, 2);
    const queued = [1, 2].map((n) => batcher.cast('no-such-poll', `user-${n}`, { choices: ['a'] }));
    await expect(batcher.cast('no-such-poll', 'user-3', { choices: ['a'] })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    // Those already queued are answered as usual.
    for (const ballot of queued) await expect(ballot).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Once the queue drains, ballots are taken again.
    await expect(batcher.cast('no-such-poll', 'user-3', { choices: ['a'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
