import type { Kysely, Selectable } from 'kysely';
import type { ChallengeDto, PersonDto, TeamDto } from '../../../contract/challenge.ts';
import type { Abilities, Standing } from '../../../domain/policy.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import type { EventChallengesTable } from './challenges.tables.ts';
import type { EventAccess } from './event-access.ts';
import { getEventAccess } from './event-access.ts';

export type ChallengeRow = Selectable<EventChallengesTable>;

/**
 * Who is told the names of carriers, team members and role takers: the community's members and
 * instance admins. Anonymous visitors of a public event and accounts outside the community get counts.
 */
export const seesNames = (standing: Standing) =>
  standing.community === 'member' || standing.community === 'animator' || standing.instanceAdmin;

export const isActiveMember = (standing: Standing) =>
  standing.community === 'member' || standing.community === 'animator';

export interface ChallengeAccess {
  challenge: ChallengeRow;
  event: EventAccess;
  iCarry: boolean;
  /** takePart: join a team (the event's takePart); steer: the event's organisers and the carriers. */
  abilities: Abilities;
}

function challengeAbilities(event: EventAccess, iCarry: boolean): Abilities {
  return {
    read: true,
    takePart: event.abilities.takePart,
    steer: event.abilities.steer || (iCarry && isActiveMember(event.standing)),
  };
}

/** The challenge if the viewer may see its event (404 otherwise), with what they may do. */
export async function getChallengeAccess(
  db: Kysely<DB>,
  id: string,
  viewer: Viewer | undefined,
): Promise<ChallengeAccess> {
  const challenge = await db
    .selectFrom('eventChallenges')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!challenge) throw notFound('Challenge');
  // A hidden event hides its challenges: the same 404, named after what was asked for.
  const event = await getEventAccess(db, challenge.eventId, viewer).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('Challenge') : error;
  });
  const carrier = viewer
    ? await db
        .selectFrom('eventChallengeCarriers')
        .select('userId')
        .where('challengeId', '=', id)
        .where('userId', '=', viewer.id)
        .executeTakeFirst()
    : undefined;
  const iCarry = carrier !== undefined;
  return { challenge, event, iCarry, abilities: challengeAbilities(event, iCarry) };
}

/** The challenges of an event as the viewer may see them, oldest first. */
export async function listChallenges(
  db: Kysely<DB>,
  event: EventAccess,
  viewer: Viewer | undefined,
): Promise<ChallengeDto[]> {
  const rows = await db
    .selectFrom('eventChallenges')
    .selectAll()
    .where('eventId', '=', event.event.id)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return challengeDtos(db, event, rows, viewer);
}

export async function challengeDetail(
  db: Kysely<DB>,
  access: ChallengeAccess,
  viewer: Viewer | undefined,
): Promise<ChallengeDto> {
  const [dto] = await challengeDtos(db, access.event, [access.challenge], viewer);
  if (!dto) throw notFound('Challenge');
  return dto;
}

async function challengeDtos(
  db: Kysely<DB>,
  event: EventAccess,
  rows: ChallengeRow[],
  viewer: Viewer | undefined,
): Promise<ChallengeDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [carriers, teams, members] = await Promise.all([
    db
      .selectFrom('eventChallengeCarriers as c')
      .innerJoin('users as u', 'u.id', 'c.userId')
      .select(['c.challengeId', 'u.id', 'u.name'])
      .where('c.challengeId', 'in', ids)
      .orderBy('c.position')
      .execute(),
    db
      .selectFrom('eventChallengeTeams')
      .selectAll()
      .where('challengeId', 'in', ids)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('eventChallengeMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select(['m.challengeId', 'm.teamId', 'u.id', 'u.name'])
      .where('m.challengeId', 'in', ids)
      .orderBy('m.joinedAt')
      .orderBy('u.id')
      .execute(),
  ]);
  const named = seesNames(event.standing);
  const person = (row: { id: string; name: string }): PersonDto => ({ id: row.id, name: row.name });
  return rows.map((challenge): ChallengeDto => {
    const mine = carriers.filter((row) => row.challengeId === challenge.id);
    const iCarry = viewer !== undefined && mine.some((row) => row.id === viewer.id);
    const myTeamId =
      (viewer && members.find((row) => row.challengeId === challenge.id && row.id === viewer.id)?.teamId) ??
      null;
    return {
      id: challenge.id,
      eventId: challenge.eventId,
      question: challenge.question,
      description: challenge.description,
      carriers: named ? mine.map(person) : [],
      carrierCount: mine.length,
      iCarry,
      teamCapacity: challenge.teamCapacity,
      teams: teams
        .filter((team) => team.challengeId === challenge.id)
        .map((team): TeamDto => {
          const inTeam = members.filter((row) => row.teamId === team.id);
          return {
            id: team.id,
            number: team.number,
            name: team.name,
            memberCount: inTeam.length,
            capacity: challenge.teamCapacity,
            members: named ? inTeam.map(person) : null,
          };
        }),
      myTeamId,
      outcome: challenge.outcome,
      abilities: challengeAbilities(event, iCarry),
    };
  });
}
