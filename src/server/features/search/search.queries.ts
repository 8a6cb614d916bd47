import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { SearchResponse } from '../../../contract/search.ts';
import { isSearchKind, MAX_SEARCH_RESULTS, type SearchKind } from '../../../domain/search.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { documentVisibleTo } from '../../policy/search-visibility.ts';
import { isPostgres } from '../../search/search-index.ts';
import { fts5Match, type ParsedSearch } from '../../search/search-query.ts';
import { highlightsIn, snippetOf } from '../../search/search-snippet.ts';
import { subjectsInTerritory } from '../territories/territories.public.ts';

export interface SearchFilters {
  communityId?: string | undefined;
  kind?: SearchKind | undefined;
  circleId?: string | undefined;
  /** A territory's key: what is said in its circles, and its events. */
  territory?: string | undefined;
  /** Calendar days, both included (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}

type Scope = DB & { d: DB['searchDocuments'] };

/**
 * PostgreSQL's full query (for ranking): every part required; words and phrases through the
 * `archipel_fr` configuration (unaccent, then French stems), prefixes as `stem:*`. Only letters and
 * digits reach `to_tsquery` (search-query.ts), so no input becomes tsquery syntax.
 */
function tsQuery(parsed: ParsedSearch) {
  const parts = [
    ...parsed.words.map((word) => sql`plainto_tsquery('archipel_fr', ${word.text})`),
    ...parsed.phrases.map((phrase) => sql`phraseto_tsquery('archipel_fr', ${phrase.text})`),
    ...parsed.prefixes.map((prefix) => sql`to_tsquery('archipel_fr', ${`${prefix.text}:*`})`),
  ];
  return sql`(${sql.join(parts, sql` && `)})`;
}

/**
 * How PostgreSQL finds one phrase's documents: by its adjacent lexemes on `pairs` when it has any
 * (`'cooper_ouvert' & …`), and by its lexemes on `lexemes` when it has none (words a stop word
 * separates). A phrase of exactly two adjacent lexemes is settled by its pair; any other is also
 * checked on the positions of `tsv`, for the candidates only.
 */
interface PhrasePlan {
  text: string;
  pairs: string | null;
  exact: boolean;
}

async function phrasePlans(db: Kysely<DB>, parsed: ParsedSearch): Promise<PhrasePlan[]> {
  const plans: PhrasePlan[] = [];
  for (const phrase of parsed.phrases) {
    const vector = sql`to_tsvector('archipel_fr', ${phrase.text})`;
    const found = await sql<{ pairs: string | null; positions: number | string }>`
      with lexemes as (select lexeme, unnest(positions) as position from unnest(${vector}))
      select (select string_agg(distinct quote_literal(a.lexeme || '_' || b.lexeme), ' & ')
          from lexemes a join lexemes b on b.position = a.position + 1) as pairs,
        (select count(*) from lexemes) as positions`.execute(db);
    const row = found.rows[0];
    const pairs = row?.pairs ?? null;
    plans.push({ text: phrase.text, pairs, exact: pairs !== null && Number(row?.positions) === 2 });
  }
  return plans;
}

/** PostgreSQL: the conditions of a search on the narrow row (`lexemes`, `pairs`), then on `tsv`. */
function postgresMatch(parsed: ParsedSearch, plans: readonly PhrasePlan[]) {
  const onLexemes = [
    ...parsed.words.map((word) => sql`plainto_tsquery('archipel_fr', ${word.text})`),
    ...plans
      .filter((plan) => plan.pairs === null)
      .map((plan) => sql`plainto_tsquery('archipel_fr', ${plan.text})`),
    ...parsed.prefixes.map((prefix) => sql`to_tsquery('archipel_fr', ${`${prefix.text}:*`})`),
  ];
  const pairs = plans.flatMap((plan) => (plan.pairs === null ? [] : [plan.pairs]));
  const checked = plans
    .filter((plan) => !plan.exact)
    .map((plan) => sql`phraseto_tsquery('archipel_fr', ${plan.text})`);
  return [
    ...(onLexemes.length > 0 ? [sql<SqlBool>`d.lexemes @@ (${sql.join(onLexemes, sql` && `)})`] : []),
    ...(pairs.length > 0 ? [sql<SqlBool>`d.pairs @@ ${pairs.join(' & ')}::tsquery`] : []),
    // Last, so that it is worked out only for rows that passed the others.
    ...(checked.length > 0 ? [sql<SqlBool>`d.tsv @@ (${sql.join(checked, sql` && `)})`] : []),
  ];
}

/**
 * SQLite: each candidate's document through the index that holds every column the visibility rule
 * reads (migration 0060), not its row with the text. The planner would take the unique index of
 * `fts_rowid` (one row either way) and read the row: 6 times slower on a common word at 140,000
 * documents (decision 058). The chosen documents' text is read afterwards, by id.
 */
const sqliteDocumentsByRowid = sql<DB['searchDocuments']>`search_documents`.as<'d'>(
  sql`"d" indexed by search_documents_visibility_idx`,
);

/**
 * The documents matching the search that the viewer may open, within the filters. On SQLite the
 * full-text table leads (its MATCH gives the candidates and bm25 their rank) and each candidate's
 * document is found by its unique `fts_rowid`; on PostgreSQL the GIN indexes on `lexemes` and
 * `pairs` give the candidates.
 */
function matching(
  db: Kysely<DB>,
  viewer: Viewer | undefined,
  parsed: ParsedSearch,
  filters: SearchFilters,
  plans: readonly PhrasePlan[],
) {
  // The two engines start from different tables; past this point the query is the same.
  const base = (
    isPostgres(db)
      ? db.selectFrom('searchDocuments as d').where((eb) => eb.and(postgresMatch(parsed, plans)))
      : db
          .selectFrom('searchFts')
          .innerJoin(sqliteDocumentsByRowid, 'd.ftsRowid', 'searchFts.rowid')
          .where(sql<SqlBool>`search_fts match ${fts5Match(parsed)}`)
  ) as SelectQueryBuilder<Scope, 'd', object>;
  return base
    .innerJoin('communities as co', 'co.id', 'd.communityId')
    .where((eb) => documentVisibleTo(eb, viewer, filters.communityId))
    .$if(filters.communityId !== undefined, (q) => q.where('d.communityId', '=', filters.communityId ?? ''))
    .$if(filters.kind !== undefined, (q) => q.where('d.kind', '=', filters.kind ?? ''))
    .$if(filters.circleId !== undefined, (q) => q.where('d.circleId', '=', filters.circleId ?? ''))
    .$if(filters.territory !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('d.circleId', 'in', subjectsInTerritory(db, 'circle', filters.territory ?? '')),
          eb.and([
            eb('d.kind', '=', 'event'),
            eb('d.objectId', 'in', subjectsInTerritory(db, 'event', filters.territory ?? '')),
          ]),
        ]),
      ),
    )
    .$if(filters.from !== undefined, (q) => q.where('d.date', '>=', `${filters.from}T00:00:00.000Z`))
    .$if(filters.to !== undefined, (q) => q.where('d.date', '<=', `${filters.to}T23:59:59.999Z`));
}

