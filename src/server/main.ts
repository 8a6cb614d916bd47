import { buildApp } from './app.ts';
import { resolveAuthSecret } from './auth/auth-secret.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemoData } from './demo/demo-data.ts';
import type { Env } from './env.ts';
import { createDashboardDrainer } from './features/hub/hub.public.ts';
import { featureSearchSources } from './features/registry.ts';
import { createBackgroundJobs } from './jobs/background-jobs.ts';
import { createMailer } from './mail/mailer.ts';
import { createSearchIndexer, reindexAll } from './search/search-indexer.ts';
import { version } from './version.ts';

/** The only entry with side effects: opens the database, migrates, seeds, listens, shuts down cleanly. */
export async function serve(env: Env): Promise<void> {
  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await migrateToLatest(database);
  const logger = { level: env.LOG_LEVEL };
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    db: database.db,
    log: (line) => app.log.info(line),
  });
  const app = await buildApp({ database, env, mailer, version, logger });
  if (env.ARCHIPEL_DEMO) {
    const seeded = await seedDemoData(database.db);
    if (seeded) app.log.info('demo data created: community "riposte-creative-territoriale"');
  }

  const jobs = createBackgroundJobs(database.db, {
    mail: {
      db: database.db,
      mailer,
      publicUrl: env.PUBLIC_URL,
      mailFrom: env.MAIL_FROM,
      secret: await resolveAuthSecret(database.db, env.AUTH_SECRET),
    },
    env,
    leaseMs: env.JOB_LEASE_SECONDS * 1000,
    concurrency: env.JOB_CONCURRENCY,
    log: (level, message, details) => app.log[level]({ err: details }, message),
  });

  const indexer = createSearchIndexer(database.db, featureSearchSources(), {
    log: (error) =>
      app.log.error({ err: error }, 'search indexing failed; the marks stay and are tried again'),
    onFailure: ({ kind, objectId, attempts, error }) =>
      app.log.error(
        { err: error, kind, objectId, attempts },
        'search could not index an object; it is tried again later, the others go on',
      ),
  });

  const dashboards = createDashboardDrainer(database.db, {
    log: (error) =>
      app.log.error(
        { err: error },
        'recomputing the dashboard figures failed; the marks stay and are tried again',
      ),
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    // Jobs in hand finish (or their lease runs out and another instance takes them over).
    await jobs.stop();
    await indexer.stop();
    await dashboards.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: env.PORT, host: env.HOST });
  jobs.start();
  indexer.start();
  dashboards.start();
  app.log.info(`Archipel ${version} on ${database.dialect} at ${env.PUBLIC_URL}`);
}

/** Applies pending migrations and exits. */
export async function migrate(env: Env): Promise<string[]> {
  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const result = await migrateToLatest(database);
    return (result.results ?? []).map((r) => `${r.migrationName}: ${r.status}`);
  } finally {
    await database.close();
  }
}

/** Rebuilds the search index from every searchable object (`archipel reindex`); returns how many. */
export async function reindex(env: Env): Promise<number> {
  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await migrateToLatest(database);
    return await reindexAll(database.db, featureSearchSources());
  } finally {
    await database.close();
  }
}
