import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type DialectName, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { withDatabase } from './vitest-global-setup.ts';

/**
 * The dialects every server test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set
 * (scripts/test.ts sets it when a server answers, and CI requires it).
 */
export function testDialects(): DialectName[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase extends Database {
  /** Closes the connections and drops the throwaway database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: in-memory SQLite, or a new PostgreSQL database copied from
 * the run's migrated template (vitest-global-setup.ts).
 */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ dataDir: '.', sqliteFile: ':memory:' });
    await migrateToLatest(database);
    return { ...database, dispose: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `archipel_test_${inject('postgresRun')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
  await admin.end();
  // The drop below terminates connections still closing: their errors are expected.
  const database = openDatabase({
    url: withDatabase(adminUrl, name),
    dataDir: '.',
    onConnectionError: () => {},
  });
  return {
    ...database,
    async dispose() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
