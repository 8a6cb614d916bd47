import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB, UserRow } from '../../db/schema.ts';

/** By name, the id breaking ties; qualified, as the searches read `users` from a sub-query. */
const userOrder: Keyset<Pick<UserRow, 'id' | 'name'>> = {
  list: 'admin-users',
  keys: [{ expr: 'users.name', kind: 'text' }],
  id: 'users.id',
  of: (row) => ({ keys: [row.name], id: row.id }),
};

/**
 * Up to this many matches (2.5 % of 100,000 accounts), they are read through the trigram index
 * and sorted by name (5–15 ms: each is a row read by key); beyond, a page is first looked for along the name index (a common
 * part fills it soon), then they are read as few. The search counts first: FTS5 gives SQLite's
 * planner no estimate, and PostgreSQL's, right about how many, cannot know where they fall in the
 * name order (a first name common to 3 % of the accounts, all at "Z", walked from "A").
 */
const SORTED_MATCHES = 2500;

/** The accounts tested along the name index before the matches are read and sorted instead. */
const WALKED_ACCOUNTS = 2000;

/** Where the search changes ways; tests set small ones to take each way on a few accounts. */
export interface SearchBounds {
  sortedMatches: number;
  walkedAccounts: number;
}

const BOUNDS: SearchBounds = { sortedMatches: SORTED_MATCHES, walkedAccounts: WALKED_ACCOUNTS };

/** A part shorter than this is looked up as the start of a name or an address (no trigram in it). */
const TRIGRAM = 3;

export interface AccountFilter {
  /** A part of a name or an address, case and accents aside. */
  q?: string | undefined;
  /** `only`: leave out placeholders. */
  accounts?: 'only' | undefined;
}

/** Control characters are never typed, and U+0002 marks the start of a column in SQLite's index. */
const cleanPart = (q: string | undefined) => q?.replace(/\p{Cc}/gu, '') ?? '';

/** `%text%` (or `text%` for a start) for LIKE, with the wildcards of the text itself escaped. */
const likePattern = (text: string, start: boolean) =>
  `${start ? '' : '%'}${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** An FTS5 phrase of the part (its characters are all trigrams' content, quotes doubled). */
const ftsPhrase = (text: string, start: boolean) =>
  `"${start ? '\u0002\u0002' : ''}${text.replaceAll('"', '""')}"`;

/**
 * The admins' list of accounts by name, or those whose name or address holds a part (decision
 * 048): three characters or more anywhere, fewer at the start of the name or of the address.
 * Erased accounts (decision 040) are rows kept for their contributions, not accounts.
 */
export async function searchAccounts(
  database: Database,
  filter: AccountFilter,
  page: PageRequest,
  bounds = BOUNDS,
) {
  const { db, dialect } = database;
  const paged: Paged = (query, limit = page.limit) => {
    let kept = query
      .where(sql.ref('users.deletedAt'), 'is', null)
      // Guests by a code (decision 051) are no accounts, nor people the admins manage.
      .where(sql.ref('users.email'), 'not like', '%@guest.invalid');
    if (filter.accounts === 'only') kept = kept.where(sql.ref('users.isPlaceholder'), '=', false);
    return pageQuery(kept, userOrder, { ...page, limit });
  };
  const accounts = db.selectFrom('users').selectAll('users');
  const part = cleanPart(filter.q);
  if (part === '') return toPage(await paged(accounts).execute(), userOrder, page);
  const start = [...part].length < TRIGRAM;
  const pattern = likePattern(part, start);
  const indexed =
    dialect === 'postgres'
      ? foldedLike(pattern)
      : sql<SqlBool>`users.rowid in (${ftsMatches(db, ftsPhrase(part, start))})`;
  if ((await countMatches(database, part, start, bounds.sortedMatches)) > bounds.sortedMatches) {
    const rows = await walkedPage(
      db,
      foldedLike(pattern),
      { limit: page.limit, walked: bounds.walkedAccounts },
      paged,
    );
    if (rows) return toPage(rows, userOrder, page);
  }
  // OFFSET 0 (SQLite: with its LIMIT -1, "none"): the sub-query is planned alone, never merged
  // into the ordered walk, all its rows found through the trigram index, then sorted.
  const found = accounts.where(indexed);
  const matches = (dialect === 'postgres' ? found : found.limit(-1)).offset(0).as('users');
  return toPage(await paged(db.selectFrom(matches).selectAll()).execute(), userOrder, page);
}

/** A page of accounts (after the cursor, by name; one more than `limit`) of a query of them. */
type Paged = <TB extends keyof DB>(
  query: SelectQueryBuilder<DB, TB, UserRow>,
  limit?: number,
) => SelectQueryBuilder<DB, TB, UserRow>;

/**
 * The folded name or address against the folded pattern: `archipel_fold` is SQL on PostgreSQL
 * (migration 0052, through its GIN trigram indexes: a pattern anchored at the start gives pg_trgm
 * the trigrams of a word's start, "  z" and " zo", so a short part is looked up too), and a
 * function of the connection on SQLite (database.ts).
 */
function foldedLike(pattern: string) {
  // SQLite has no default LIKE escape character; PostgreSQL's is the same backslash, named anyway.
  return sql<SqlBool>`(archipel_fold(users.name) like archipel_fold(${pattern}) escape '\\'
    or archipel_fold(users.email) like archipel_fold(${pattern}) escape '\\')`;
}

/** SQLite: the rowids of the accounts FTS5 finds (migration 0052: they are the accounts' own). */
const ftsMatches = (db: Kysely<DB>, phrase: string) =>
  db
    .selectFrom('usersSearch')
    .select(sql<number>`rowid`.as('rowid'))
    .where(sql<SqlBool>`users_search match ${phrase}`);

/** How many accounts match, counted up to one more than the bound, through the index. */
async function countMatches({ db, dialect }: Database, part: string, start: boolean, bound: number) {
  const matches =
    dialect === 'postgres'
      ? db
          .selectFrom('users')
          .select(sql<number>`1`.as('one'))
          .where(foldedLike(likePattern(part, start)))
          .limit(bound + 1)
      : ftsMatches(db, ftsPhrase(part, start)).limit(bound + 1);
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from (${matches}) as matches`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The page found along the name index among the next `walked` accounts, each tested (on
 * SQLite by archipel_fold: asking FTS5 about one rowid reads the part's whole lists again, 0.4 ms
 * an account), or undefined when they hold less than a page and more accounts follow.
 */
async function walkedPage(
  db: Kysely<DB>,
  matching: ReturnType<typeof foldedLike>,
  { limit, walked: bound }: { limit: number; walked: number },
  paged: Paged,
) {
  const walked = paged(db.selectFrom('users').selectAll('users'), bound).as('users');
  const rows = await db
    .selectFrom(walked)
    .selectAll()
    .where(matching)
    .orderBy(sql.ref('users.name'))
    .orderBy(sql.ref('users.id'))
    .limit(limit + 1)
    .execute();
  if (rows.length > limit) return rows;
  const { n } = await db
    .selectFrom(walked)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n) <= bound ? rows : undefined;
}
