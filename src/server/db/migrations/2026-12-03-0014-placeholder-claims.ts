import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

/**
 * Placeholders and their claims. A placeholder is a person written into the data without an
 * account (the demo's meeting participants, imported people): the flag says so explicitly, so
 * no sign-in path treats them as accounts. A steward invites someone to claim one; the invited
 * person's account then takes the placeholder's place everywhere.
 */
export function placeholderClaims(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  const no = dialect === 'postgres' ? sql`false` : sql`0`;
  const yes = dialect === 'postgres' ? sql`true` : sql`1`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('users')
        .addColumn('is_placeholder', t.flag, (c) => c.notNull().defaultTo(no))
        .execute();
      // Until now the only people without credentials were the demo's: every account registered
      // through better-auth has an auth_accounts row (magic links never create users here).
      await sql`update users set is_placeholder = ${yes}
        where not exists (select 1 from auth_accounts a where a.user_id = users.id)`.execute(db);

      await db.schema
        .createTable('placeholder_invitations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // Set null, not cascade: once merged the placeholder is gone, the record of the claim stays.
        .addColumn('placeholder_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('placeholder_name', 'text', (c) => c.notNull())
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('email', 'text', (c) => c.notNull())
        /** Random; the token is an HMAC of it under the instance secret (the mail job rebuilds it). */
        .addColumn('nonce', 'text', (c) => c.notNull())
        /** SHA-256 of the token: what the link is looked up by. */
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('accepted_at', t.timestamp)
        .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('revoked_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('placeholder_invitations_placeholder_idx')
        .on('placeholder_invitations')
        .column('placeholder_id')
        .execute();
      await db.schema
        .createIndex('placeholder_invitations_community_idx')
        .on('placeholder_invitations')
        .column('community_id')
        .execute();
    },
  };
}
