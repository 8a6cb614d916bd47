import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { pollingLoop } from '../jobs/polling-loop.ts';
import { isPostgres, removeDocuments, removeOrphanRows, writeDocuments } from './search-index.ts';
import type { SearchDocument, SearchSource } from './search-source.ts';

/** Marks read per round: enough to catch up quickly, small enough for short write transactions. */
const BATCH = 200;
/** Any number, the same on every instance: PostgreSQL's advisory lock for "the one indexer". */
const INDEXER_LOCK = 7_301_414;

type Pending = { kind: string; objectId: string; version: number; attempts: number };

/** Tells why an object could not be indexed (its mark waits, then is tried again). */
export type IndexFailure = (failure: {
  kind: string;
  objectId: string;
  attempts: number;
  error: unknown;
}) => void;

/** Seconds a failing mark waits: 2, 4, 8… up to five minutes, so a fixed object is soon found. */
export const retryDelaySeconds = (attempts: number) => Math.min(300, 2 ** Math.min(attempts, 9));

/**
 * Indexes a set of marks: loads those objects as they are now (outside any transaction), then in
 * one short transaction writes their documents and clears each mark only if its version is still
 * the one read. A write that lands meanwhile raised the version, so the mark stays and the next
 * round reads the object again: the index never keeps a stale document.
 */
async function indexMarks(db: Kysely<DB>, sources: ReadonlyMap<string, SearchSource>, pending: Pending[]) {
  const byKind = new Map<string, Pending[]>();
  for (const mark of pending) byKind.set(mark.kind, [...(byKind.get(mark.kind) ?? []), mark]);
  const loaded = new Map<string, SearchDocument[]>();
  for (const [kind, marks] of byKind) {
    const source = sources.get(kind);
    loaded.set(
      kind,
      source
        ? await source.load(
            db,
            marks.map((mark) => mark.objectId),
          )
        : [],
    );
  }
  await db.transaction().execute(async (trx) => {
    for (const [kind, marks] of byKind) {
      const documents = loaded.get(kind) ?? [];
      const present = new Set(documents.map((document) => document.objectId));
      await writeDocuments(trx, kind, documents);
      await removeDocuments(
        trx,
        kind,
        marks.map((mark) => mark.objectId).filter((id) => !present.has(id)),
      );
    }
    for (const mark of pending) {
      await trx
        .deleteFrom('searchPending')
        .where('kind', '=', mark.kind)
        .where('objectId', '=', mark.objectId)
        .where('version', '=', mark.version)
        .execute();
    }
  });
}

/**
 * One round over up to a batch of marks that are due. When the batch fails, each mark is tried on
 * its own, so one object that cannot be indexed (a source failing on it) holds back nobody else:
 * its mark waits `retryDelaySeconds` and is tried again, and `onFailure` is told. Marks are never
 * dropped. Returns how many marks were handled or put off.
 */
async function indexRound(
  db: Kysely<DB>,
  sources: ReadonlyMap<string, SearchSource>,
  onFailure: IndexFailure,
): Promise<number> {
  const now = new Date();
  const pending = await db
    .selectFrom('searchPending')
    .select(['kind', 'objectId', 'version', 'attempts'])
    .where((eb) => eb.or([eb('retryAt', 'is', null), eb('retryAt', '<=', now.toISOString())]))
    .limit(BATCH)
    .execute();
  if (pending.length === 0) return 0;
  try {
    await indexMarks(db, sources, pending);
  } catch (batchError) {
    for (const mark of pending) {
      try {
        if (pending.length === 1) throw batchError;
        await indexMarks(db, sources, [mark]);
      } catch (error) {
        const attempts = mark.attempts + 1;
        await db
          .updateTable('searchPending')
          .set({
            attempts,
            retryAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000).toISOString(),
          })
          .where('kind', '=', mark.kind)
          .where('objectId', '=', mark.objectId)
          .execute();
        onFailure({ kind: mark.kind, objectId: mark.objectId, attempts, error });
      }
    }
  }
  return pending.length;
}

