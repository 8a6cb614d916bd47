import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { NodeSqliteDialect } from './sqlite-dialect.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent, the embedded SQLite file under dataDir is used. */
  url?: string | undefined;
  dataDir: string;
  /** A SQLite file name inside dataDir, or ':memory:'. */
  sqliteFile?: string;
  /** Errors of idle PostgreSQL connections (server restart, terminated backend). */
  onConnectionError?: (error: Error) => void;
}

const INT8_OID = 20;

/** SQLite's page cache per connection, in KiB (a negative `cache_size` is KiB). */
const SQLITE_CACHE_KIB = 64 * 1024;

/** Lower case without accents: what `archipel_fold` does in SQL on both engines. */
function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function openDatabase(options: DatabaseOptions): Database {
  return options.url ? openPostgres(options.url, options.onConnectionError) : openSqlite(options);
}

function openSqlite(options: DatabaseOptions): Database {
  const file = options.sqliteFile ?? 'archipel.sqlite';
  let path = file;
  if (file !== ':memory:') {
    mkdirSync(resolve(options.dataDir), { recursive: true });
    path = join(resolve(options.dataDir), file);
  }
  const sqlite = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: 5000 });
  // WAL lets readers run beside the writer; NORMAL sync keeps every committed write across a
  // process crash (kill -9), which is the failure this embedded default must survive.
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  // A page cache of 64 MiB instead of SQLite's 2 MB: on a community of 100,000 members (a 2.9 GB
  // file) each of a home's statements read pages the previous one had evicted, each a system call
  // (decision 058: home p95 60 → 21 ms; 256 MiB gave nothing more). Allocated as pages are read.
  sqlite.exec(`PRAGMA cache_size = -${SQLITE_CACHE_KIB}`);
  // PostgreSQL has the same function (migration 0052): the admins' account search tests accounts
  // with it along the name index. Only queries call it, never a trigger or an index, so a database
  // opened by another tool stays writable.
  sqlite.function('archipel_fold', { deterministic: true }, (text) =>
    typeof text === 'string' ? foldText(text) : null,
  );
  const db = new Kysely<DB>({ dialect: new NodeSqliteDialect(sqlite), plugins: [new CamelCasePlugin()] });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

function openPostgres(url: string, onConnectionError: DatabaseOptions['onConnectionError']): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Counts come back as int8; they never approach 2^53, so numbers are safe and simpler.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (the server restarted, a backend was terminated) is emitted on the pool;
  // unhandled it would crash the process, handled the pool simply replaces the client.
  pool.on('error', (error) =>
    (onConnectionError ?? ((e) => console.error('database connection error:', e.message)))(error),
  );
  // No JIT compilation: PostgreSQL compiles a plan whose estimated cost passes jit_above_cost, and
  // the search of a 100,000-member community spent 1.85 s of its 2.0 s compiling (decision 058).
  // Set on each new connection (queued before its first query), not as a startup option, which
  // connection poolers such as PgBouncer refuse.
  pool.on('connect', (client) => {
    client.query('set jit = off').catch(() => {});
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
