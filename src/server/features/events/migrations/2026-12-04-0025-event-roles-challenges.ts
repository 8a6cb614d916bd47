import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * Challenges of an event (carriers, teams, members of teams) and its roles with their takers. Team
 * and role capacities are decided under the event's row lock; one team per person per challenge and
 * one take per person per role are unique constraints.
 */
export function eventRolesChallengesTables(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('event_challenges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('team_capacity', 'integer', (c) => c.check(sql`team_capacity > 0`))
        .addColumn('outcome', 'text')
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('event_challenges_event_idx')
        .on('event_challenges')
        .columns(['event_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('event_challenge_carriers')
        .addColumn('challenge_id', 'text', (c) =>
          c.notNull().references('event_challenges.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_challenge_carriers_pk', ['challenge_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('event_challenge_carriers_user_idx')
        .on('event_challenge_carriers')
        .columns(['user_id'])
        .execute();

      await db.schema
        .createTable('event_challenge_teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('challenge_id', 'text', (c) =>
          c.notNull().references('event_challenges.id').onDelete('cascade'),
        )
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('event_challenge_teams_number_unique', ['challenge_id', 'number'])
        .execute();

      await db.schema
        .createTable('event_challenge_members')
        .addColumn('challenge_id', 'text', (c) =>
          c.notNull().references('event_challenges.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('team_id', 'text', (c) =>
          c.notNull().references('event_challenge_teams.id').onDelete('cascade'),
        )
        .addColumn('joined_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('event_challenge_members_pk', ['challenge_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('event_challenge_members_team_idx')
        .on('event_challenge_members')
        .columns(['team_id'])
        .execute();
      await db.schema
        .createIndex('event_challenge_members_user_idx')
        .on('event_challenge_members')
        .columns(['user_id'])
        .execute();

      await db.schema
        .createTable('event_roles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('needed', 'integer', (c) => c.notNull().check(sql`needed > 0`))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('event_roles_event_idx')
        .on('event_roles')
        .columns(['event_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('event_role_takers')
        .addColumn('role_id', 'text', (c) => c.notNull().references('event_roles.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('taken_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('event_role_takers_pk', ['role_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('event_role_takers_user_idx')
        .on('event_role_takers')
        .columns(['user_id'])
        .execute();
    },
  };
}
