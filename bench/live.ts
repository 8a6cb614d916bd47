/**
 * Live delivery benchmark (issue 4, item 8): N participants subscribed to one topic over
 * /api/v1/live while producers write through the real HTTP API at 20 events/s; then the same load
 * on a bare `ws` broadcast server. Server on core 0, clients and producer on core 1 (taskset).
 *
 *   npm run bench:live -- [--participants 1000] [--seconds 30] [--accounts N]
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench:live      # the same through Redis
 *
 * Prints p50/p95/p99 delivery latency (send of the producing request → receipt by each client),
 * messages/s, the server's CPU over the timed window and its peak RSS, and our p95 / bare p95.
 */
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadJob, LoadResult } from './live-load.ts';

import { runVoteStorm } from './vote-storm.ts';

const { values } = parseArgs({
  options: {
    participants: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    accounts: { type: 'string' },
    rate: { type: 'string', default: '20' },
    producer: { type: 'string', default: 'board' },
    /** `refetch`: the clients read the page again on every event (the web client before decision 043). */
    client: { type: 'string', default: 'patch' },
    'skip-votes': { type: 'boolean', default: false },
  },
});
const producer = values.producer === 'session' || values.producer === 'wall' ? values.producer : 'board';
const participants = Number(values.participants);
const seconds = Number(values.seconds);
const rate = Number(values.rate);
// Real distinct accounts by default; --accounts K spreads the participants over K accounts.
const accounts = Math.min(participants, Number(values.accounts ?? participants));
const root = new URL('../', import.meta.url).pathname;
const redisUrl = process.env.REDIS_URL;
const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
const TICKS = 100; // USER_HZ on Linux

function pin(pid: number | undefined, core: number): void {
  if (hasTaskset && pid) spawnSync('taskset', ['-a', '-pc', String(core), String(pid)], { stdio: 'ignore' });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) / 1024;
}

