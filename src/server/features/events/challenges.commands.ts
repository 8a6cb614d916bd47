import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type ChallengeCreateInput,
  type ChallengePatchInput,
  MAX_CHALLENGES_PER_EVENT,
  MAX_TEAMS_PER_CHALLENGE,
} from '../../../contract/challenge.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { ChallengeRow } from './challenges.queries.ts';
import { invalid, lockEvent } from './events.commands.ts';

/** Carriers must be active members of the event's community (a name the network knows). */
export async function checkMembers(
  db: Kysely<DB>,
  communityId: string,
  userIds: readonly string[],
  path: string,
) {
  if (userIds.length === 0) return;
  const found = await db
    .selectFrom('communityMembers')
    .select('userId')
    .where('communityId', '=', communityId)
    .where('status', '=', 'active')
    .where('userId', 'in', userIds)
    .execute();
  if (found.length !== new Set(userIds).size) {
    throw invalid(path, 'each person must be an active member of the event’s community');
  }
}

async function setCarriers(trx: Kysely<DB>, challengeId: string, userIds: readonly string[]) {
  await trx.deleteFrom('eventChallengeCarriers').where('challengeId', '=', challengeId).execute();
  if (userIds.length === 0) return;
  await trx
    .insertInto('eventChallengeCarriers')
    .values(userIds.map((userId, position) => ({ challengeId, userId, position })))
    .execute();
}

export async function createChallenge(
  db: Kysely<DB>,
  event: { id: string; communityId: string },
  creatorId: string,
  input: ChallengeCreateInput,
): Promise<string> {
  await checkMembers(db, event.communityId, input.carrierIds, 'carrierIds');
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await lockEvent(trx, event.id);
    const { n } = await trx
      .selectFrom('eventChallenges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('eventId', '=', event.id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_CHALLENGES_PER_EVENT) {
      throw new AppError('CONFLICT', `An event holds at most ${MAX_CHALLENGES_PER_EVENT} challenges`);
    }
    await trx
      .insertInto('eventChallenges')
      .values({
        id,
        eventId: event.id,
        question: input.question,
        description: input.description,
        teamCapacity: input.teamCapacity ?? null,
        outcome: null,
        createdBy: creatorId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await setCarriers(trx, id, input.carrierIds);
  });
  return id;
}

/** The largest team of a challenge, to refuse a capacity below it. */
async function largestTeam(trx: Kysely<DB>, challengeId: string): Promise<number> {
  const rows = await trx
    .selectFrom('eventChallengeMembers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('challengeId', '=', challengeId)
    .groupBy('teamId')
    .execute();
  return Math.max(0, ...rows.map((row) => Number(row.n)));
}

export async function patchChallenge(
  db: Kysely<DB>,
  challenge: ChallengeRow,
  communityId: string,
  input: ChallengePatchInput,
) {
  if (input.carrierIds) await checkMembers(db, communityId, input.carrierIds, 'carrierIds');
  await db.transaction().execute(async (trx) => {
    await lockEvent(trx, challenge.eventId);
    if (input.teamCapacity != null && (await largestTeam(trx, challenge.id)) > input.teamCapacity) {
      throw new AppError('CONFLICT', 'A team already holds more people than this capacity');
    }
    await trx
      .updateTable('eventChallenges')
      .set({
        ...(input.question !== undefined && { question: input.question }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.teamCapacity !== undefined && { teamCapacity: input.teamCapacity }),
        ...(input.outcome !== undefined && { outcome: input.outcome || null }),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', challenge.id)
      .execute();
    if (input.carrierIds) await setCarriers(trx, challenge.id, input.carrierIds);
  });
}

export async function deleteChallenge(db: Kysely<DB>, challengeId: string) {
  await db.deleteFrom('eventChallenges').where('id', '=', challengeId).execute();
}

async function nextTeamNumber(trx: Kysely<DB>, challengeId: string): Promise<number> {
  const rows = await trx
    .selectFrom('eventChallengeTeams')
    .select(['number'])
    .where('challengeId', '=', challengeId)
    .execute();
  if (rows.length >= MAX_TEAMS_PER_CHALLENGE) {
    throw new AppError('CONFLICT', `A challenge holds at most ${MAX_TEAMS_PER_CHALLENGE} teams`);
  }
  return Math.max(0, ...rows.map((row) => row.number)) + 1;
}

async function insertTeam(trx: Kysely<DB>, challengeId: string, name: string): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('eventChallengeTeams')
    .values({
      id,
      challengeId,
      number: await nextTeamNumber(trx, challengeId),
      name,
      createdAt: new Date().toISOString(),
    })
    .execute();
  return id;
}

export function addTeam(db: Kysely<DB>, challenge: ChallengeRow, name: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await lockEvent(trx, challenge.eventId);
    return insertTeam(trx, challenge.id, name);
  });
}

