import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The seed meeting's "Faire un défi « comment porter les cercles sur les territoires » ?" and
 * "Qui porte la Riposte le jour j ?" on the université's day: the challenge carried by the given
 * carriers with two teams, and the day's roles; `memberIds` (if any) join the teams and take some
 * roles. Carriers, team members and takers must be active members of the event's community. The
 * events demo passes no members: the notes ask who carries the Riposte that day and answer nobody.
 */
export async function seedDemoChallenges(
  db: Kysely<DB>,
  { eventId, carrierIds, memberIds }: { eventId: string; carrierIds: string[]; memberIds: string[] },
): Promise<{ challengeId: string; roleIds: string[] }> {
  const now = new Date().toISOString();
  const createdBy = carrierIds[0] ?? null;

  const challengeId = randomUUID();
  await db
    .insertInto('eventChallenges')
    .values({
      id: challengeId,
      eventId,
      question: 'Comment porter les cercles sur les territoires ?',
      description:
        'Les cercles s’affranchissent des frontières physiques et créent du lien à distance : il leur faut ' +
        'maintenant **atterrir et essaimer**. Par équipes, imaginez comment un territoire peut lancer et ' +
        'faire vivre ses propres cercles d’apprentissage (qui les anime, avec qui, quels premiers pas).',
      teamCapacity: 6,
      outcome: null,
      createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  if (carrierIds.length > 0) {
    await db
      .insertInto('eventChallengeCarriers')
      .values(carrierIds.map((userId, position) => ({ challengeId, userId, position })))
      .execute();
  }
  const teams = ['Essaimer depuis un cercle existant', 'Atterrir avec une collectivité'];
  const teamIds: string[] = [];
  for (const [index, name] of teams.entries()) {
    const id = randomUUID();
    teamIds.push(id);
    await db
      .insertInto('eventChallengeTeams')
      .values({ id, challengeId, number: index + 1, name, createdAt: now })
      .execute();
  }
  // The first members split between the two teams, a few each (never above the capacity).
  const joining = memberIds.filter((id) => !carrierIds.includes(id)).slice(0, 5);
  if (joining.length > 0) {
    await db
      .insertInto('eventChallengeMembers')
      .values(
        joining.map((userId, index) => ({
          challengeId,
          userId,
          teamId: teamIds[index % teamIds.length] as string,
          joinedAt: now,
        })),
      )
      .execute();
  }

  const roles = [
    {
      title: 'Porter la Riposte le jour J',
      description: 'Présenter la Riposte créative et les cercles aux participants de l’Université.',
      needed: 2,
      takers: memberIds.slice(0, 1),
    },
    {
      title: 'Animer le forum ouvert',
      description: 'Ouvrir le cercle, expliquer la place de marché et la loi des deux pieds, clore.',
      needed: 2,
      takers: memberIds.slice(0, 2),
    },
    {
      title: 'Accueillir sur le site de Nancy',
      description: 'Accueillir les participants et les orienter vers les ateliers.',
      needed: 1,
      takers: [],
    },
  ];
  const roleIds: string[] = [];
  for (const [index, role] of roles.entries()) {
    const id = randomUUID();
    roleIds.push(id);
    await db
      .insertInto('eventRoles')
      .values({
        id,
        eventId,
        title: role.title,
        description: role.description,
        needed: role.needed,
        createdBy,
        // A millisecond apart: roles are listed in the order they were added.
        createdAt: new Date(Date.parse(now) + index).toISOString(),
      })
      .execute();
    const takers = [...new Set(role.takers)].slice(0, role.needed);
    if (takers.length > 0) {
      await db
        .insertInto('eventRoleTakers')
        .values(takers.map((userId) => ({ roleId: id, userId, takenAt: now })))
        .execute();
    }
  }
  return { challengeId, roleIds };
}
