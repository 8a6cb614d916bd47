import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** One `archipel serve` process, as an operator runs it. */
export interface ArchipelProcess {
  port: number;
  base: string;
  child: ChildProcess;
  /** Resolves once the process has exited (at once if it already has). */
  exited: Promise<void>;
}

/**
 * Starts `archipel serve` in a process of its own (which a test may kill -9) and waits until it
 * answers with its live events through Redis. `PUBLIC_URL` defaults to the process's own address;
 * behind a load balancer, give the balancer's.
 */
export async function startArchipel(env: Record<string, string>): Promise<ArchipelProcess> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'archipel-instance-'));
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PUBLIC_URL: base,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ARCHIPEL_DEMO: '0',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      AUTH_SECRET: 'instances-test-secret-instances-test-0123',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve();
    });
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const health = await fetch(`${base}/api/health`).then(
      (r) => (r.ok ? r.json() : null),
      () => null,
    );
    if (health?.live === 'redis') return { port, base, child, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('instance did not start with Redis');
}

/** Stops a process: SIGTERM (a clean shutdown) unless told to kill it. */
export async function stopArchipel(instance: ArchipelProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill(signal);
  await instance.exited;
}

/** One JSON call; throws on anything but success. Returns the body and the first cookie set. */
export async function callArchipel(
  base: string,
  cookie: string,
  method: string,
  path: string,
  body?: object,
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body && { 'content-type': 'application/json' }), ...(cookie && { cookie }) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return {
    json: text ? JSON.parse(text) : null,
    cookie: (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '',
  };
}
