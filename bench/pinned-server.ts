/**
 * What the idle-connections and HTTP benchmarks share: `archipel serve` on SQLite in a temporary
 * directory pinned to core 0, the load pinned to core 1, and the server's CPU and memory read from
 * /proc (as bench/live.ts does).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../', import.meta.url).pathname;
export const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
const TICKS = 100; // USER_HZ on Linux

/** Pins every thread of `pid` to one core (no-op without taskset). */
export function pin(pid: number | undefined, core: number): void {
  if (hasTaskset && pid) spawnSync('taskset', ['-a', '-pc', String(core), String(pid)], { stdio: 'ignore' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/**
 * Milliseconds the process's main thread (its event loop) has spent on a CPU and waiting for one in
 * the run queue (/proc/<pid>/schedstat): a stall with a long wait is the shared machine's, not ours.
 */
export function schedMs(pid: number): { onCpu: number; waiting: number } {
  const [onCpu = 0, waiting = 0] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
  return { onCpu: onCpu / 1e6, waiting: waiting / 1e6 };
}

function statusMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return Number(line?.[1] ?? 0) / 1024;
}

/** Peak resident memory of the process since it started, MiB. */
export const peakRssMiB = (pid: number) => statusMiB(pid, 'VmHWM');
/** Resident memory of the process now, MiB. */
export const rssMiB = (pid: number) => statusMiB(pid, 'VmRSS');

export const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

export async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${base} did not answer`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface PinnedServer {
  process: ChildProcess;
  pid: number;
  base: string;
  port: number;
  dataDir: string;
  secret: string;
  /** Stops the server and deletes its data directory. */
  close(): Promise<void>;
}

/**
 * `archipel serve` on SQLite in a fresh temporary directory, demo off, pinned to core 0.
 * `BENCH_PROFILE=<dir>` makes it write a V8 CPU profile there when it stops.
 */
export async function startArchipel(name: string, env: Record<string, string> = {}): Promise<PinnedServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), `archipel-bench-${name}-`));
  const secret = `bench-${name}-secret-bench-secret-0123456789`;
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  // The V8 flags `npm start` and bin/archipel.js give the server (decision 045).
  const server = spawn(
    process.execPath,
    [...profile, '--max-semi-space-size=16', 'src/cli/main.ts', 'serve'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        PUBLIC_URL: base,
        ARCHIPEL_DEMO: '0',
        LOG_LEVEL: 'warn',
        AUTH_SECRET: secret,
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  pin(server.pid, 0);
  const close = async () => {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base);
  } catch (error) {
    await close();
    throw error;
  }
  return { process: server, pid: server.pid ?? 0, base, port, dataDir, secret, close };
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
