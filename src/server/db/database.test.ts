import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../testing/test-database.ts';

describe.each(testDialects())('the connection settings on %s (decision 058)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.close());

  it('gives SQLite a 64 MiB page cache, and PostgreSQL connections no JIT', async () => {
    if (dialect === 'sqlite') {
      // Read through the camel-case plugin: the pragma's column comes back as `cacheSize`.
      const { rows } = await sql<{ cacheSize: number }>`pragma cache_size`.execute(database.db);
      expect(rows[0]?.cacheSize).toBe(-65536);
    } else {
      // Several connections at once, so that more than the pool's first one is asked.
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          database.db.connection().execute(async (db) => {
            await sql`select pg_sleep(0.05)`.execute(db);
            return (await sql<{ jit: string }>`show jit`.execute(db)).rows[0]?.jit;
          }),
        ),
      );
      expect(answers).toEqual(['off', 'off', 'off', 'off']);
    }
  });
});
