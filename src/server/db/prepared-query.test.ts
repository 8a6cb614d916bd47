import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../testing/test-database.ts';
import { preparedQuery } from './prepared-query.ts';
import type { DB } from './schema.ts';

describe.each(testDialects())('preparedQuery on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const now = new Date().toISOString();
    await database.db
      .insertInto('users')
      .values(
        ['Maud', 'Florent', 'Nadia'].map((name) => ({
          id: `user-${name}`,
          name,
          email: `${name.toLowerCase()}@example.org`,
          emailVerified: true,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
  });
  afterAll(() => database.close());

  const byNameOrEmail = preparedQuery((db: Kysely<DB>, name: string, email: string) =>
    db
      .selectFrom('users')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('name', '=', name), eb('email', '=', email)]))
      .where('name', '!=', 'Nadia')
      .orderBy('name'),
  );

  it('runs with each call’s arguments, the constants it was built with kept, rows through the plugins', async () => {
    expect(await byNameOrEmail(database.db, 'Maud', 'nobody@example.org')).toEqual([
      { id: 'user-Maud', name: 'Maud' },
    ]);
    expect(await byNameOrEmail(database.db, 'Nobody', 'florent@example.org')).toEqual([
      { id: 'user-Florent', name: 'Florent' },
    ]);
    expect(await byNameOrEmail(database.db, 'Maud', 'florent@example.org')).toEqual([
      { id: 'user-Florent', name: 'Florent' },
      { id: 'user-Maud', name: 'Maud' },
    ]);
    // The constant 'Nadia' stays a constant, not an argument.
    expect(await byNameOrEmail(database.db, 'Nadia', 'nadia@example.org')).toEqual([]);
  });

  it('refuses an argument used inside another value instead of running the wrong query', async () => {
    const prefixed = preparedQuery((db: Kysely<DB>, start: string) =>
      db.selectFrom('users').select('id').where('name', 'like', `${start}%`),
    );
    await expect(prefixed(database.db, 'Ma')).rejects.toThrow(/inside another value/);
  });
});
