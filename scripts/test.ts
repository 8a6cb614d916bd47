/**
 * `npm test`: every check. Suites that need a service this machine lacks (PostgreSQL, Redis,
 * Chromium) are skipped loudly; with CI=true a missing service fails the run.
 *
 * Two lanes run side by side (docs/decisions/026-fast-tests.md): the unit and integration suite,
 * which keeps both cores busy, and the browser lane (web build, wire budget, end to end), which
 * mostly waits on a browser and a server; type checking and lint run beside them. Each suite's
 * output is printed whole when it ends, so lanes never interleave lines. `npm test -- --serial`
 * runs them one after another.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

const isCi = process.env.CI === 'true' || process.env.CI === '1';
const serial = process.argv.includes('--serial');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const runStarted = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * The machine's busy CPU time so far, in core-seconds (Linux's /proc/stat: user, nice, system, irq,
 * softirq, steal), or undefined elsewhere. Read around the run, it says how much of the wall time
 * the run's work needs on this machine's cores (docs/decisions/059-test-time-cpu-floor.md).
 */
function busyCoreSeconds(): number | undefined {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return undefined;
  }
}
const busyAtStart = busyCoreSeconds();

interface Outcome {
  suite: string;
  status: 'passed' | 'failed' | 'skipped';
  note?: string;
}
const outcomes: Outcome[] = [];

/** Runs one suite, its output kept and printed in one block when it ends. */
function run(suite: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<boolean> {
  console.log(`▶ ${suite}: ${command} ${args.join(' ')}  (at ${seconds(runStarted)})`);
  const started = Date.now();
  const output: Buffer[] = [];
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(process.stdout.isTTY && { FORCE_COLOR: '1' }), ...env },
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve) => {
    const finish = (ok: boolean, why?: string) => {
      const took = seconds(started);
      console.log(`\n──────── ${suite}: ${ok ? 'passed' : 'FAILED'} in ${took} ────────`);
      process.stdout.write(Buffer.concat(output));
      if (why) console.log(why);
      outcomes.push({ suite, status: ok ? 'passed' : 'failed', note: took });
      resolve(ok);
    };
    child.once('error', (error) => finish(false, `could not start ${command}: ${error.message}`));
    child.once('close', (code) => finish(code === 0));
  });
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

const [hasPostgres, hasRedis] = await Promise.all([postgresAnswers(postgresUrl), redisAnswers(redisUrl)]);

async function staticChecks(): Promise<void> {
  await run('typecheck', 'tsc', ['--noEmit', '-p', '.']);
  await run('lint', 'biome', ['check', '.']);
  await run('feature imports (no cycle)', process.execPath, ['scripts/feature-imports.ts']);
}

async function unitAndIntegration(): Promise<void> {
  // Several instances (live fan-out through Redis): src/server/live/redis-bus.test.ts and
  // instances.test.ts skip themselves loudly without Redis, and fail under CI.
  const services = { TEST_REDIS_URL: hasRedis ? redisUrl : '' };
  if (hasPostgres) {
    await run('unit and integration (SQLite + PostgreSQL)', 'vitest', ['run'], {
      TEST_DATABASE_URL: postgresUrl,
      ...services,
    });
  } else {
    await run('unit and integration (SQLite only)', 'vitest', ['run'], {
      TEST_DATABASE_URL: '',
      ...services,
    });
    skip('integration on PostgreSQL', `no PostgreSQL answers at ${postgresUrl.replace(/\/\/[^@]*@/, '//')}`);
  }
  if (!hasRedis) skip('several instances through Redis', `no Redis answers at ${redisUrl}`);
}

async function browser(): Promise<void> {
  const built = await run('web build', 'vite', ['build', '--logLevel', 'warn']);
  if (!existsSync(chromium)) {
    skip('wire budget in Chromium', `${chromium} not found (apt-get install chromium)`);
    skip('end-to-end in Chromium', `${chromium} not found (apt-get install chromium)`);
    return;
  }
  if (!built) {
    outcomes.push({ suite: 'wire budget in Chromium', status: 'failed', note: 'the web build failed' });
    outcomes.push({ suite: 'end-to-end in Chromium', status: 'failed', note: 'the web build failed' });
    return;
  }
  await run(
    'wire budget in Chromium (cold home ≤ 200 KB, JS ≤ 110 KB; screens ≤ 500 KB, ≤ 30 requests)',
    'node',
    ['bench/wire-size.ts'],
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'archipel-e2e-'));
  try {
    await run('end-to-end in Chromium', 'playwright', ['test'], {
      E2E_DATA_DIR: dataDir,
      CHROMIUM_PATH: chromium,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (serial) {
  await staticChecks();
  await unitAndIntegration();
  await browser();
} else {
  await Promise.all([browser(), unitAndIntegration(), staticChecks()]);
}

console.log('\n──────── npm test summary ────────');
for (const outcome of outcomes) {
  console.log(`${outcome.status.padEnd(8)} ${outcome.suite}${outcome.note ? `  (${outcome.note})` : ''}`);
}
const failed = outcomes.filter((o) => o.status === 'failed').length;
const passed = outcomes.filter((o) => o.status === 'passed').length;
const skipped = outcomes.filter((o) => o.status === 'skipped').length;
console.log(`suites: ${passed} passed, ${failed} failed, ${skipped} skipped; ${seconds(runStarted)} in all`);
const busyAtEnd = busyCoreSeconds();
if (busyAtStart !== undefined && busyAtEnd !== undefined) {
  const busy = busyAtEnd - busyAtStart;
  const cores = availableParallelism();
  console.log(
    `machine CPU: ${busy.toFixed(0)} core-seconds busy (everything on the machine, this run's work and any other) ` +
      `on ${cores} cores: at least ${(busy / cores).toFixed(0)} s of wall time for this much work`,
  );
}
process.exit(failed > 0 ? 1 : 0);
