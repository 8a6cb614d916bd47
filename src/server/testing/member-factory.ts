import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { signInScaleViewers } from '../seed-scale/scale-reads.ts';
import { TEST_AUTH_SECRET, type TestUser } from './test-app.ts';

/**
 * Many signed-in members, written straight into the database: accounts without a password, each
 * with a session whose cookie is signed as better-auth signs it for the test app, active members of
 * a community and of one of its circles (in order, positions after those already there). For the
 * set-up of tests about something else, such as 200 people signing up at once: through the API each
 * person cost four requests (magic link, its verification, joining, being added), 11 of a test's
 * 14 s on PostgreSQL. Every request the test then sends still goes through the server's real
 * session lookup.
 */
export async function buildSignedInMembers(
  db: Kysely<DB>,
  input: { count: number; communityId: string; circleId: string; namePrefix: string },
): Promise<TestUser[]> {
  const now = new Date().toISOString();
  const people = Array.from({ length: input.count }, (_, i) => ({
    id: randomUUID(),
    name: `${input.namePrefix} ${i}`,
    email: `${input.namePrefix.toLowerCase().replace(/\W+/g, '-')}.${i}.${randomUUID().slice(0, 8)}@example.org`,
  }));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values(
        people.map((person) => ({
          ...person,
          emailVerified: true,
          image: null,
          organisation: null,
          territory: null,
          bio: null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
    await trx
      .insertInto('communityMembers')
      .values(
        people.map((person) => ({
          communityId: input.communityId,
          userId: person.id,
          role: 'member' as const,
          status: 'active' as const,
          createdAt: now,
        })),
      )
      .execute();
    const last = await trx
      .selectFrom('circleMembers')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('circleId', '=', input.circleId)
      .executeTakeFirst();
    const first = Number(last?.position ?? 0) + 1;
    await trx
      .insertInto('circleMembers')
      .values(
        people.map((person, i) => ({
          circleId: input.circleId,
          userId: person.id,
          role: 'member' as const,
          status: 'member' as const,
          position: first + i,
          createdAt: now,
        })),
      )
      .execute();
  });
  const cookies = await signInScaleViewers(
    db,
    TEST_AUTH_SECRET,
    people.map((person) => person.id),
  );
  return people.map((person) => ({ ...person, cookie: cookies.get(person.id) ?? '' }));
}
