/**
 * Subscribe flood (issue 9, item 2): one abusive live socket sends 10,000 subscribe frames while
 * other people keep using the instance: each reads the session over HTTP every 100 ms, and follows
 * it live; a facilitator writes a check-in every 200 ms and each follower refetches the session
 * when the event arrives (the change is on their screen then). Prints the others' answer times
 * before, during and after the flood, and the server's RSS and V8 heap (read over IPC through
 * bench/memory-probe.ts).
 *
 *   node bench/subscribe-flood.ts [--frames 10000] [--clients 20] [--same-topic]
 *   node bench/subscribe-flood.ts --server-root /path/to/another/checkout   # e.g. the code before a fix
 *   DATABASE_URL=postgres://… node bench/subscribe-flood.ts                  # on PostgreSQL
 *   node bench/subscribe-flood.ts --frames 0                                  # the same without the flood
 *   node bench/subscribe-flood.ts --data-dir /tmp        # SQLite on disk (default: /dev/shm, tmpfs)
 *
 * The abusive frames cycle over 60 sessions of the abuser's circle (50 allowed, then repeats and
 * topics over the cap), or repeat one topic with --same-topic.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '10000' },
    clients: { type: 'string', default: '10' },
    'same-topic': { type: 'boolean', default: false },
    'server-root': { type: 'string' },
    'phase-seconds': { type: 'string', default: '3' },
    /**
     * Where the SQLite file goes: tmpfs by default, so the fsyncs of other work on a shared machine's
     * disk do not show as stalls that have nothing to do with the flood.
     */
    'data-dir': { type: 'string', default: existsSync('/dev/shm') ? '/dev/shm' : tmpdir() },
    /** Internal: this process is the abusive client (so its sending never delays the measures). */
    flooder: { type: 'boolean', default: false },
  },
});
const frames = Number(values.frames);
const clientCount = Number(values.clients);
const phaseMs = Number(values['phase-seconds']) * 1000;
const root = new URL('../', import.meta.url).pathname;
const serverRoot = values['server-root'] ?? root;
const TARGET_MS = 200;

