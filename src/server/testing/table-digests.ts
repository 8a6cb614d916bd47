import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { readArchive } from '../backup/archive-reader.ts';
import { discoverTables } from '../backup/schema-discovery.ts';
import { quoteName } from '../backup/snapshot.ts';
import type { Database } from '../db/database.ts';

/** Per table: how many rows and the SHA-256 of its canonical rows, sorted. */
export type TableDigests = Record<string, { rows: number; sha256: string }>;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * One value as both engines can agree on it: SQLite keeps flags as 0/1 and instants as text to
 * the millisecond, so booleans become 0/1, instants ISO to the millisecond, bytes base64.
 */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('base64')}`;
  if (typeof value === 'object' && '$base64' in value) return `bytes:${String(value.$base64)}`;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return new Date(value).toISOString();
  if (typeof value === 'bigint') return Number(value);
  return value;
}

class DigestBuilder {
  readonly #lines = new Map<string, string[]>();
  add(table: string, columns: string[], row: readonly unknown[]) {
    const record = Object.fromEntries(
      columns.map((column, at) => [column, canonical(row[at])] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const lines = this.#lines.get(table) ?? [];
    lines.push(JSON.stringify(record));
    this.#lines.set(table, lines);
  }
  touch(table: string) {
    if (!this.#lines.has(table)) this.#lines.set(table, []);
  }
  digests(): TableDigests {
    const result: TableDigests = {};
    for (const [table, lines] of [...this.#lines].sort(([a], [b]) => (a < b ? -1 : 1))) {
      lines.sort();
      result[table] = {
        rows: lines.length,
        sha256: createHash('sha256').update(lines.join('\n')).digest('hex'),
      };
    }
    return result;
  }
}

/** Every archived table of a database, digested (the same tables a backup writes). */
export async function databaseDigests(database: Database): Promise<TableDigests> {
  const run = async (text: string, parameters: readonly unknown[] = []) =>
    (
      await database.db
        .withoutPlugins()
        .executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...parameters]))
    ).rows;
  const builder = new DigestBuilder();
  for (const table of await discoverTables(run, database.dialect)) {
    const columns = table.columns.map((column) => column.name);
    builder.touch(table.name);
    for (const row of await run(`select ${columns.map(quoteName).join(', ')} from ${quoteName(table.name)}`))
      builder.add(
        table.name,
        columns,
        columns.map((column) => row[column]),
      );
  }
  return builder.digests();
}

/** The same digests, from an archive's rows. */
export async function archiveDigests(file: string): Promise<TableDigests> {
  const builder = new DigestBuilder();
  for await (const event of readArchive(file)) {
    if (event.type === 'table') builder.touch(event.table.name);
    if (event.type === 'rows') {
      const columns = event.table.columns.map((column) => column.name);
      for (const row of event.rows) builder.add(event.table.name, columns, row);
    }
  }
  return builder.digests();
}
