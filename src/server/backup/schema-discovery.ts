import type { DialectName } from '../db/database.ts';
import type { ColumnKind } from './archive-format.ts';

/** Runs one SQL statement on the connection at hand and returns its rows. */
export type RunQuery = (text: string, parameters?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

export interface DiscoveredColumn {
  name: string;
  kind: ColumnKind;
  notNull: boolean;
}

export interface DiscoveredTable {
  name: string;
  columns: DiscoveredColumn[];
  primaryKey: string[];
  /** Each foreign key's columns and the table it points to. */
  foreignKeys: { columns: string[]; references: string }[];
}

/**
 * Tables whose content is not the instance's: the migration bookkeeping (the header lists the
 * applied migrations and the restore runs them) and the search index, derived from the other
 * tables, different on each engine (tsvector or FTS5), and rebuilt by the restore; the animators'
 * dashboard's rows, derived too: the restore's inserts mark every circle (migration 0051's
 * triggers) and the first dashboard read recomputes them.
 */
const DERIVED_TABLES = new Set([
  'kysely_migration',
  'kysely_migration_lock',
  'search_documents',
  'search_pending',
  'dashboard_stale',
  'dashboard_circles',
  'dashboard_circle_codes',
  'dashboard_sessions',
  'dashboard_session_people',
  'dashboard_steps',
  'dashboard_step_people',
  'dashboard_surveys',
  'dashboard_person_days',
]);

/**
 * Every table the migrations created, read from the database's own catalogue at run time (a hand
 * list would go stale with the next migration), in an order where a table comes after the tables
 * its foreign keys point to.
 */
export async function discoverTables(run: RunQuery, dialect: DialectName): Promise<DiscoveredTable[]> {
  const tables = dialect === 'postgres' ? await discoverPostgres(run) : await discoverSqlite(run);
  return loadOrder(tables.filter((table) => !DERIVED_TABLES.has(table.name)));
}

async function discoverSqlite(run: RunQuery): Promise<DiscoveredTable[]> {
  const entries = await run(
    `select name, sql from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`,
  );
  // A virtual table (FTS5) and its shadow tables belong to SQLite's engine, not to the data.
  const virtual = entries
    .filter((entry) => /^\s*create\s+virtual\s+table/i.test(String(entry.sql)))
    .map((entry) => String(entry.name));
  const isEngineTable = (name: string) =>
    virtual.some((vtable) => name === vtable || name.startsWith(`${vtable}_`));
  const tables: DiscoveredTable[] = [];
  for (const entry of entries) {
    const name = String(entry.name);
    if (isEngineTable(name)) continue;
    const info = await run(`select name, type, "notnull", pk from pragma_table_info(?) order by cid`, [name]);
    const keys = await run(`select id, "table", "from" from pragma_foreign_key_list(?) order by id, seq`, [
      name,
    ]);
    const byId = new Map<number, { columns: string[]; references: string }>();
    for (const key of keys) {
      const fk = byId.get(Number(key.id)) ?? { columns: [], references: String(key.table) };
      fk.columns.push(String(key.from));
      byId.set(Number(key.id), fk);
    }
    tables.push({
      name,
      columns: info.map((column) => ({
        name: String(column.name),
        kind: sqliteKind(String(column.type)),
        notNull: Number(column.notnull) === 1,
      })),
      primaryKey: info
        .filter((column) => Number(column.pk) > 0)
        .sort((a, b) => Number(a.pk) - Number(b.pk))
        .map((column) => String(column.name)),
      foreignKeys: [...byId.values()],
    });
  }
  return tables;
}

/** SQLite's affinity rules (https://www.sqlite.org/datatype3.html#determination_of_column_affinity). */
function sqliteKind(declared: string): ColumnKind {
  const type = declared.toLowerCase();
  if (type.includes('int')) return 'integer';
  if (type.includes('blob')) return 'binary';
  if (/real|floa|doub/.test(type)) return 'real';
  return 'text';
}

async function discoverPostgres(run: RunQuery): Promise<DiscoveredTable[]> {
  const columns = await run(
    `select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, null) as data_type,
       a.attnotnull as not_null
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
         and a.attgenerated = ''
     where n.nspname = current_schema() and c.relkind in ('r', 'p')
     order by c.relname, a.attnum`,
  );
  const keys = await run(
    `select c.relname as table_name, k.contype as type, k.oid::text as id, r.relname as references,
       (select array_agg(a.attname order by u.ord) from unnest(k.conkey) with ordinality u(attnum, ord)
          join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum) as columns
     from pg_constraint k join pg_class c on c.oid = k.conrelid
       join pg_namespace n on n.oid = c.relnamespace left join pg_class r on r.oid = k.confrelid
     where n.nspname = current_schema() and k.contype in ('p', 'f')
     order by k.oid`,
  );
  const tables = new Map<string, DiscoveredTable>();
  for (const column of columns) {
    const name = String(column.table_name);
    const table = tables.get(name) ?? { name, columns: [], primaryKey: [], foreignKeys: [] };
    table.columns.push({
      name: String(column.column_name),
      kind: postgresKind(String(column.data_type)),
      notNull: column.not_null === true,
    });
    tables.set(name, table);
  }
  for (const key of keys) {
    const table = tables.get(String(key.table_name));
    const keyColumns = Array.isArray(key.columns) ? key.columns.map(String) : parseArray(key.columns);
    if (!table) continue;
    if (key.type === 'p') table.primaryKey = keyColumns;
    else table.foreignKeys.push({ columns: keyColumns, references: String(key.references) });
  }
  return [...tables.values()];
}

/** `name[]` comes back as text (`{a,b}`) from drivers that do not parse that array type. */
function parseArray(value: unknown): string[] {
  return String(value)
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

function postgresKind(type: string): ColumnKind {
  if (type === 'boolean') return 'boolean';
  if (type.startsWith('timestamp')) return 'timestamp';
  if (type === 'bytea') return 'binary';
  if (['integer', 'bigint', 'smallint'].includes(type)) return 'integer';
  if (['real', 'double precision', 'numeric'].includes(type)) return 'real';
  return 'text';
}

/**
 * Parents first (Kahn's algorithm, ties by name so two backups of one schema agree). A cycle of
 * foreign keys, if one ever appears, is broken at its first table by name: the restore fills the
 * columns pointing ahead once every table is in (restore-load.ts).
 */
function loadOrder(tables: DiscoveredTable[]): DiscoveredTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const pending = new Map(
    tables.map((table) => [
      table.name,
      new Set(
        table.foreignKeys
          .map((fk) => fk.references)
          .filter((parent) => parent !== table.name && byName.has(parent)),
      ),
    ]),
  );
  const ordered: DiscoveredTable[] = [];
  while (pending.size > 0) {
    const names = [...pending.keys()].sort();
    const next = names.find((name) => pending.get(name)?.size === 0) ?? names[0];
    if (next === undefined) break;
    pending.delete(next);
    for (const parents of pending.values()) parents.delete(next);
    const table = byName.get(next);
    if (table) ordered.push(table);
  }
  return ordered;
}