/**
 * What the candidates carry to be ranked: FTS5's bm25 (the title weighs ten times the text), or on
 * PostgreSQL the full `tsv`, ranked by the outer query once the thousand are chosen, so that no
 * other match's out-of-line vector is read.
 */
function scoreOf(db: Kysely<DB>) {
  return isPostgres(db) ? sql<unknown>`d.tsv` : sql<number>`bm25(search_fts, 10.0, 1.0)`;
}

/** The rank of a candidate, lower first. */
function rankOf(db: Kysely<DB>, parsed: ParsedSearch) {
  return isPostgres(db) ? sql<number>`-ts_rank(c.score, ${tsQuery(parsed)})` : sql<number>`c.score`;
}

/** Newest first: SQLite's full-text rows in the order they were indexed, PostgreSQL's dates. */
function newestFirst(db: Kysely<DB>) {
  return isPostgres(db) ? sql`d.date desc nulls last` : sql`search_fts.rowid desc`;
}

/**
 * One page of results, best first, and how many there are; all under the same visibility rule, so
 * neither the list, the count nor a snippet reveals what the viewer may not open. One scan finds
 * the newest MAX_SEARCH_RESULTS + 1 matches the viewer may open: they are counted (`total` exact up
 * to MAX_SEARCH_RESULTS, "more" beyond) and ranked. Ranking every match of a word found in most
 * documents took 0.5–2 s at 100,000 documents; the newest thousand hold what anyone reads.
 */
export async function searchDocuments(
  db: Kysely<DB>,
  viewer: Viewer | undefined,
  parsed: ParsedSearch,
  filters: SearchFilters,
  page: { limit: number; offset: number },
): Promise<SearchResponse> {
  // Ids and ranks only while ranking: the text of the page's few documents is read afterwards.
  const plans = isPostgres(db) ? await phrasePlans(db, parsed) : [];
  const candidates = matching(db, viewer, parsed, filters, plans)
    .select(['d.id', scoreOf(db).as('score')])
    .orderBy(newestFirst(db))
    .limit(MAX_SEARCH_RESULTS + 1);
  const ranked = await db
    .selectFrom(candidates.as('c'))
    .select(['c.id', sql<number | string>`count(*) over ()`.as('total')])
    .orderBy(rankOf(db, parsed))
    .orderBy('c.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  // A page past the last result has no row to carry the count: count on its own then.
  const total = Number(
    ranked[0]?.total ??
      (page.offset === 0
        ? 0
        : (
            await db
              .selectFrom(candidates.as('c'))
              .select((eb) => eb.fn.countAll<number | string>().as('total'))
              .executeTakeFirstOrThrow()
          ).total),
  );
  const ids = ranked.map((row) => row.id);
  const documents =
    ids.length === 0
      ? []
      : await db
          .selectFrom('searchDocuments as d')
          .leftJoin('circles as ci', 'ci.id', 'd.circleId')
          .select([
            'd.id',
            'd.kind',
            'd.objectId',
            'd.title',
            'd.body',
            'd.url',
            'd.date',
            'd.circleId',
            'ci.name as circleName',
          ])
          .where('d.id', 'in', ids)
          .execute();
  const rows = ids.flatMap((id) => documents.filter((document) => document.id === id));
  return {
    total: Math.min(total, MAX_SEARCH_RESULTS),
    totalIsExact: total <= MAX_SEARCH_RESULTS,
    items: rows.flatMap((row) => {
      if (!isSearchKind(row.kind)) return [];
      const snippet = snippetOf(row.body, parsed);
      return {
        kind: row.kind,
        id: row.objectId,
        title: row.title,
        titleHighlights: highlightsIn(row.title, parsed),
        snippet: snippet.text,
        highlights: snippet.highlights,
        url: row.url,
        ...(row.circleId && row.circleName ? { circle: { id: row.circleId, name: row.circleName } } : {}),
        ...(row.date ? { date: toIso(row.date) } : {}),
      };
    }),
  };
}