/**
 * Runs `work` as the only indexer: on PostgreSQL under a session advisory lock (several instances
 * share one database; the others skip the round), on SQLite directly (one process owns the file).
 */
async function asTheIndexer(db: Kysely<DB>, work: () => Promise<number>): Promise<number> {
  if (!isPostgres(db)) return work();
  return db.connection().execute(async (connection) => {
    const locked = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${INDEXER_LOCK}) as locked`.execute(connection);
    if (!locked.rows[0]?.locked) return 0;
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${INDEXER_LOCK})`.execute(connection);
    }
  });
}

const sourceMap = (sources: readonly SearchSource[]) =>
  new Map(sources.map((source) => [source.kind, source]));

/**
 * Handles the marks there are; returns how many. With `untilEmpty` false it stops after a round
 * that was not full: a document edited continuously (shared notes being typed) is then read once
 * per look, not in a busy loop.
 */
export async function drainSearchIndex(
  db: Kysely<DB>,
  sources: readonly SearchSource[],
  untilEmpty = true,
  onFailure: IndexFailure = () => {},
): Promise<number> {
  const map = sourceMap(sources);
  return asTheIndexer(db, async () => {
    let total = 0;
    for (;;) {
      const handled = await indexRound(db, map, onFailure);
      total += handled;
      if (handled === 0 || (!untilEmpty && handled < BATCH)) return total;
    }
  });
}

/**
 * Reads every searchable object again (`archipel reindex`): marks each object of each source and
 * each indexed document (so one whose object is gone leaves), handles the marks, then drops SQLite
 * full-text rows no document points to. The index is rewritten in place: searches keep answering.
 */
export async function reindexAll(db: Kysely<DB>, sources: readonly SearchSource[]): Promise<number> {
  await markAllForIndexing(db, sources);
  const handled = await drainSearchIndex(db, sources);
  await db.transaction().execute(removeOrphanRows);
  return handled;
}

/**
 * Marks every searchable object and every indexed document to be read again, without reading
 * them: the running indexer does it (a restore leaves it that work, so the restored rows stay
 * exactly the archive's: reading notes may compact them).
 */
export async function markAllForIndexing(db: Kysely<DB>, sources: readonly SearchSource[]): Promise<void> {
  for (const source of sources) {
    let after: string | null = null;
    for (;;) {
      const ids: string[] = await source.allIds(db, after, 1000);
      if (ids.length === 0) break;
      await db
        .insertInto('searchPending')
        .values(ids.map((objectId) => ({ kind: source.kind, objectId, version: 1 })))
        .onConflict((oc) => oc.columns(['kind', 'objectId']).doNothing())
        .execute();
      after = ids.at(-1) ?? null;
    }
  }
  await db
    .insertInto('searchPending')
    .columns(['kind', 'objectId', 'version'])
    // The WHERE lets SQLite tell the SELECT from the ON CONFLICT clause that follows it.
    .expression((eb) =>
      eb
        .selectFrom('searchDocuments')
        .select(['kind', 'objectId', eb.lit(1).as('version')])
        .where(sql<boolean>`true`),
    )
    .onConflict((oc) => oc.columns(['kind', 'objectId']).doNothing())
    .execute();
}

export interface SearchIndexer {
  start(): void;
  stop(): Promise<void>;
}

/**
 * The background indexer every `archipel serve` runs: looks for marks every `pollMs` (an edit is
 * findable within that plus the time to read it again), handles them all, and logs failures
 * without stopping: a round that fails is tried again on the next look, an object that fails waits
 * (indexRound) and is told to `onFailure`.
 */
export function createSearchIndexer(
  db: Kysely<DB>,
  sources: readonly SearchSource[],
  options: { pollMs?: number; log?: (error: unknown) => void; onFailure?: IndexFailure } = {},
): SearchIndexer {
  return pollingLoop(() => drainSearchIndex(db, sources, false, options.onFailure), {
    pollMs: options.pollMs ?? 500,
    log: options.log,
  });
}
