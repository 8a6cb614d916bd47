import { type Kysely, type Migration, sql } from 'kysely';
import {
  circleKinds,
  circleMemberStatuses,
  circleMethods,
  circleRoles,
  circleStatuses,
  circleVisibilities,
} from '../../../domain/circle.ts';
import { communityMemberStatuses, communityRoles, joinPolicies } from '../../../domain/community.ts';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

/**
 * Frozen in time: this file must keep producing the same schema, so the enum lists below are
 * copied, not imported, once a later migration changes them. Today they equal the domain's.
 */
function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

export function foundation(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('instance_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      // Accounts: the column set better-auth expects (user/session/account/verification models),
      // plus the profile fields Archipel owns.
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('email_verified', t.flag, (c) => c.notNull())
        .addColumn('image', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('organisation', 'text')
        .addColumn('territory', 'text')
        .addColumn('bio', 'text')
        .addColumn('locale', 'text', (c) =>
          c
            .notNull()
            .defaultTo('fr')
            .check(oneOf('locale', ['fr', 'en'])),
        )
        .addColumn('is_admin', t.flag, (c) => c.notNull().defaultTo(dialect === 'postgres' ? false : 0))
        .execute();

      await db.schema
        .createTable('auth_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('ip_address', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('auth_sessions_user_id_idx')
        .on('auth_sessions')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('auth_accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('provider_id', 'text', (c) => c.notNull())
        .addColumn('access_token', 'text')
        .addColumn('refresh_token', 'text')
        .addColumn('id_token', 'text')
        .addColumn('access_token_expires_at', t.timestamp)
        .addColumn('refresh_token_expires_at', t.timestamp)
        .addColumn('scope', 'text')
        .addColumn('password', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('auth_accounts_user_id_idx')
        .on('auth_accounts')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('auth_verifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('auth_verifications_identifier_idx')
        .on('auth_verifications')
        .column('identifier')
        .execute();

      await db.schema
        .createTable('outbox_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outbox_messages_created_at_idx')
        .on('outbox_messages')
        .column('created_at')
        .execute();

      await db.schema
        .createTable('communities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('charter', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('join_policy', 'text', (c) => c.notNull().check(oneOf('join_policy', joinPolicies)))
        .addColumn('invite_code', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('community_members')
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', communityRoles)))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', communityMemberStatuses)))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('community_members_pk', ['community_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('community_members_user_id_idx')
        .on('community_members')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('circles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', circleKinds)))
        .addColumn('method', 'text', (c) => c.check(oneOf('method', circleMethods)))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('intention', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('capacity', 'integer', (c) => c.check(sql`capacity is null or capacity > 0`))
        .addColumn('visibility', 'text', (c) => c.notNull().check(oneOf('visibility', circleVisibilities)))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', circleStatuses)))
        .addColumn('join_policy', 'text', (c) => c.notNull().check(oneOf('join_policy', ['open', 'request'])))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('circles_community_id_idx').on('circles').column('community_id').execute();

      await db.schema
        .createTable('circle_members')
        .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', circleRoles)))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', circleMemberStatuses)))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('circle_members_pk', ['circle_id', 'user_id'])
        .addUniqueConstraint('circle_members_position_uq', ['circle_id', 'position'])
        .execute();
      await db.schema
        .createIndex('circle_members_user_id_idx')
        .on('circle_members')
        .column('user_id')
        .execute();
    },
  };
}
