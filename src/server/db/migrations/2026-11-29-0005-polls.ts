import { type CreateTableBuilder, type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

/**
 * Polls of a circle (optionally tied to a session) or of a whole community, their sections and
 * options, and the ballots. Named ballots are one row per voter (primary key poll + user).
 * Anonymous polls split "has voted" (poll_voters) from the ballots (poll_anonymous_ballots), which
 * have no user column, random ids and no timestamp; on SQLite both are WITHOUT ROWID tables, so
 * not even the insertion order (a rowid) can pair a voter with a ballot.
 */
export function polls(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  const withoutRowid = <T extends string, C extends string>(builder: CreateTableBuilder<T, C>) =>
    dialect === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('polls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('kind', 'text', (c) =>
          c.notNull().check(oneOf('kind', ['single', 'multiple', 'sections', 'ranking', 'score'])),
        )
        .addColumn('phase', 'text', (c) =>
          c.notNull().check(oneOf('phase', ['proposal', 'voting', 'closed'])),
        )
        .addColumn('max_per_section', 'integer')
        .addColumn('min_choices', 'integer')
        .addColumn('max_choices', 'integer')
        .addColumn('anonymous', t.flag, (c) => c.notNull())
        .addColumn('hide_results', t.flag, (c) => c.notNull())
        .addColumn('opens_at', t.timestamp)
        .addColumn('closes_at', t.timestamp)
        .addColumn('closed_at', t.timestamp)
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('polls_circle_idx')
        .on('polls')
        .columns(['circle_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('polls_community_idx')
        .on('polls')
        .columns(['community_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('poll_sections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('poll_sections_poll_idx')
        .on('poll_sections')
        .columns(['poll_id'])
        .execute();

      await db.schema
        .createTable('poll_options')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
        .addColumn('section_id', 'text', (c) => c.references('poll_sections.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('poll_options_poll_idx')
        .on('poll_options')
        .columns(['poll_id', 'position'])
        .execute();

      // One current ballot per voter: the primary key, not a check in code.
      await db.schema
        .createTable('poll_ballots')
        .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('poll_ballots_pk', ['poll_id', 'user_id'])
        .execute();

      await withoutRowid(
        db.schema
          .createTable('poll_voters')
          .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addPrimaryKeyConstraint('poll_voters_pk', ['poll_id', 'user_id']),
      ).execute();

      await withoutRowid(
        db.schema
          .createTable('poll_anonymous_ballots')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
          .addColumn('receipt_hash', 'text', (c) => c.notNull().unique())
          .addColumn('content', 'text', (c) => c.notNull()),
      ).execute();
      await db.schema
        .createIndex('poll_anonymous_ballots_poll_idx')
        .on('poll_anonymous_ballots')
        .columns(['poll_id'])
        .execute();
    },
  };
}
