import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/** The abécédaire: entries of a community, their revisions, their writers and the votes on them. */
export function glossaryTables(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('glossary_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('term_key', 'text', (c) => c.notNull())
        .addColumn('letter', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('proposed', 'selected', 'published', 'archived')`),
        )
        .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('argument', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('examples', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('sources', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('related_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('vote_poll_id', 'text', (c) => c.references('polls.id').onDelete('set null'))
        .addColumn('vote_count', 'integer')
        .addColumn('vote_tied', t.flag, (c) => c.notNull().defaultTo(dialect === 'postgres' ? false : 0))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('glossary_entries_term_unique', ['community_id', 'term_key'])
        .execute();
      await db.schema
        .createIndex('glossary_entries_letter_idx')
        .on('glossary_entries')
        .columns(['community_id', 'letter', 'term_key'])
        .execute();

      await db.schema
        .createTable('glossary_revisions')
        .addColumn('entry_id', 'text', (c) =>
          c.notNull().references('glossary_entries.id').onDelete('cascade'),
        )
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('argument', 'text', (c) => c.notNull())
        .addColumn('examples', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('related_ids', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('glossary_revisions_pk', ['entry_id', 'revision'])
        .execute();

      await db.schema
        .createTable('glossary_writers')
        .addColumn('entry_id', 'text', (c) =>
          c.notNull().references('glossary_entries.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('glossary_writers_pk', ['entry_id', 'user_id'])
        .execute();

      // A vote campaign ("On lance la suite ?") is a `sections` poll: one section per letter.
      await db.schema
        .createTable('glossary_votes')
        .addColumn('poll_id', 'text', (c) => c.primaryKey().references('polls.id').onDelete('cascade'))
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('per_letter', 'integer', (c) => c.notNull().check(sql`per_letter >= 1`))
        .addColumn('applied_at', t.timestamp)
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('glossary_votes_pending_idx')
        .on('glossary_votes')
        .columns(['community_id', 'applied_at'])
        .execute();
      await db.schema
        .createTable('glossary_vote_options')
        .addColumn('option_id', 'text', (c) =>
          c.primaryKey().references('poll_options.id').onDelete('cascade'),
        )
        .addColumn('poll_id', 'text', (c) =>
          c.notNull().references('glossary_votes.poll_id').onDelete('cascade'),
        )
        .addColumn('entry_id', 'text', (c) =>
          c.notNull().references('glossary_entries.id').onDelete('cascade'),
        )
        .execute();
    },
  };
}
