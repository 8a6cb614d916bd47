import { CompiledQuery, type Kysely } from 'kysely';
import type { Database, DialectName } from '../db/database.ts';
import { knownMigrations, migrateToLatest, migrateUpTo } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';
import {
  ArchiveError,
  type Cell,
  type ColumnKind,
  type HeaderLine,
  type TableLine,
} from './archive-format.ts';
import { readArchive, verifyArchive } from './archive-reader.ts';
import { type DiscoveredTable, discoverTables, type RunQuery } from './schema-discovery.ts';
import { quoteName } from './snapshot.ts';

export interface RestoreSummary {
  header: HeaderLine;
  /** The engine restored into. */
  dialect: DialectName;
  tables: number;
  rows: number;
}

const runOn =
  (db: Kysely<DB>): RunQuery =>
  async (text, parameters = []) =>
    (
      await db
        .withoutPlugins()
        .executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...parameters]))
    ).rows;

/**
 * Loads an archive into an empty database of either kind: checks the whole archive first, brings
 * the schema to the archive's migrations, loads every row in one transaction that checks the
 * archive again as it goes (any mismatch rolls it all back), then runs the migrations this version
 * adds. The caller rebuilds what is derived (the search index).
 */
export async function restoreArchive(database: Database, file: string): Promise<RestoreSummary> {
  const { header } = await verifyArchive(file);
  requireKnownMigrations(header, database.dialect);
  await requireEmpty(database, header);
  const last = header.migrations.at(-1);
  if (last) await migrateUpTo(database, last);
  const summary = await database.db.transaction().execute((trx) => loadRows(trx, database.dialect, file));
  await migrateToLatest(database);
  return summary;
}

function requireKnownMigrations(header: HeaderLine, dialect: DialectName): void {
  const known = new Set(knownMigrations(dialect));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new ArchiveError(
      `This archive was made by Archipel ${header.appVersion}, newer than this one: its migrations ` +
        `${unknown.join(', ')} are unknown here. Install Archipel ${header.appVersion} or later to restore it.`,
    );
}

/** Refuses a database holding anything, or migrated past the archive: a restore never merges. */
async function requireEmpty(database: Database, header: HeaderLine): Promise<void> {
  const run = runOn(database.db);
  const present =
    database.dialect === 'postgres'
      ? await run(`select 1 as one where to_regclass('kysely_migration') is not null`)
      : await run(`select 1 as one from sqlite_master where type = 'table' and name = 'kysely_migration'`);
  if (present.length === 0) return;
  const applied = (await run('select name from kysely_migration order by name')).map((row) =>
    String(row.name),
  );
  const archived = new Set(header.migrations);
  const beyond = applied.filter((name) => !archived.has(name));
  if (beyond.length > 0)
    throw new ArchiveError(
      `The database is migrated beyond the archive (${beyond.join(', ')}): restore into a new, empty database.`,
    );
  for (const table of await discoverTables(run, database.dialect)) {
    if ((await run(`select 1 as one from ${quoteName(table.name)} limit 1`)).length > 0)
      throw new ArchiveError(
        `The database is not empty (table ${table.name} has rows): restore into a new, empty database.`,
      );
  }
}

/** A foreign key column whose table is not loaded yet: written once every table is in. */
interface Deferred {
  table: DiscoveredTable;
  columns: string[];
  rows: { key: unknown[]; values: unknown[] }[];
}

interface TablePlan {
  target: DiscoveredTable;
  archiveKinds: ColumnKind[];
  targetKinds: ColumnKind[];
  /** Positions (in the archive's columns) inserted as null first, then set by `deferred`. */
  deferredAt: number[];
  keyAt: number[];
  deferred: Deferred | undefined;
}

async function loadRows(trx: Kysely<DB>, dialect: DialectName, file: string): Promise<RestoreSummary> {
  const run = runOn(trx);
  if (dialect === 'postgres') await run(`set local time zone 'UTC'`);
  const targets = new Map((await discoverTables(run, dialect)).map((table) => [table.name, table]));
  const loaded = new Set<string>();
  const deferred: Deferred[] = [];
  let plan: TablePlan | undefined;
  let header: HeaderLine | undefined;
  for await (const event of readArchive(file)) {
    if (event.type === 'header') header = event.header;
    else if (event.type === 'table') {
      plan = planTable(event.table, targets, loaded);
      if (plan.deferred) deferred.push(plan.deferred);
    } else if (event.type === 'rows' && plan) await insertRows(run, dialect, event.table, plan, event.rows);
    else if (event.type === 'table-end') loaded.add(event.table.name);
    else if (event.type === 'end' && header) {
      for (const pending of deferred) await applyDeferred(run, dialect, pending);
      if (dialect === 'postgres') await resetSequences(run);
      return { header, dialect, tables: event.tables, rows: event.rows };
    }
  }
  throw new ArchiveError('The archive is cut short.');
}

