/**
 * `npm test`: every check, in order of cost. Suites that need a service this machine lacks
 * (PostgreSQL, Redis, Chromium) are skipped loudly; with CI=true a missing service fails the run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

const isCi = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Outcome {
  suite: string;
  status: 'passed' | 'failed' | 'skipped';
  note?: string;
}
const outcomes: Outcome[] = [];

function run(suite: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n▶ ${suite}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  outcomes.push({
    suite,
    status: ok ? 'passed' : 'failed',
    note: `${((Date.now() - started) / 1000).toFixed(1)} s`,
  });
  return ok;
}

function skip(suite: string, why: string): void {
  const line = '!'.repeat(78);
  console.log(`\n${line}\n!! SKIPPED ${suite}: ${why}\n${line}`);
  outcomes.push({ suite, status: isCi ? 'failed' : 'skipped', note: isCi ? `${why} (required in CI)` : why });
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

run('typecheck', 'tsc', ['--noEmit', '-p', '.']);
run('lint', 'biome', ['check', '.']);
run('feature imports (no cycle)', process.execPath, ['scripts/feature-imports.ts']);

const hasPostgres = await postgresAnswers(postgresUrl);
// Several instances (live fan-out through Redis): src/server/live/redis-bus.test.ts and
// instances.test.ts skip themselves loudly without Redis, and fail under CI.
const hasRedis = await redisAnswers(redisUrl);
const services = { TEST_REDIS_URL: hasRedis ? redisUrl : '' };
if (hasPostgres) {
  run('unit and integration (SQLite + PostgreSQL)', 'vitest', ['run'], {
    TEST_DATABASE_URL: postgresUrl,
    ...services,
  });
} else {
  run('unit and integration (SQLite only)', 'vitest', ['run'], { TEST_DATABASE_URL: '', ...services });
  skip('integration on PostgreSQL', `no PostgreSQL answers at ${postgresUrl.replace(/\/\/[^@]*@/, '//')}`);
}
if (!hasRedis) skip('several instances through Redis', `no Redis answers at ${redisUrl}`);

const built = run('web build', 'vite', ['build', '--logLevel', 'warn']);
if (!existsSync(chromium)) {
  skip('wire budget in Chromium', `${chromium} not found (apt-get install chromium)`);
  skip('end-to-end in Chromium', `${chromium} not found (apt-get install chromium)`);
} else if (!built) {
  outcomes.push({ suite: 'wire budget in Chromium', status: 'failed', note: 'the web build failed' });
  outcomes.push({ suite: 'end-to-end in Chromium', status: 'failed', note: 'the web build failed' });
} else {
  run('wire budget in Chromium (cold home ≤ 200 KB, JS ≤ 150 KB; screens ≤ 500 KB, ≤ 30 requests)', 'node', [
    'bench/wire-size.ts',
  ]);
  const dataDir = mkdtempSync(join(tmpdir(), 'archipel-e2e-'));
  try {
    run('end-to-end in Chromium', 'playwright', ['test'], { E2E_DATA_DIR: dataDir, CHROMIUM_PATH: chromium });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log('\n──────── npm test summary ────────');
for (const outcome of outcomes) {
  console.log(`${outcome.status.padEnd(8)} ${outcome.suite}${outcome.note ? `  (${outcome.note})` : ''}`);
}
const failed = outcomes.filter((o) => o.status === 'failed').length;
const passed = outcomes.filter((o) => o.status === 'passed').length;
const skipped = outcomes.filter((o) => o.status === 'skipped').length;
console.log(`suites: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
