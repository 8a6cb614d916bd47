import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A person without an account, as the demo and imports write them, member of a community. */
export async function buildPlaceholder(
  db: Kysely<DB>,
  input: { name: string; communityId: string; role?: 'member' | 'animator' },
): Promise<{ id: string; name: string }> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('users')
    .values({
      id,
      name: input.name,
      email: `placeholder.${id}@demo.archipel.invalid`,
      emailVerified: false,
      image: null,
      organisation: 'CNFPT',
      territory: null,
      bio: null,
      isPlaceholder: true,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('communityMembers')
    .values({
      communityId: input.communityId,
      userId: id,
      role: input.role ?? 'member',
      status: 'active',
      createdAt: now,
    })
    .execute();
  return { id, name: input.name };
}