function planTable(table: TableLine, targets: Map<string, DiscoveredTable>, loaded: Set<string>): TablePlan {
  const target = targets.get(table.name);
  if (!target) throw new ArchiveError(`Table ${table.name} of the archive does not exist in this schema.`);
  const names = table.columns.map((column) => column.name);
  const targetKinds = table.columns.map((column) => {
    const found = target.columns.find((candidate) => candidate.name === column.name);
    if (!found)
      throw new ArchiveError(`Column ${table.name}.${column.name} of the archive does not exist here.`);
    return found.kind;
  });
  const ahead = target.foreignKeys.filter((fk) => !loaded.has(fk.references));
  const deferredColumns = [...new Set(ahead.flatMap((fk) => fk.columns))];
  const deferredAt = deferredColumns.map((column) => names.indexOf(column)).filter((at) => at >= 0);
  const keyAt = target.primaryKey.map((column) => names.indexOf(column));
  if (deferredAt.length > 0 && (keyAt.length === 0 || keyAt.includes(-1)))
    throw new ArchiveError(
      `Table ${table.name} points ahead in the load order and has no primary key to do it later.`,
    );
  const notNull = deferredAt.filter((at) => target.columns.find((c) => c.name === names[at])?.notNull);
  if (notNull.length > 0)
    throw new ArchiveError(`Table ${table.name}: a required foreign key points ahead in the load order.`);
  return {
    target,
    archiveKinds: table.columns.map((column) => column.kind),
    targetKinds,
    deferredAt,
    keyAt,
    deferred:
      deferredAt.length > 0
        ? { table: target, columns: deferredAt.map((at) => names[at] ?? ''), rows: [] }
        : undefined,
  };
}

/** A cell as the target column takes it: SQLite's 0/1 flags become booleans and back, and so on. */
function toTarget(
  cell: Cell,
  archiveKind: ColumnKind,
  targetKind: ColumnKind,
  dialect: DialectName,
): unknown {
  if (cell === null) return null;
  if (typeof cell === 'object') return Buffer.from(cell.$base64, 'base64');
  if (targetKind === 'boolean' && typeof cell === 'number') return cell !== 0;
  if (dialect === 'sqlite' && typeof cell === 'boolean') return cell ? 1 : 0;
  // SQLite compares instants as text: every one in the app's own form (milliseconds, Z).
  if (dialect === 'sqlite' && archiveKind === 'timestamp' && typeof cell === 'string') {
    const instant = new Date(cell);
    return Number.isNaN(instant.getTime()) ? cell : instant.toISOString();
  }
  return cell;
}

function placeholders(dialect: DialectName, count: number, from: number): string {
  return Array.from({ length: count }, (_, i) => (dialect === 'postgres' ? `$${from + i + 1}` : '?')).join(
    ', ',
  );
}

async function insertRows(
  run: RunQuery,
  dialect: DialectName,
  table: TableLine,
  plan: TablePlan,
  rows: Cell[][],
) {
  const width = table.columns.length;
  const values: unknown[] = [];
  for (const row of rows) {
    const converted = row.map((cell, at) =>
      toTarget(cell, plan.archiveKinds[at] ?? 'text', plan.targetKinds[at] ?? 'text', dialect),
    );
    if (plan.deferred) {
      const key = plan.keyAt.map((at) => converted[at]);
      const later = plan.deferredAt.map((at) => converted[at]);
      if (later.some((value) => value !== null)) plan.deferred.rows.push({ key, values: later });
      for (const at of plan.deferredAt) converted[at] = null;
    }
    values.push(...converted);
  }
  const tuples = rows.map((_, i) => `(${placeholders(dialect, width, i * width)})`).join(', ');
  const columns = table.columns.map((column) => quoteName(column.name)).join(', ');
  // Ids are the archive's: an identity column would otherwise refuse them.
  const overriding = dialect === 'postgres' ? ' overriding system value' : '';
  await run(`insert into ${quoteName(table.name)} (${columns})${overriding} values ${tuples}`, values);
}

async function applyDeferred(run: RunQuery, dialect: DialectName, pending: Deferred): Promise<void> {
  const { table, columns } = pending;
  const set = columns.map((column, i) => `${quoteName(column)} = ${placeholders(dialect, 1, i)}`).join(', ');
  const where = table.primaryKey
    .map((column, i) => `${quoteName(column)} = ${placeholders(dialect, 1, columns.length + i)}`)
    .join(' and ');
  for (const row of pending.rows) {
    await run(`update ${quoteName(table.name)} set ${set} where ${where}`, [...row.values, ...row.key]);
  }
}

/** Serial columns continue after the highest id loaded, not from 1. */
async function resetSequences(run: RunQuery): Promise<void> {
  const serials = await run(
    `select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and (column_default like 'nextval(%' or is_identity = 'YES')`,
  );
  for (const serial of serials) {
    const table = quoteName(String(serial.table_name));
    const column = quoteName(String(serial.column_name));
    await run(
      `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${column}) from ${table}), 0) + 1, false)`,
      [table, String(serial.column_name)],
    );
  }
}
