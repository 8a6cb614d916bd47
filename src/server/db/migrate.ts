import { type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { featureMigrations } from '../features/registry.ts';
import type { Database, DialectName } from './database.ts';
import { foundation } from './migrations/2026-11-28-0001-foundation.ts';
import { sessions } from './migrations/2026-11-28-0002-sessions.ts';
import { sessionNotes } from './migrations/2026-11-29-0003-session-notes.ts';
import { boards } from './migrations/2026-11-29-0004-boards.ts';
import { polls } from './migrations/2026-11-29-0005-polls.ts';
import { jobsAndMail } from './migrations/2026-11-29-0006-jobs-and-mail.ts';
import { datePollsAndSignups } from './migrations/2026-11-29-0007-date-polls-and-signups.ts';
import { calendars } from './migrations/2026-11-29-0008-calendars.ts';
import { notesSnapshotText } from './migrations/2026-12-03-0011-notes-snapshot-text.ts';
import { accountSecrets } from './migrations/2026-12-03-0012-account-secrets.ts';
import { guestAnswerMarks } from './migrations/2026-12-03-0013-guest-answer-marks.ts';
import { placeholderClaims } from './migrations/2026-12-03-0014-placeholder-claims.ts';
import { idempotencyKeys } from './migrations/2026-12-03-0015-idempotency-keys.ts';
import { communityTimeZone } from './migrations/2026-12-04-0016-community-time-zone.ts';
import { pagingIndexes } from './migrations/2026-12-04-0018-paging-indexes.ts';

/**
 * Dated, append-only: a migration is never edited once released, only followed by another. These
 * are frozen history, kept here under their names; a feature's new migrations live in its folder
 * and come through its descriptor (features/registry.ts). Kysely runs them all in name order.
 */
function migrations(dialect: DialectName): Record<string, Migration> {
  const frozen: Record<string, Migration> = {
    '2026-11-28-0001-foundation': foundation(dialect),
    '2026-11-28-0002-sessions': sessions(dialect),
    '2026-11-29-0003-session-notes': sessionNotes(dialect),
    '2026-11-29-0004-boards': boards(dialect),
    '2026-11-29-0006-jobs-and-mail': jobsAndMail(dialect),
    '2026-11-29-0007-date-polls-and-signups': datePollsAndSignups(dialect),
    '2026-11-29-0008-calendars': calendars(dialect),
    '2026-11-29-0005-polls': polls(dialect),
    '2026-12-03-0011-notes-snapshot-text': notesSnapshotText(dialect),
    '2026-12-03-0013-guest-answer-marks': guestAnswerMarks(dialect),
    '2026-12-03-0015-idempotency-keys': idempotencyKeys(dialect),
    '2026-12-03-0014-placeholder-claims': placeholderClaims(dialect),
    '2026-12-03-0012-account-secrets': accountSecrets(dialect),
    '2026-12-04-0016-community-time-zone': communityTimeZone(dialect),
    '2026-12-04-0018-paging-indexes': pagingIndexes(),
  };
  const added = featureMigrations(dialect);
  const twice = Object.keys(added).filter((name) => name in frozen);
  if (twice.length > 0) throw new MigrationError(`Migrations declared twice: ${twice.join(', ')}`);
  return { ...frozen, ...added };
}

export class MigrationError extends Error {}

/** Every migration this version knows, in the order they run. */
export function knownMigrations(dialect: DialectName): string[] {
  return Object.keys(migrations(dialect)).sort();
}

function migratorFor(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database.dialect) },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
}

function throwIfFailed(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

/**
 * Brings the schema up to date. Kysely's migrator holds a lock table, so two instances starting
 * together on one PostgreSQL database migrate once.
 */
export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  return throwIfFailed(await migratorFor(database).migrateToLatest());
}

/** Brings the schema to where it was after `name` (a restore loads an archive's rows there). */
export async function migrateUpTo(database: Database, name: string): Promise<MigrationResultSet> {
  return throwIfFailed(await migratorFor(database).migrateTo(name));
}