type Phase = 'before' | 'during' | 'after';
let phase: Phase = 'before';
const http: Record<Phase, number[]> = { before: [], during: [], after: [] };
const live: Record<Phase, number[]> = { before: [], during: [], after: [] };
/** The server's CPU over each phase: seconds used, seconds of wall time. */
const cpu: Record<Phase, { used: number; wall: number }> = {
  before: { used: 0, wall: 0 },
  during: { used: 0, wall: 0 },
  after: { used: 0, wall: 0 },
};
const memory: Record<Phase, { rss: number; heapUsed: number }[]> = { before: [], during: [], after: [] };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds the process has used (user + system). */
function cpuSeconds(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(): Promise<{ server: ChildProcess; base: string; dataDir: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(values['data-dir'], 'archipel-bench-flood-'));
  const server = spawn(
    process.execPath,
    ['--expose-gc', '--import', join(root, 'bench/memory-probe.ts'), 'src/cli/main.ts', 'serve'],
    {
      cwd: serverRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: process.env.DATABASE_URL ?? '',
        REDIS_URL: '',
        PUBLIC_URL: base,
        ARCHIPEL_DEMO: '0',
        LOG_LEVEL: 'warn',
        AUTH_RATE_LIMIT: '100000',
        AUTH_SECRET: 'bench-flood-secret-bench-flood-secret-0123',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { server, base, dataDir };
    await sleep(100);
  }
  throw new Error('the server did not start');
}

function readMemory(server: ChildProcess, gc = false): Promise<{ rss: number; heapUsed: number }> {
  return new Promise((resolve) => {
    server.once('message', (m: { rss: number; heapUsed: number }) => resolve(m));
    server.send({ memory: true, gc });
  });
}

function makeApi(base: string) {
  return async (cookie: string, method: string, path: string, body?: object) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(body && { 'content-type': 'application/json' }),
        ...(cookie && { cookie }),
        origin: base,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return {
      json: text ? JSON.parse(text) : null,
      cookie: (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '',
    };
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function openSocket(url: string, cookie: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie, origin } });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

interface FloodJob {
  wsUrl: string;
  cookie: string;
  origin: string;
  topics: string[];
  frames: number;
}
export type FloodOutcome = { code: number | null; at: number; answers: number };

/** The abusive client: every frame at once, then reports how the server ended it. */
async function flood(job: FloodJob): Promise<FloodOutcome> {
  const started = performance.now();
  const socket = await openSocket(job.wsUrl, job.cookie, job.origin);
  // --frames 0: the same run without the flood, as a yardstick.
  if (job.frames === 0) {
    socket.close();
    return { code: null, at: 0, answers: 0 };
  }
  let answers = 0;
  const done = new Promise<FloodOutcome>((resolve) => {
    socket.on('message', () => {
      answers += 1;
      if (answers >= job.frames) resolve({ code: null, at: performance.now() - started, answers });
    });
    socket.once('close', (code) => resolve({ code, at: performance.now() - started, answers }));
  });
  for (let i = 0; i < job.frames; i++) {
    socket.send(JSON.stringify({ type: 'subscribe', topic: job.topics[i % job.topics.length] }));
  }
  const timeout = sleep(60_000).then(() => ({ code: null, at: -1, answers }));
  const outcome = await Promise.race([done, timeout]);
  socket.terminate();
  return outcome;
}

if (values.flooder) {
  process.send?.({ ready: true });
  process.once('message', async (job: FloodJob) => {
    process.send?.(await flood(job));
    process.disconnect();
  });
} else {
  await main();
}

async function main(): Promise<void> {
  const { server, base, dataDir } = await startServer();
  const api = makeApi(base);
  const wsUrl = `${base.replace('http', 'ws')}/api/v1/live`;
  const run = Date.now().toString(36);
  const register = async (name: string) => {
    const { json, cookie } = await api('', 'POST', '/auth/register', {
      email: `${name}.${run}@example.org`,
      password: 'long enough password',
      name,
    });
    return { id: json.user.id as string, cookie };
  };

  try {
    const facilitator = await register('facilitator');
    const slug = `flood-${run}`;
    await api(facilitator.cookie, 'POST', '/communities', { name: 'Flood', slug, joinPolicy: 'open' });
    const circle = (
      await api(facilitator.cookie, 'POST', `/communities/${slug}/circles`, {
        name: 'Cercle',
        kind: 'learning_circle',
        visibility: 'private',
      })
    ).json.id as string;
    const sessions: string[] = [];
    for (let i = 0; i < 60; i++) {
      const session = await api(facilitator.cookie, 'POST', `/circles/${circle}/sessions`, {
        title: `Séance ${i}`,
        startsAt: '2026-12-08T10:00:00Z',
        endsAt: '2026-12-08T11:00:00Z',
      });
      sessions.push(session.json.id);
    }
    const sessionId = sessions[0] ?? '';
    const people = [];
    for (let i = 0; i <= clientCount; i++) {
      const person = await register(`person${i}`);
      await api(person.cookie, 'POST', `/communities/${slug}/members`);
      await api(facilitator.cookie, 'POST', `/circles/${circle}/members`, { userId: person.id });
      people.push(person);
    }
    const abuser = people.pop() ?? facilitator;

    // The facilitator's check-ins, and when each left: the k-th event is the k-th write.
    const sentAt: number[] = [];
    const sockets: WebSocket[] = [];
    const refetches = new Set<Promise<unknown>>();
    for (const person of people) {
      const socket = await openSocket(wsUrl, person.cookie, base);
      let seen = 0;
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.type !== 'event' || message.event.type !== 'checkin.updated') return;
        const sent = sentAt[seen++];
        const during = phase;
        if (sent === undefined) return;
        const refetch = api(person.cookie, 'GET', `/sessions/${sessionId}`).then(
          () => live[during].push(performance.now() - sent),
          () => {},
        );
        refetches.add(refetch);
        void refetch.finally(() => refetches.delete(refetch));
      });
      const subscribed = new Promise((resolve) =>
        socket.on('message', (data) => {
          if (data.toString().includes('"subscribed"')) resolve(null);
        }),
      );
      socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${sessionId}` }));
      await subscribed;
      sockets.push(socket);
    }

    // Started (and its code loaded) before anything is measured.
    const flooder = fork(new URL(import.meta.url).pathname, ['--flooder'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise((resolve) => flooder.once('message', resolve));

    let running = true;
    const readers = people.map(async (person) => {
      while (running) {
        const started = performance.now();
        const during = phase;
        await api(person.cookie, 'GET', `/sessions/${sessionId}`);
        http[during].push(performance.now() - started);
        await sleep(Math.max(0, 100 - (performance.now() - started)));
      }
    });
    const weathers = ['sunny', 'cloudy'];
    const writer = (async () => {
      for (let k = 0; running; k++) {
        const started = performance.now();
        sentAt.push(started);
        await api(facilitator.cookie, 'PUT', `/sessions/${sessionId}/checkins/me`, {
          weather: weathers[k % 2],
        });
        await sleep(Math.max(0, 200 - (performance.now() - started)));
      }
    })();
    const sampler = (async () => {
      while (running) {
        memory[phase].push(await readMemory(server));
        await sleep(100);
      }
    })();

    let mark = { used: cpuSeconds(server.pid), at: performance.now() };
    /** Closes the current phase's CPU account and enters the next. */
    const enter = (next: Phase) => {
      const now = { used: cpuSeconds(server.pid), at: performance.now() };
      cpu[phase].used += now.used - mark.used;
      cpu[phase].wall += (now.at - mark.at) / 1000;
      mark = now;
      phase = next;
    };

    await sleep(phaseMs);
    const baseline = await readMemory(server, true);

    // The flood, from a process of its own: one socket, every frame sent at once.
    enter('during');
    const floodStarted = performance.now();
    const outcome = new Promise<FloodOutcome>((resolve) => flooder.once('message', resolve));
    const job: FloodJob = {
      wsUrl,
      cookie: abuser.cookie,
      origin: base,
      topics: values['same-topic'] ? [`session:${sessionId}`] : sessions.map((id) => `session:${id}`),
      frames,
    };
    flooder.send(job);
    const ended = await outcome;
    const floodMs = performance.now() - floodStarted;
    await sleep(Math.max(1000, phaseMs - floodMs));

    enter('after');
    await sleep(phaseMs);
    enter('after');
    running = false;
    await Promise.all([...readers, writer, sampler, ...refetches]);
    const settled = await readMemory(server, true);
    for (const socket of sockets) socket.close();

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
    const ms = (value: number) => value.toFixed(0).padStart(6);
    const peak = (samples: { rss: number; heapUsed: number }[], key: 'rss' | 'heapUsed') =>
      Math.max(0, ...samples.map((s) => s[key]));
    console.log(
      `subscribe flood: ${frames} frames on one socket (${values['same-topic'] ? 'one topic' : '60 topics in turn'}), ${people.length} other people each reading every 100 ms and following live, one write every 200 ms; ${process.env.DATABASE_URL ? 'PostgreSQL' : `SQLite in ${values['data-dir']}`}; server code: ${serverRoot === root ? 'this checkout' : serverRoot}`,
    );
    console.log(
      `machine load average: ${loadavg()
        .map((v) => v.toFixed(1))
        .join(' ')} (2 cores, shared)`,
    );
    const how =
      ended.code !== null
        ? `closed by the server with ${ended.code} after ${ended.at.toFixed(0)} ms (close handshake included)`
        : ended.at < 0
          ? 'neither closed nor fully answered within 60 s'
          : `every frame answered after ${ended.at.toFixed(0)} ms, socket still open`;
    console.log(`abusive socket: ${how}; ${ended.answers} answers received`);
    console.log(
      '\n| phase  | HTTP p50 | HTTP p99 | HTTP max | live p50 | live p99 | live max | peak RSS | peak heap | server CPU |  CPU s |',
    );
    console.log(
      '|--------|---------:|---------:|---------:|---------:|---------:|---------:|---------:|----------:|-----------:|-------:|',
    );
    for (const name of ['before', 'during', 'after'] as const) {
      const h = http[name];
      const l = live[name];
      console.log(
        `| ${name.padEnd(6)} | ${ms(percentile(h, 50))} | ${ms(percentile(h, 99))} | ${ms(Math.max(...h))} | ${ms(percentile(l, 50))} | ${ms(percentile(l, 99))} | ${ms(Math.max(...l))} | ${mb(peak(memory[name], 'rss')).padStart(8)} | ${mb(peak(memory[name], 'heapUsed')).padStart(9)} | ${`${((cpu[name].used / cpu[name].wall) * 100).toFixed(0)} %`.padStart(10)} | ${cpu[name].used.toFixed(2).padStart(6)} |`,
      );
    }
    console.log(
      `\nafter a full GC: before the flood RSS ${mb(baseline.rss)}, heap ${mb(baseline.heapUsed)}; after it RSS ${mb(settled.rss)}, heap ${mb(settled.heapUsed)}`,
    );
    const worst = Math.max(
      percentile(http.during, 99),
      percentile(live.during, 99),
      Math.max(...http.during),
      Math.max(...live.during),
    );
    const checks = [
      [
        `others' max and p99 during the flood ≤ ${TARGET_MS} ms (worst ${worst.toFixed(0)} ms)`,
        worst <= TARGET_MS,
      ],
      [
        'heap back to its level after the flood (within 10 MiB after a full GC)',
        settled.heapUsed - baseline.heapUsed <= 10 * 1024 * 1024,
      ],
      ['the abusive socket was closed with 1008', ended.code === 1008],
    ] as const;
    console.log(checks.map(([name, ok]) => `${ok ? 'met' : 'MISSED'}: ${name}`).join('\n'));
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
