import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { DialectName } from '../db/database.ts';
import { ArchiveError } from './archive-format.ts';
import type { RunQuery } from './schema-discovery.ts';

/** One consistent view of a live database, read while the instance keeps writing. */
export interface Snapshot {
  dialect: DialectName;
  run: RunQuery;
  /** The rows of one table in batches, each row's cells in `columns` order. */
  rows(table: string, columns: string[], orderBy: string[]): AsyncIterable<unknown[][]>;
  close(): Promise<void>;
}

const BATCH = 500;

export const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

function selectText(table: string, columns: string[], orderBy: string[]): string {
  const order = orderBy.length > 0 ? ` order by ${orderBy.map(quoteName).join(', ')}` : '';
  return `select ${columns.map(quoteName).join(', ')} from ${quoteName(table)}${order}`;
}

/** Where the embedded database lives, as `openDatabase` finds it. */
export function sqlitePath(dataDir: string): string {
  return join(resolve(dataDir), 'archipel.sqlite');
}

/**
 * SQLite: one deferred read transaction on a connection of its own. In WAL mode its first read
 * fixes the snapshot the whole backup sees, and writers go on meanwhile (a read transaction takes
 * no lock they wait for; only checkpoints stop short of the pages it still reads).
 */
export function openSqliteSnapshot(path: string): Snapshot {
  if (!existsSync(path)) throw new ArchiveError(`No database at ${path}.`);
  const sqlite = new DatabaseSync(path, { timeout: 5000 });
  // Every served database is in WAL mode (database.ts); in the older rollback mode this read
  // transaction would hold writers off for the whole backup. The mode is kept in the file.
  sqlite.exec('pragma journal_mode = wal');
  sqlite.exec('begin');
  return {
    dialect: 'sqlite',
    run: async (text, parameters = []) =>
      sqlite.prepare(text).all(...(parameters as string[])) as Record<string, unknown>[],
    async *rows(table, columns, orderBy) {
      let batch: unknown[][] = [];
      for (const row of sqlite.prepare(selectText(table, columns, orderBy)).iterate()) {
        const record = row as Record<string, unknown>;
        batch.push(columns.map((column) => record[column]));
        if (batch.length === BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    async close() {
      sqlite.exec('commit');
      sqlite.close();
    },
  };
}

const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/**
 * PostgreSQL's text for an instant (the session is in UTC) as ISO 8601: milliseconds as the app
 * writes them, microseconds kept when the database's clock (`now()`) wrote them.
 */
export function isoFromPostgres(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:\+00(?::?00)?)?$/.exec(text);
  if (!match) return new Date(text).toISOString();
  const fraction = (match[3] ?? '').padEnd(6, '0');
  const digits = fraction.endsWith('000') ? fraction.slice(0, 3) : fraction;
  return `${match[1]}T${match[2]}.${digits}Z`;
}

/**
 * PostgreSQL: one connection in a REPEATABLE READ READ ONLY transaction, a snapshot of the whole
 * database taken at its first query; rows come through a cursor, a batch at a time.
 */
export async function openPostgresSnapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === TIMESTAMPTZ_OID || oid === TIMESTAMP_OID) return isoFromPostgres;
        if (oid === INT8_OID) return (value: string) => BigInt(value);
        return pg.types.getTypeParser(oid, format ?? 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  await client.connect();
  await client.query('begin isolation level repeatable read read only');
  await client.query(`set local time zone 'UTC'`);
  return {
    dialect: 'postgres',
    run: async (text, parameters = []) => (await client.query(text, [...parameters])).rows,
    async *rows(table, columns, orderBy) {
      await client.query(`declare backup_rows no scroll cursor for ${selectText(table, columns, orderBy)}`);
      for (;;) {
        const { rows } = await client.query({ text: `fetch ${BATCH} from backup_rows`, rowMode: 'array' });
        if (rows.length > 0) yield rows as unknown[][];
        if (rows.length < BATCH) break;
      }
      await client.query('close backup_rows');
    },
    async close() {
      await client.query('commit').catch(() => {});
      await client.end();
    },
  };
}
