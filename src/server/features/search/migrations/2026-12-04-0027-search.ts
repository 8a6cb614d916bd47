import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * The tables whose writes change what search finds, the kind of document each write concerns and
 * the column naming that document. Frozen with this migration: a later source adds its own
 * triggers in a later migration. Shared notes are watched at their store (each appended update);
 * their compaction deletes updates, which changes nothing searchable, so only inserts count there.
 */
const WATCHED: readonly { table: string; kind: string; column: string; insertsOnly?: boolean }[] = [
  { table: 'circles', kind: 'circle', column: 'id' },
  { table: 'sessions', kind: 'session', column: 'id' },
  { table: 'agenda_items', kind: 'session', column: 'session_id' },
  { table: 'announcements', kind: 'session', column: 'session_id' },
  { table: 'session_note_updates', kind: 'session', column: 'session_id', insertsOnly: true },
  { table: 'actions', kind: 'action', column: 'id' },
  { table: 'board_notes', kind: 'postit', column: 'id' },
  { table: 'polls', kind: 'poll', column: 'id' },
  { table: 'poll_sections', kind: 'poll', column: 'poll_id' },
  { table: 'poll_options', kind: 'poll', column: 'poll_id' },
  { table: 'date_polls', kind: 'date-poll', column: 'id' },
  { table: 'signup_sheets', kind: 'signup-sheet', column: 'id' },
  { table: 'signup_topics', kind: 'signup-sheet', column: 'sheet_id' },
  { table: 'glossary_entries', kind: 'glossary', column: 'id' },
  { table: 'events', kind: 'event', column: 'id' },
  { table: 'learning_designs', kind: 'learning-design', column: 'id' },
];

/**
 * Search (issue 14): the documents as the engines index them, the marks that say which must be
 * read again, and the triggers that set those marks in the same transaction as every write.
 */
export function searchTables(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('search_pending')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('search_pending_pk', ['kind', 'object_id'])
        .execute();

      let documents = db.schema
        .createTable('search_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        // No foreign keys: a deleted object leaves through the indexer (its delete marked it), which
        // also drops its row of SQLite's full-text table; a cascade would orphan that row.
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('circle_id', 'text')
        .addColumn('session_id', 'text')
        .addColumn('owner_id', 'text')
        .addColumn('audience', 'text', (c) =>
          c.notNull().check(sql`audience in ('everyone', 'community', 'circle', 'circle-content', 'board')`),
        )
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('date', t.timestamp)
        .addColumn('updated_at', t.timestamp, (c) => c.notNull());
      documents =
        dialect === 'postgres'
          ? documents
              .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
              .addColumn('pairs', sql`tsvector`, (c) => c.notNull())
          : documents.addColumn('fts_rowid', 'integer', (c) => c.notNull().unique());
      await documents.execute();
      await db.schema
        .createIndex('search_documents_scope_idx')
        .on('search_documents')
        .columns(['community_id', 'kind', 'circle_id'])
        .execute();
      await db.schema
        .createIndex('search_documents_circle_idx')
        .on('search_documents')
        .column('circle_id')
        .execute();

      if (dialect === 'postgres') await postgresSearch(db);
      else await sqliteSearch(db);
      for (const watched of WATCHED) {
        await sql`insert into search_pending (kind, object_id, version)
          select distinct ${watched.kind}, ${sql.ref(watched.column)}, 1 from ${sql.table(watched.table)}
          where ${sql.ref(watched.column)} is not null
          on conflict (kind, object_id) do nothing`.execute(db);
      }
    },
  };
}

/**
 * PostgreSQL: a `french` configuration that drops accents first (`unaccent`, a trusted extension
 * any database owner may create), a weighted tsvector (title A, text B) under a GIN index, and one
 * trigger function that reads the document's id from the written row by column name.
 */
async function postgresSearch(db: Kysely<unknown>) {
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create text search configuration archipel_fr (copy = french)`.execute(db);
  await sql`alter text search configuration archipel_fr
    alter mapping for hword, hword_part, word with unaccent, french_stem`.execute(db);
  await sql`create index search_documents_tsv_idx on search_documents using gin (tsv)`.execute(db);
  // Adjacent lexemes as one token ("cooper_ouvert"): a phrase is found through the index instead of
  // by reading the positions of every document that holds its words (search-index.ts).
  await sql`create index search_documents_pairs_idx on search_documents using gin (pairs)`.execute(db);
  // Newest first: for a word in most documents the planner walks this index and stops at 2,000.
  await sql`create index search_documents_date_idx on search_documents (date desc nulls last)`.execute(db);
  await sql`create function archipel_search_mark() returns trigger language plpgsql as $$
    declare
      written jsonb;
      marked_id text;
    begin
      if tg_op = 'DELETE' then written := to_jsonb(old); else written := to_jsonb(new); end if;
      marked_id := written ->> tg_argv[1];
      if marked_id is not null then
        insert into search_pending (kind, object_id, version) values (tg_argv[0], marked_id, 1)
          on conflict (kind, object_id) do update set version = search_pending.version + 1;
      end if;
      -- A row moved to another document (an agenda item to another session) changes both.
      if tg_op = 'UPDATE' and (to_jsonb(old) ->> tg_argv[1]) is distinct from marked_id
        and (to_jsonb(old) ->> tg_argv[1]) is not null then
        insert into search_pending (kind, object_id, version) values (tg_argv[0], to_jsonb(old) ->> tg_argv[1], 1)
          on conflict (kind, object_id) do update set version = search_pending.version + 1;
      end if;
      return null;
    end $$`.execute(db);
  for (const { table, kind, column, insertsOnly } of WATCHED) {
    const events = insertsOnly ? sql.raw('insert') : sql.raw('insert or update or delete');
    await sql`create trigger ${sql.raw(`search_mark_${table}`)} after ${events} on ${sql.table(table)}
      for each row execute function archipel_search_mark(${sql.lit(kind)}, ${sql.lit(column)})`.execute(db);
  }
}

/**
 * SQLite: an FTS5 table of stems (search-text.ts makes them; FTS5 has no French stemmer), with
 * prefix indexes for `coop*`, and three triggers per watched table.
 */
async function sqliteSearch(db: Kysely<unknown>) {
  await sql`create virtual table search_fts using fts5(title, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`.execute(db);
  for (const { table, kind, column, insertsOnly } of WATCHED) {
    const operations = insertsOnly ? (['insert'] as const) : (['insert', 'update', 'delete'] as const);
    for (const operation of operations) {
      const row = operation === 'delete' ? 'old' : 'new';
      await sql`create trigger ${sql.raw(`search_mark_${table}_${operation}`)}
        after ${sql.raw(operation)} on ${sql.table(table)}
        when ${sql.raw(`${row}.${column}`)} is not null
        begin
          insert into search_pending (kind, object_id, version)
            values (${sql.lit(kind)}, ${sql.raw(`${row}.${column}`)}, 1)
            on conflict (kind, object_id) do update set version = version + 1;
          ${operation === 'update' ? movedFrom(kind, column) : sql``}
        end`.execute(db);
    }
  }
}

/** In an update trigger: the document the row left, when it moved to another one. */
function movedFrom(kind: string, column: string) {
  return sql`insert into search_pending (kind, object_id, version)
    select ${sql.lit(kind)}, ${sql.raw(`old.${column}`)}, 1
    where ${sql.raw(`old.${column}`)} is not null and ${sql.raw(`old.${column}`)} is not ${sql.raw(`new.${column}`)}
    on conflict (kind, object_id) do update set version = version + 1;`;
}
