import { basename } from 'node:path';
import { openDatabase } from '../db/database.ts';
import type { Env } from '../env.ts';
import { recordAudit } from '../features/audit/audit.public.ts';
import { featureSearchSources } from '../features/registry.ts';
import { markAllForIndexing } from '../search/search-indexer.ts';
import { version } from '../version.ts';
import { ArchiveError } from './archive-format.ts';
import { verifyArchive } from './archive-reader.ts';
import { type BackupSummary, writeBackup } from './backup-writer.ts';
import { type RestoreSummary, restoreArchive } from './restore.ts';
import { openPostgresSnapshot, openSqliteSnapshot, sqlitePath } from './snapshot.ts';

/**
 * `archipel backup FILE`: the instance as one snapshot sees it, while it runs. The audit entry
 * comes after, on its own: the archive it describes cannot hold it.
 */
export async function backupCommand(
  env: Env,
  file: string,
): Promise<BackupSummary & { auditError?: string }> {
  const snapshot = env.DATABASE_URL
    ? await openPostgresSnapshot(env.DATABASE_URL)
    : openSqliteSnapshot(sqlitePath(env.DATA_DIR));
  let summary: BackupSummary;
  try {
    summary = await writeBackup(snapshot, file, version);
  } finally {
    await snapshot.close();
  }
  // A backup taken from a read-only replica is still a good backup: only the entry is missing.
  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await recordAudit(database.db, { kind: 'admin.backup', actorId: null, detail: basename(file) });
    return summary;
  } catch (error) {
    return { ...summary, auditError: error instanceof Error ? error.message : String(error) };
  } finally {
    await database.close();
  }
}

/** `archipel restore FILE`: into the empty database the environment names; search marked for rebuilding. */
export async function restoreCommand(env: Env, file: string): Promise<RestoreSummary> {
  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const summary = await restoreArchive(database, file);
    // The search index is derived: every object is marked, and `serve`'s indexer reads them.
    await markAllForIndexing(database.db, featureSearchSources());
    await recordAudit(database.db, { kind: 'admin.restore', actorId: null, detail: basename(file) });
    return summary;
  } finally {
    await database.close();
  }
}

/** `archipel verify FILE`: every check of a restore, nothing loaded. */
export async function verifyCommand(file: string) {
  return verifyArchive(file);
}

/** Where a command writes its lines: `console` in the CLI, a capture in tests that run it in-process. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * `archipel backup | verify | restore FILE` as the CLI runs them: lines on `output`, the exit code
 * returned (0 done, 1 refused or failed). Errors that are neither are thrown (the CLI prints them).
 */
export async function archiveCommand(
  command: 'backup' | 'verify' | 'restore',
  env: Env,
  file: string,
  output: CommandOutput,
): Promise<number> {
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  try {
    if (command === 'backup') {
      const done = await backupCommand(env, file);
      output.log(`Backup written to ${file}: ${done.tables} tables, ${done.rows} rows, in ${took()}.`);
      if (done.auditError) output.error(`The audit log could not record it: ${done.auditError}`);
    } else if (command === 'verify') {
      const done = await verifyCommand(file);
      const { appVersion, sourceDialect, createdAt } = done.header;
      output.log(
        `${file} is whole: ${done.tables} tables, ${done.rows} rows, made by Archipel ${appVersion} on ${sourceDialect} at ${createdAt}.`,
      );
    } else {
      const done = await restoreCommand(env, file);
      const into = done.dialect === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite (in ${env.DATA_DIR})`;
      output.log(`Restored ${file} into ${into}: ${done.tables} tables, ${done.rows} rows, in ${took()}.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ArchiveError) {
      output.error(`${command} refused: ${error.message}`);
      return 1;
    }
    // The system's or the database's own word (no such folder, no such database, refused login).
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      output.error(`${command} failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
