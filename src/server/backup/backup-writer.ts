import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  ArchiveError,
  type HeaderLine,
  toCell,
} from './archive-format.ts';
import { discoverTables } from './schema-discovery.ts';
import type { Snapshot } from './snapshot.ts';

export interface BackupSummary {
  tables: number;
  rows: number;
  migrations: number;
}

/** Lines into the gzip stream, each counted in the whole archive's checksum; waits when it is full. */
class LineWriter {
  readonly whole: Hash = createHash('sha256');
  readonly #gzip: Gzip;
  constructor(gzip: Gzip) {
    this.#gzip = gzip;
  }
  async write(line: string, table?: Hash): Promise<void> {
    const text = `${line}\n`;
    this.whole.update(text);
    table?.update(text);
    if (!this.#gzip.write(text)) await once(this.#gzip, 'drain');
  }
}

/**
 * Writes the whole instance, as one snapshot sees it, to `file`: first to `file.partial`, renamed
 * once complete and flushed to disk, so a backup that fails half-way never leaves a file that
 * looks like an archive.
 */
export async function writeBackup(
  snapshot: Snapshot,
  file: string,
  appVersion: string,
): Promise<BackupSummary> {
  if (existsSync(file)) throw new ArchiveError(`${file} already exists: choose another name.`);
  const partial = `${file}.partial`;
  const gzip = createGzip();
  // Readable by its owner only: it holds password hashes, session tokens and the auth secret.
  const written = pipeline(gzip, createWriteStream(partial, { flags: 'wx', flush: true, mode: 0o600 }));
  // A write error surfaces through `written`; the lines wait on it rather than on a dead stream.
  written.catch(() => {});
  try {
    const summary = await writeLines(snapshot, new LineWriter(gzip), appVersion);
    gzip.end();
    await written;
    renameSync(partial, file);
    return summary;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    rmSync(partial, { force: true });
    throw error;
  }
}

async function writeLines(snapshot: Snapshot, out: LineWriter, appVersion: string): Promise<BackupSummary> {
  // The catalogue is read inside the snapshot too: a migration running meanwhile is not half seen.
  const tables = await discoverTables(snapshot.run, snapshot.dialect);
  const migrations = (await snapshot.run('select name from kysely_migration order by name')).map((row) =>
    String(row.name),
  );
  const header: HeaderLine = {
    type: 'header',
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    appVersion,
    sourceDialect: snapshot.dialect,
    createdAt: new Date().toISOString(),
    migrations,
    tables: tables.map((table) => table.name),
  };
  await out.write(JSON.stringify(header));
  let total = 0;
  for (const table of tables) {
    const columns = table.columns.map((column) => column.name);
    await out.write(
      JSON.stringify({
        type: 'table',
        name: table.name,
        columns: table.columns.map(({ name, kind }) => ({ name, kind })),
      }),
    );
    const hash = createHash('sha256');
    let rows = 0;
    for await (const batch of snapshot.rows(table.name, columns, table.primaryKey)) {
      for (const row of batch) await out.write(JSON.stringify(row.map(toCell)), hash);
      rows += batch.length;
    }
    total += rows;
    await out.write(
      JSON.stringify({ type: 'table-end', name: table.name, rows, sha256: hash.digest('hex') }),
    );
  }
  const trailer = {
    type: 'trailer',
    tables: tables.length,
    rows: total,
    sha256: out.whole.copy().digest('hex'),
  };
  await out.write(JSON.stringify(trailer));
  return { tables: tables.length, rows: total, migrations: migrations.length };
}
