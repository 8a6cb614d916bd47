import { randomBytes } from 'node:crypto';
import pg from 'pg';

const isCi = process.env.CI === 'true' || process.env.CI === '1';

/**
 * The PostgreSQL server the multi-process tests create their databases on (TEST_DATABASE_URL, an
 * admin connection), or undefined with a loud line naming what is skipped. Under CI a missing
 * PostgreSQL fails the run instead.
 */
export function testPostgresAdminUrl(skipped: string): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  const why = 'TEST_DATABASE_URL is not set (no PostgreSQL)';
  if (isCi) throw new Error(`${why}: required in CI`);
  const line = '!'.repeat(78);
  console.warn(`\n${line}\n!! SKIPPED ${skipped}: ${why}\n${line}`);
  return undefined;
}

/** Runs one statement on the admin connection (creating or dropping a database). */
export async function onPostgresAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A database of the test's own on that server: its URL, and how to drop it afterwards. */
export async function createThrowawayPostgres(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onPostgresAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onPostgresAdmin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}
