import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL database migrated once for this run, which each test database is cloned from. */
    postgresTemplate: string;
    /** This run's mark, in the name of every test database it makes (`archipel_test_<run>_…`). */
    postgresRun: string;
  }
}

/** The PostgreSQL database name in a URL, replaced. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Runs once per `vitest run`, before any worker starts. Migrating a PostgreSQL database costs 13
 * migrations of DDL round trips (about 0.5 s quiet, several seconds on a busy machine) and the suite
 * makes about a hundred of them; `CREATE DATABASE … TEMPLATE` copies a migrated one instead. The
 * template is this run's own (two runs side by side never share one) and is dropped at the end.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return undefined;
  const run = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const name = `archipel_template_${run}`;
  await onAdmin(adminUrl, (admin) => admin.query(`create database ${name}`));
  const database = openDatabase({
    url: withDatabase(adminUrl, name),
    dataDir: '.',
    onConnectionError: () => {},
  });
  try {
    await migrateToLatest(database);
  } finally {
    // No connection may stay open on a template while it is copied.
    await database.close();
  }
  project.provide('postgresTemplate', name);
  project.provide('postgresRun', run);
  // At the end, the template and any test database of this run that a file left behind (a worker
  // that stopped before its dispose): a run leaves nothing on the server.
  return () =>
    onAdmin(adminUrl, async (admin) => {
      const left = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`archipel\\_test\\_${run}\\_%`],
      );
      for (const { datname } of left.rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.query(`drop database if exists ${name} with (force)`);
    });
}
