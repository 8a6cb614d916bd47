import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/** Distinct SQL texts kept prepared; the app has a few hundred, generated ones beyond are evicted. */
const MAX_CACHED_STATEMENTS = 1000;

/**
 * Kysely's SqliteDialect expects a better-sqlite3-like object; node:sqlite is close enough that a
 * thin adapter does it, and it needs no native addon built against one V8 version.
 */
function adaptNodeSqlite(database: DatabaseSync): SqliteDialectConfig['database'] {
  // Kysely prepares every query it runs; compiling the same SQL again was the largest cost of a
  // hot write path (a ballot: 13% of the server's CPU). Prepared statements are kept by their SQL
  // text. Reuse is safe: the driver runs one query at a time on this single connection.
  const prepared = new Map<string, { statement: StatementSync; reader: boolean }>();
  const prepareCached = (sql: string) => {
    let entry = prepared.get(sql);
    if (!entry) {
      const statement = database.prepare(sql);
      entry = { statement, reader: statement.columns().length > 0 };
      if (prepared.size >= MAX_CACHED_STATEMENTS) prepared.delete(prepared.keys().next().value ?? '');
      prepared.set(sql, entry);
    }
    return entry;
  };
  return {
    close: () => {
      prepared.clear();
      database.close();
    },
    prepare(sql: string) {
      const { statement, reader } = prepareCached(sql);
      const bind = (parameters: ReadonlyArray<unknown>) => parameters.map(toSqliteValue);
      return {
        reader,
        all: (parameters: ReadonlyArray<unknown>) => statement.all(...bind(parameters)),
        iterate: (parameters: ReadonlyArray<unknown>) => statement.iterate(...bind(parameters)),
        run: (parameters: ReadonlyArray<unknown>) => {
          const result = statement.run(...bind(parameters));
          return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
        },
      };
    },
  };
}

/** node:sqlite binds only numbers, strings, bigints, buffers and null: map the rest explicitly. */
function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') return value;
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`Cannot bind a ${typeof value} to SQLite`);
}

/**
 * Transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so a transaction that
 * reads then writes (capacity checks) cannot be overtaken by another writer between the two.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class NodeSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(database: DatabaseSync) {
    const config = { database: adaptNodeSqlite(database) };
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
