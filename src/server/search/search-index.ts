import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { SearchDocument } from './search-source.ts';
import { stemmedText } from './search-text.ts';

/**
 * Text beyond this many characters of one document is not indexed: a PostgreSQL tsvector holds at
 * most 1 MiB, and a result's snippet comes from the text that was. (Shared notes may reach 2 MiB.)
 */
export const MAX_INDEXED_CHARS = 200_000;

export const isPostgres = (db: Kysely<DB>) => db.getExecutor().adapter instanceof PostgresAdapter;

const documentId = (kind: string, objectId: string) => `${kind}:${objectId}`;

/** Writes (or rewrites) documents of one kind; call inside the indexer's transaction. */
export async function writeDocuments(trx: Kysely<DB>, kind: string, documents: readonly SearchDocument[]) {
  const now = new Date().toISOString();
  for (const document of documents) {
    const body = document.body.slice(0, MAX_INDEXED_CHARS);
    const row = {
      id: documentId(kind, document.objectId),
      kind,
      objectId: document.objectId,
      communityId: document.communityId,
      circleId: document.circleId,
      sessionId: document.sessionId,
      ownerId: document.ownerId,
      audience: document.audience,
      title: document.title,
      body,
      url: document.url,
      date: document.date,
      updatedAt: now,
    };
    if (isPostgres(trx)) await writePostgres(trx, row);
    else await writeSqlite(trx, row);
  }
}

type Row = Omit<DB['searchDocuments'], 'ftsRowid' | 'date' | 'updatedAt'> & {
  date: string | null;
  updatedAt: string;
};

/**
 * The text's adjacent lexemes as tokens `a_b`, from its tsvector's positions: what a phrase is
 * looked up by (pairsQuery). Words a stop word separates are not adjacent there, nor in a phrase.
 */
export const lexemePairs = (vector: RawBuilder<unknown>) => sql`(
  with lexemes as (select lexeme, unnest(positions) as position from unnest(${vector}))
  select coalesce(array_to_tsvector(array_agg(distinct a.lexeme || '_' || b.lexeme)), ''::tsvector)
  from lexemes a join lexemes b on b.position = a.position + 1)`;

async function writePostgres(trx: Kysely<DB>, row: Row) {
  const vector = sql`(setweight(to_tsvector('archipel_fr', ${row.title}), 'A') ||
    setweight(to_tsvector('archipel_fr', ${row.body}), 'B'))`;
  await sql`insert into search_documents
      (id, kind, object_id, community_id, circle_id, session_id, owner_id, audience, title, body, url, date, updated_at, tsv, pairs, lexemes)
    select ${row.id}, ${row.kind}, ${row.objectId}, ${row.communityId}, ${row.circleId}, ${row.sessionId},
      ${row.ownerId}, ${row.audience}, ${row.title}, ${row.body}, ${row.url}, ${row.date}, ${row.updatedAt},
      v.tsv, ${lexemePairs(sql`v.tsv`)}, strip(v.tsv)
    from (select ${vector} as tsv) v
    on conflict (id) do update set community_id = excluded.community_id, circle_id = excluded.circle_id,
      session_id = excluded.session_id, owner_id = excluded.owner_id, audience = excluded.audience,
      title = excluded.title, body = excluded.body, url = excluded.url, date = excluded.date,
      updated_at = excluded.updated_at, tsv = excluded.tsv, pairs = excluded.pairs, lexemes = excluded.lexemes`.execute(
    trx,
  );
}

/** SQLite: the row of `search_fts` is kept (updated in place) so the document's row never moves. */
async function writeSqlite(trx: Kysely<DB>, row: Row) {
  const title = stemmedText(row.title);
  const body = stemmedText(row.body);
  const existing = await trx
    .selectFrom('searchDocuments')
    .select('ftsRowid')
    .where('id', '=', row.id)
    .executeTakeFirst();
  if (existing) {
    await sql`update search_fts set title = ${title}, body = ${body} where rowid = ${existing.ftsRowid}`.execute(
      trx,
    );
    await trx.updateTable('searchDocuments').set(row).where('id', '=', row.id).execute();
    return;
  }
  // The row id is chosen here, under the transaction's write lock: FTS5 answers RETURNING rowid
  // with -1, and the last insert id may name a row of its shadow tables.
  const last = await sql<{ rowid: number }>`select rowid from search_fts order by rowid desc limit 1`.execute(
    trx,
  );
  const ftsRowid = Number(last.rows[0]?.rowid ?? 0) + 1;
  await sql`insert into search_fts (rowid, title, body) values (${ftsRowid}, ${title}, ${body})`.execute(trx);
  await trx
    .insertInto('searchDocuments')
    .values({ ...row, ftsRowid })
    .execute();
}

/** Removes documents of one kind (their objects are gone or no longer searchable). */
export async function removeDocuments(trx: Kysely<DB>, kind: string, objectIds: readonly string[]) {
  if (objectIds.length === 0) return;
  const ids = objectIds.map((objectId) => documentId(kind, objectId));
  if (!isPostgres(trx)) {
    await sql`delete from search_fts where rowid in
      (select fts_rowid from search_documents where id in (${sql.join(ids)}))`.execute(trx);
  }
  await trx.deleteFrom('searchDocuments').where('id', 'in', ids).execute();
}

/** SQLite: full-text rows no document points to (left by a crash between two statements, say). */
export async function removeOrphanRows(trx: Kysely<DB>) {
  if (isPostgres(trx)) return;
  await sql`delete from search_fts where rowid not in (select fts_rowid from search_documents)`.execute(trx);
}
