import { randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { writeTerritoryCodes } from '../features/territories/territories.public.ts';

/**
 * "Gironde : lancement wiki riposte Gironde le 2 juillet. Préfiguration communautés d'apprentissage
 * avec une thésarde." (the seed meeting, 15 June 2021): the demo's territorial branch. It holds no
 * circle and no meeting (the notes name none); its library shows the parent's REX design, shared
 * with branches (decision 035). Who belongs to it the notes do not say: three of the meeting's
 * people stand for its first members, so the one-click join and the shared library can be seen.
 */
export const demoBranch = {
  slug: 'riposte-gironde',
  name: 'Riposte Gironde',
  description:
    'L’antenne girondine de la Riposte créative territoriale : lancement du wiki Riposte Gironde le 2 juillet, ' +
    'préfiguration de communautés d’apprentissage avec une thésarde.',
};

/** Its first members, by their names in the meeting's list; the first animates it. */
const branchPeople = ['Julie Chabaud', 'Isabelle Cazaunau', 'Bernard Alix'];

export async function seedDemoBranch(
  trx: Transaction<DB>,
  input: { parentId: string; people: { id: string; name: string }[]; now: string },
): Promise<string> {
  const { parentId, people, now } = input;
  const id = randomUUID();
  await trx
    .insertInto('communities')
    .values({
      id,
      ...demoBranch,
      charter: '',
      // Members of the parent join in one click; anyone else asks.
      joinPolicy: 'request',
      inviteCode: randomBytes(18).toString('base64url'),
      parentId,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const members = branchPeople.flatMap((name) => people.filter((person) => person.name === name));
  await trx
    .insertInto('communityMembers')
    .values(
      members.map((person, index) => ({
        communityId: id,
        userId: person.id,
        role: index === 0 ? ('animator' as const) : ('member' as const),
        status: 'active' as const,
        createdAt: now,
      })),
    )
    .execute();
  // « Gironde : lancement wiki riposte Gironde » : the branch is placed in Gironde.
  await writeTerritoryCodes(trx, 'community', id, ['33']);
  return id;
}
