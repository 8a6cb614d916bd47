import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../../../db/database.ts';

/**
 * The admins' account search by a part of a name or an address (issue 16, item 5; decision 048):
 * trigram indexes, so a rare part is found without walking all the accounts, case and accents
 * aside. PostgreSQL: `pg_trgm` GIN indexes on the folded name and address; SQLite: an FTS5 table
 * with the `trigram` tokenizer, kept by triggers.
 */
export function usersSearchTrigrams(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') await postgresTrigrams(db);
      else await sqliteTrigrams(db);
    },
  };
}

/**
 * `archipel_fold`: lower case without accents, declared immutable so an index may hold it
 * (`unaccent` itself is only stable: its dictionary could change; ours never does once installed).
 * The extension's schema is written in the function so a restore with an empty search_path
 * (pg_dump's) still finds it. Both extensions are trusted: any database owner may create them.
 */
async function postgresTrigrams(db: Kysely<unknown>) {
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent'`.execute(db);
  const schema = `"${(rows[0]?.schema ?? 'public').replaceAll('"', '""')}"`;
  await sql`create function archipel_fold(text) returns text language sql immutable parallel safe strict
    as $fold$ select lower(${sql.raw(schema)}.unaccent(${sql.lit(`${schema}.unaccent`)}::regdictionary, $1)) $fold$`.execute(
    db,
  );
  await sql`create index users_name_trgm_idx on users using gin (archipel_fold(name) gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index users_email_trgm_idx on users using gin (archipel_fold(email) gin_trgm_ops)`.execute(
    db,
  );
  // The statistics of the folded columns, which the planner reads for `like` on them.
  await sql`analyze users`.execute(db);
}

/**
 * SQLite: FTS5's trigram tokenizer folds case and accents itself. Each column starts with two
 * START characters (U+0002), so "the start of a name" is a trigram too: a part of one or two
 * characters is looked up as a prefix (admin-users.queries.ts). Contentless: only the index is
 * kept, under the account row's own rowid, which the search reads the accounts by (VACUUM keeps a
 * table's rowids: it copies the table whole, rowids included; users_search.test.ts checks it).
 */
async function sqliteTrigrams(db: Kysely<unknown>) {
  await sql`create virtual table users_search using fts5(name, email, content = '',
    contentless_delete = 1, tokenize = 'trigram remove_diacritics 1')`.execute(db);
  await sql`insert into users_search (rowid, name, email)
    select rowid, char(2, 2) || name, char(2, 2) || email from users`.execute(db);
  const entry = sql.raw('new.rowid, char(2, 2) || new.name, char(2, 2) || new.email');
  await sql`create trigger users_search_insert after insert on users begin
    insert into users_search (rowid, name, email) values (${entry});
  end`.execute(db);
  await sql`create trigger users_search_update after update of name, email on users begin
    delete from users_search where rowid = old.rowid;
    insert into users_search (rowid, name, email) values (${entry});
  end`.execute(db);
  await sql`create trigger users_search_delete after delete on users begin
    delete from users_search where rowid = old.rowid;
  end`.execute(db);
}