/**
 * Puts a person in a team of the challenge: the one named if it has room (409 when full), or the
 * first with room, or a new numbered team when all are full. One team per person: joining another
 * moves them. Under the event's lock, so that a team never holds more than its capacity.
 */
export function joinTeam(
  db: Kysely<DB>,
  challengeId: string,
  userId: string,
  teamId: string | undefined,
): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('eventChallenges')
      .select('eventId')
      .where('id', '=', challengeId)
      .executeTakeFirst();
    if (!found) throw notFound('Challenge');
    const event = await lockEvent(trx, found.eventId);
    if (event.cancelledAt !== null) throw new AppError('CONFLICT', 'This event is cancelled');
    // Re-read under the lock: the capacity may have changed since the caller looked.
    const challenge = await trx
      .selectFrom('eventChallenges')
      .select('teamCapacity')
      .where('id', '=', challengeId)
      .executeTakeFirst();
    if (!challenge) throw notFound('Challenge');
    const teams = await trx
      .selectFrom('eventChallengeTeams as t')
      .select((eb) => [
        't.id',
        eb
          .selectFrom('eventChallengeMembers as m')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('m.teamId', '=', 't.id')
          .as('memberCount'),
      ])
      .where('t.challengeId', '=', challengeId)
      .orderBy('t.number')
      .execute();
    const current = await trx
      .selectFrom('eventChallengeMembers')
      .select('teamId')
      .where('challengeId', '=', challengeId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    const hasRoom = (team: { memberCount: number | null }) =>
      challenge.teamCapacity === null || Number(team.memberCount ?? 0) < challenge.teamCapacity;

    let target: string;
    if (teamId !== undefined) {
      const team = teams.find((row) => row.id === teamId);
      if (!team) throw notFound('Team');
      if (current?.teamId === teamId) return;
      if (!hasRoom(team)) throw new AppError('CONFLICT', 'This team is full');
      target = teamId;
    } else {
      if (current) return; // already in a team: staying there is what "join any" means
      target = teams.find(hasRoom)?.id ?? (await insertTeam(trx, challengeId, ''));
    }
    await trx
      .deleteFrom('eventChallengeMembers')
      .where('challengeId', '=', challengeId)
      .where('userId', '=', userId)
      .execute();
    await trx
      .insertInto('eventChallengeMembers')
      .values({ challengeId, userId, teamId: target, joinedAt: new Date().toISOString() })
      .execute();
  });
}

export async function leaveTeam(db: Kysely<DB>, challengeId: string, userId: string) {
  await db
    .deleteFrom('eventChallengeMembers')
    .where('challengeId', '=', challengeId)
    .where('userId', '=', userId)
    .execute();
}

/** Someone leaving a community leaves its events' teams, challenges and roles. */
export async function leaveEventsOfCommunity(trx: Kysely<DB>, communityId: string, userId: string) {
  const challengesOf = trx
    .selectFrom('eventChallenges as c')
    .innerJoin('events as e', 'e.id', 'c.eventId')
    .select('c.id')
    .where('e.communityId', '=', communityId);
  await trx
    .deleteFrom('eventChallengeMembers')
    .where('userId', '=', userId)
    .where('challengeId', 'in', challengesOf)
    .execute();
  await trx
    .deleteFrom('eventChallengeCarriers')
    .where('userId', '=', userId)
    .where('challengeId', 'in', challengesOf)
    .execute();
  await trx
    .deleteFrom('eventRoleTakers')
    .where('userId', '=', userId)
    .where(
      'roleId',
      'in',
      trx
        .selectFrom('eventRoles as r')
        .innerJoin('events as e', 'e.id', 'r.eventId')
        .select('r.id')
        .where('e.communityId', '=', communityId),
    )
    .execute();
}