async function waitFor(url: string, ok: (body: Record<string, unknown>) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const body = await fetch(url).then(
      (r) => (r.ok ? r.json() : null),
      () => null,
    );
    if (body && ok(body)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** Runs one load against a server process, measuring the server's CPU over the timed window. */
type Measured = LoadResult & { cpu: number; rss: number; clientCpu: number };

function drive(job: LoadJob, server: ChildProcess): Promise<Measured> {
  // BENCH_PROFILE_LOAD=<dir>: the participants' process writes a V8 CPU profile there when it ends.
  const loadProfile = process.env.BENCH_PROFILE_LOAD;
  const load = fork(join(root, 'bench/live-load.ts'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(loadProfile && { execArgv: [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${loadProfile}`] }),
  });
  pin(load.pid, 1);
  const pid = server.pid ?? 0;
  let ticks = 0;
  let clientTicks = 0;
  let since = 0;
  return new Promise((resolve, reject) => {
    load.on('message', (message: { phase: string; result?: LoadResult }) => {
      if (message.phase === 'window-start') {
        ticks = cpuTicks(pid);
        clientTicks = cpuTicks(load.pid ?? 0);
        since = performance.now();
      } else if (message.phase === 'window-end') {
        ticks = cpuTicks(pid) - ticks;
        clientTicks = cpuTicks(load.pid ?? 0) - clientTicks;
        since = (performance.now() - since) / 1000;
      } else if (message.phase === 'result' && message.result) {
        const clientCpu = clientTicks / TICKS / since;
        resolve({ ...message.result, cpu: ticks / TICKS / since, rss: peakRssMb(pid), clientCpu });
      }
    });
    load.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load process exited with ${code}`));
    });
    load.send(job);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function archipel(): Promise<Measured> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'archipel-bench-live-'));
  // BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const server = spawn(process.execPath, [...profile, 'src/cli/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PUBLIC_URL: base,
      ARCHIPEL_DEMO: '0',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '100000',
      AUTH_SECRET: 'bench-live-secret-bench-live-secret-0123',
      REDIS_URL: redisUrl ?? '',
      REDIS_KEY_PREFIX: `archipel-bench:${process.pid}:`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    pin(server.pid, 0);
    await waitFor(`${base}/api/health`, (body) => body.live === (redisUrl ? 'redis' : 'in-process'));
    const job: LoadJob = {
      kind: 'archipel',
      base,
      wsUrl: `ws://127.0.0.1:${port}/api/v1/live`,
      participants,
      accounts,
      seconds,
      rate,
      producer,
      client: values.client === 'refetch' ? 'refetch' : 'patch',
    };
    return await drive(job, server);
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bare server under the same load; `frameBytes`: its events padded to that size. */
async function bare(frameBytes?: number): Promise<Measured> {
  const server = fork(join(root, 'bench/bare-ws-server.ts'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    pin(server.pid, 0);
    const port = await new Promise<number>((resolve) =>
      server.once('message', (m: { port: number }) => resolve(m.port)),
    );
    const base = `http://127.0.0.1:${port}`;
    const job: LoadJob = {
      kind: 'bare',
      base,
      wsUrl: `ws://127.0.0.1:${port}/live`,
      participants,
      accounts,
      seconds,
      rate,
      ...(frameBytes !== undefined && { frameBytes }),
    };
    return await drive(job, server);
  } finally {
    await stop(server);
  }
}

const ms = (value: number) => value.toFixed(1).padStart(8);
function row(name: string, r: Measured): string {
  return `| ${name.padEnd(22)} | ${ms(r.latencies.p50)} | ${ms(r.latencies.p95)} | ${ms(r.latencies.p99)} | ${ms(r.latencies.max)} | ${r.messagesPerSecond.toFixed(0).padStart(8)} | ${`${(r.cpu * 100).toFixed(0)} %`.padStart(6)} | ${r.rss.toFixed(0).padStart(5)} MB |`;
}

console.log(
  `live delivery: ${participants} participants (${accounts === participants ? 'each its own account' : `${accounts} accounts, ${(participants / accounts).toFixed(1)} connections each`}), ${rate} events/s for ${seconds} s, ${redisUrl ? 'through Redis' : 'in-process hub'}${hasTaskset ? ', server on core 0, clients on core 1' : ' (no taskset: cores not pinned)'}`,
);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
console.log(
  `machine load average before: ${load()} (2 cores; other work on the machine shows in the figures)`,
);
const ours = await archipel();
console.log(`Archipel: ${ours.setup}`);
// Two yardsticks: the bare server broadcasting the same bytes as Archipel's frames (the same load on
// the wire and in each client's parser; the target is judged on it), and with the smallest frames
// (an id), as before the events carried their change.
const yardstick = await bare(ours.frameBytes);
console.log(`bare ws: ${yardstick.setup}`);
const smallest = await bare();
console.log(`bare ws, smallest frames: ${smallest.setup}`);

console.log(
  '\n| server                 |  p50 ms  |  p95 ms  |  p99 ms  |  max ms  |  msg/s   |  CPU   |  peak RSS |',
);
console.log(
  '|------------------------|---------:|---------:|---------:|---------:|---------:|-------:|----------:|',
);
console.log(row(`Archipel${redisUrl ? ' + Redis' : ''}`, ours));
console.log(row('bare ws, same bytes', yardstick));
console.log(row('bare ws, smallest frames', smallest));
console.log(`machine load average after: ${load()}`);
const ratio = ours.latencies.p95 / yardstick.latencies.p95;
console.log(
  `\nevent frames: Archipel ${ours.frameBytes.toFixed(0)} bytes on average, bare ws ${yardstick.frameBytes.toFixed(0)} (same bytes) and ${smallest.frameBytes.toFixed(0)} (smallest)`,
);
console.log(
  `p95 ratio Archipel / bare ws with the same bytes: ${ratio.toFixed(2)} (target ≤ 1.5); with the smallest frames: ${(ours.latencies.p95 / smallest.latencies.p95).toFixed(2)}`,
);
for (const [name, r] of [
  ['Archipel', ours],
  ['bare ws, same bytes', yardstick],
  ['bare ws, smallest frames', smallest],
] as const) {
  const lost = r.expected - r.delivered;
  console.log(
    `${name}: the first participant of each event at p50 ${r.first.p50.toFixed(1)} / p95 ${r.first.p95.toFixed(1)} ms (the server's own part); clients' process used ${(r.clientCpu * 100).toFixed(0)} % of its core; ${r.productions} productions at ${r.achievedRate.toFixed(1)}/s, ${r.delivered}/${r.expected} deliveries${lost ? ` (${lost} MISSING)` : ''}, ${r.failedProductions} failed productions, ${r.unmatched} unmatched, ${r.matchedByKey}/${r.productions} events matched to their request by key (others by seq order)`,
  );
}
if (ours.screens) {
  const { reads, compared, different, firstDifference } = ours.screens;
  console.log(
    `Archipel: frames arrived at p50 ${ours.arrival?.p50.toFixed(1)} / p95 ${ours.arrival?.p95.toFixed(1)} / p99 ${ours.arrival?.p99.toFixed(1)} ms (the rest is the simulated pages' own work, all on one load core)\nArchipel: latency is VISIBLE latency: each participant keeps its copy of the page with the web client's own code (contract/live-follower.ts and the page's apply function${values.client === 'refetch' ? '; --client refetch: reading the page again on every event, coalesced over 150 ms, as before decision 043' : ''}): from the send of the request to the moment its copy shows the change; ${reads} reads of the page during the window; after the run ${compared - different}/${compared} copies equal to the server's page${different ? ` (${different} DIFFERENT; first: ${firstDifference})` : ''}`,
  );
} else {
  console.log('Archipel: latency is the arrival of the event frame (this producer has no simulated screen)');
}
console.log(`slowest events (Archipel): ${ours.slowest.join(', ')}`);
console.log(`slowest events (bare ws, same bytes): ${yardstick.slowest.join(', ')}`);
const checks = [
  ['p95 ≤ 150 ms', ours.latencies.p95 <= 150],
  ['p99 ≤ 250 ms', ours.latencies.p99 <= 250],
  ['p95 / bare p95 (same bytes) ≤ 1.5', ratio <= 1.5],
  ['every delivery arrived', ours.delivered === ours.expected && ours.failedProductions === 0],
  ...(ours.screens
    ? [['every copy equal to the server’s at the end', ours.screens.different === 0] as const]
    : []),
] as const;
console.log(checks.map(([name, ok]) => `${ok ? 'met' : 'MISSED'}: ${name}`).join('\n'));

// The vote storm (bench/vote-storm.ts), after the delivery figures: 1,000 voters within 2 s, then a
// sustained rate, on SQLite and on PostgreSQL when it answers.
if (!values['skip-votes']) {
  console.log('');
  const votes = await runVoteStorm();
  const sqlite = votes.find((r) => r.dialect === 'sqlite');
  const voteChecks = [
    ...votes.map(
      (r) => [`${r.dialect}: storm p99 ≤ 200 ms with an exact tally`, r.p99 <= 200 && r.stormExact] as const,
    ),
    [
      'sqlite: ≥ 5,000 ballots/s sustained',
      (sqlite?.sustainedPerSecond ?? 0) >= 5000 && Boolean(sqlite?.sustainedExact),
    ] as const,
  ];
  console.log(voteChecks.map(([name, ok]) => `${ok ? 'met' : 'MISSED'}: ${name}`).join('\n'));
}
