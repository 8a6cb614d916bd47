import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

const KEY = 'auth_secret';

/**
 * AUTH_SECRET when set; otherwise one generated on first start and kept in the database, so every
 * instance sharing the database signs and verifies session cookies with the same key. Insert-if-
 * absent then read: two instances starting together end up with whichever secret won the insert.
 */
export async function resolveAuthSecret(db: Kysely<DB>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('instanceSettings')
    .values({ key: KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('instanceSettings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirstOrThrow();
  return row.value;
}
