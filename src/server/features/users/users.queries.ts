import type { Kysely } from 'kysely';
import type { Me, ProfileUpdate, PublicUser } from '../../../contract/user.ts';
import { toBool } from '../../db/columns.ts';
import type { DB, UserRow } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import { asLocale } from '../../mail/mail-i18n.ts';

export function toPublicUserDto(
  row: Pick<UserRow, 'id' | 'name' | 'organisation' | 'territory' | 'bio'>,
): PublicUser {
  return {
    id: row.id,
    name: row.name,
    organisation: row.organisation,
    territory: row.territory,
    bio: row.bio,
  };
}

export function toMeDto(row: UserRow): Me {
  return {
    ...toPublicUserDto(row),
    email: row.email,
    isAdmin: toBool(row.isAdmin),
    locale: asLocale(row.locale),
  };
}

export async function getUser(db: Kysely<DB>, id: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('User');
  return row;
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function updateProfile(
  db: Kysely<DB>,
  id: string,
  patch: Omit<ProfileUpdate, 'territoryCodes'>,
): Promise<UserRow> {
  if (Object.keys(patch).length > 0) {
    await db
      .updateTable('users')
      .set({ ...patch, updatedAt: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return getUser(db, id);
}

/**
 * The first account registered on the instance becomes its admin. The claim is a unique key in
 * instance_settings, so two first registrations at once cannot both win.
 */
export async function claimFirstAdmin(db: Kysely<DB>, userId: string): Promise<boolean> {
  const result = await db
    .insertInto('instanceSettings')
    .values({ key: 'first_admin', value: userId })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db.updateTable('users').set({ isAdmin: true }).where('id', '=', userId).execute();
  return true;
}
