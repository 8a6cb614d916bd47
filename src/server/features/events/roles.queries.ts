import type { Kysely, Selectable } from 'kysely';
import type { RoleDto } from '../../../contract/challenge.ts';
import type { Abilities } from '../../../domain/policy.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { isActiveMember, seesNames } from './challenges.queries.ts';
import type { EventRolesTable } from './challenges.tables.ts';
import { type EventAccess, getEventAccess } from './event-access.ts';

export type RoleRow = Selectable<EventRolesTable>;

export interface RoleAccess {
  role: RoleRow;
  event: EventAccess;
  abilities: Abilities;
}

/** A duty of the network is taken by its members: takePart needs the event's and membership. */
function roleAbilities(event: EventAccess): Abilities {
  return {
    read: true,
    takePart: event.abilities.takePart && isActiveMember(event.standing),
    steer: event.abilities.steer,
  };
}

/** The role if the viewer may see its event (404 otherwise), with what they may do. */
export async function getRoleAccess(db: Kysely<DB>, id: string, viewer: Viewer | undefined) {
  const role = await db.selectFrom('eventRoles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!role) throw notFound('Role');
  const event = await getEventAccess(db, role.eventId, viewer).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('Role') : error;
  });
  return { role, event, abilities: roleAbilities(event) } satisfies RoleAccess;
}

/** The roles of an event, oldest first, with their takers as the viewer may see them. */
export async function listRoles(
  db: Kysely<DB>,
  event: EventAccess,
  viewer: Viewer | undefined,
  only?: string,
): Promise<RoleDto[]> {
  let query = db.selectFrom('eventRoles').selectAll().where('eventId', '=', event.event.id);
  if (only) query = query.where('id', '=', only);
  const roles = await query.orderBy('createdAt').orderBy('id').execute();
  if (roles.length === 0) return [];
  const takers = await db
    .selectFrom('eventRoleTakers as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select(['t.roleId', 'u.id', 'u.name'])
    .where(
      't.roleId',
      'in',
      roles.map((role) => role.id),
    )
    .orderBy('t.takenAt')
    .orderBy('u.id')
    .execute();
  const named = seesNames(event.standing);
  const abilities = roleAbilities(event);
  return roles.map((role): RoleDto => {
    const mine = takers.filter((row) => row.roleId === role.id);
    return {
      id: role.id,
      eventId: role.eventId,
      title: role.title,
      description: role.description,
      needed: role.needed,
      takenCount: mine.length,
      takers: named ? mine.map((row) => ({ id: row.id, name: row.name })) : [],
      iTakeIt: viewer !== undefined && mine.some((row) => row.id === viewer.id),
      abilities,
    };
  });
}

export async function roleDetail(db: Kysely<DB>, access: RoleAccess, viewer: Viewer | undefined) {
  const [dto] = await listRoles(db, access.event, viewer, access.role.id);
  if (!dto) throw notFound('Role');
  return dto;
}
