import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  MAX_ROLES_PER_EVENT,
  type RoleCreateInput,
  type RolePatchInput,
} from '../../../contract/challenge.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { lockEvent } from './events.commands.ts';
import type { RoleRow } from './roles.queries.ts';

const takenCount = async (trx: Kysely<DB>, roleId: string) =>
  Number(
    (
      await trx
        .selectFrom('eventRoleTakers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('roleId', '=', roleId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export function createRole(
  db: Kysely<DB>,
  eventId: string,
  creatorId: string,
  input: RoleCreateInput,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await lockEvent(trx, eventId);
    const { n } = await trx
      .selectFrom('eventRoles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('eventId', '=', eventId)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ROLES_PER_EVENT) {
      throw new AppError('CONFLICT', `An event holds at most ${MAX_ROLES_PER_EVENT} roles`);
    }
    const id = randomUUID();
    await trx
      .insertInto('eventRoles')
      .values({
        id,
        eventId,
        title: input.title,
        description: input.description,
        needed: input.needed,
        createdBy: creatorId,
        createdAt: new Date().toISOString(),
      })
      .execute();
    return id;
  });
}

/** Edits a role; it cannot need fewer people than have already taken it. */
export async function patchRole(db: Kysely<DB>, role: RoleRow, input: RolePatchInput) {
  await db.transaction().execute(async (trx) => {
    await lockEvent(trx, role.eventId);
    if (input.needed !== undefined && (await takenCount(trx, role.id)) > input.needed) {
      throw new AppError('CONFLICT', 'More people have already taken this role');
    }
    await trx
      .updateTable('eventRoles')
      .set({
        ...(input.title !== undefined && { title: input.title }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.needed !== undefined && { needed: input.needed }),
      })
      .where('id', '=', role.id)
      .execute();
  });
}

export async function deleteRole(db: Kysely<DB>, roleId: string) {
  await db.deleteFrom('eventRoles').where('id', '=', roleId).execute();
}

/** Takes a role while it needs people (409 when enough took it), under the event's lock. */
export function takeRole(db: Kysely<DB>, roleId: string, userId: string): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('eventRoles')
      .select('eventId')
      .where('id', '=', roleId)
      .executeTakeFirst();
    if (!found) throw notFound('Role');
    const event = await lockEvent(trx, found.eventId);
    if (event.cancelledAt !== null) throw new AppError('CONFLICT', 'This event is cancelled');
    const role = await trx
      .selectFrom('eventRoles')
      .select('needed')
      .where('id', '=', roleId)
      .executeTakeFirst();
    if (!role) throw notFound('Role');
    const mine = await trx
      .selectFrom('eventRoleTakers')
      .select('userId')
      .where('roleId', '=', roleId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    if (mine) return;
    if ((await takenCount(trx, roleId)) >= role.needed) {
      throw new AppError('CONFLICT', 'Enough people have taken this role');
    }
    await trx
      .insertInto('eventRoleTakers')
      .values({ roleId, userId, takenAt: new Date().toISOString() })
      .execute();
  });
}

export async function releaseRole(db: Kysely<DB>, roleId: string, userId: string) {
  await db.deleteFrom('eventRoleTakers').where('roleId', '=', roleId).where('userId', '=', userId).execute();
}
