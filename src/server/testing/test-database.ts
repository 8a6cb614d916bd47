import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, type DialectName, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

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

/** A fresh, migrated database of its own: in-memory SQLite, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ dataDir: '.', sqliteFile: ':memory:' });
    await migrateToLatest(database);
    return { ...database, dispose: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `archipel_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // The drop below terminates connections still closing: their errors are expected.
  const database = openDatabase({ url: url.toString(), dataDir: '.', onConnectionError: () => {} });
  await migrateToLatest(database);
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
