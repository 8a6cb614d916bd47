/**
 * Co-edited notes (issue 16, item 2): N editors, each with its own account and its own Hocuspocus
 * connection, type into one session's shared notes at 2 keystrokes a second each, moving their
 * awareness cursor with every keystroke; then the same load on a bare Hocuspocus server (no
 * authentication, no persistence), in the same run. Server on core 0, the editors in several load
 * processes on core 1 (bench/notes-coedit-load.ts).
 *
 *   npm run bench:notes -- [--editors 400] [--seconds 60] [--loaders 4]
 *
 * Prints p50/p95/p99 of the time from a keystroke to its arrival at every other editor, the server's
 * CPU and peak RSS, the load processes' CPU, bytes stored per keystroke, every keystroke counted in
 * the stored notes (read as the session page reads them) after the run and after a restart, and the
 * ratio of the p95s.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readStoredNotes, storedNotesBytes, writeParagraphs } from './notes-coedit-document.ts';
import {
  cpuSeconds,
  freePort,
  hasTaskset,
  loadAverage,
  peakRssMb,
  pin,
  pool,
  seedPeople,
} from './notes-coedit-kit.ts';
import { BIN_MS, type FromLoad, type SliceResult, type ToLoad } from './notes-coedit-load.ts';

const { values } = parseArgs({
  options: {
    editors: { type: 'string', default: '400' },
    seconds: { type: 'string', default: '60' },
    loaders: { type: 'string', default: '4' },
  },
});
const EDITORS = Number(values.editors);
const SECONDS = Number(values.seconds);
const LOADERS = Math.min(EDITORS, Number(values.loaders));
const SECRET = 'bench-notes-coedit-secret-0123456789abcdef';
const root = new URL('../', import.meta.url).pathname;
/** Every process this bench started: none may outlive it, whatever ends it. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Target {
  url: string;
  origin: string;
  documentName: string;
  /** One cookie per editor (empty for the bare server). */
  cookies: string[];
  server: ChildProcess;
}

interface Measured {
  latency: { p50: number; p95: number; p99: number; max: number };
  delivered: number;
  expected: number;
  duplicates: number;
  keystrokes: number;
  typed: number[][];
  serverCpu: number;
  loadCpu: number[];
  rss: number;
  lagP95: number;
  lagMax: number;
  updateBytes: number;
  updateFrames: number;
  awarenessFrames: number;
  reconnections: number;
  closeCodes: Record<string, number>;
  unacknowledged: number;
}

function percentiles(histogram: Map<number, number>, total: number) {
  const bins = [...histogram].sort((a, b) => a[0] - b[0]);
  const at = (p: number) => {
    const rank = Math.ceil(p * total);
    let seen = 0;
    for (const [bin, count] of bins) {
      seen += count;
      if (seen >= rank) return bin * BIN_MS;
    }
    return Number.NaN;
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: (bins.at(-1)?.[0] ?? Number.NaN) * BIN_MS };
}

/** Runs the editors against one server: connect, type for SECONDS, drain, merge the slices. */
async function drive(target: Target): Promise<Measured> {
  const per = Math.ceil(EDITORS / LOADERS);
  // BENCH_PROFILE_LOAD=<dir>: each load process writes a V8 CPU profile there when it ends.
  const loadProfile = process.env.BENCH_PROFILE_LOAD;
  const loaders = Array.from({ length: LOADERS }, () => {
    const child = fork(join(root, 'bench/notes-coedit-load.ts'), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...(loadProfile && { execArgv: [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${loadProfile}`] }),
    });
    pin(child.pid, 1);
    children.add(child);
    return child;
  });
  const next = (child: ChildProcess, type: FromLoad['type']) =>
    new Promise<FromLoad>((resolve, reject) => {
      const onMessage = (message: FromLoad) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => code && reject(new Error(`load process exited with ${code}`)));
    });
  const tell = (child: ChildProcess, message: ToLoad) => child.send(message);
  const ready = loaders.map((child) => next(child, 'ready'));
  loaders.forEach((child, i) => {
    const first = i * per;
    const editors = Math.max(0, Math.min(per, EDITORS - first));
    tell(child, {
      type: 'job',
      job: {
        ...target,
        cookies: target.cookies.slice(first, first + editors),
        first,
        editors,
        totalEditors: EDITORS,
        seconds: SECONDS,
      },
    });
  });
  await Promise.all(ready);
  const startAt = performance.timeOrigin + performance.now() + 1000;
  const typedReplies = loaders.map((child) => next(child, 'typed'));
  for (const child of loaders) tell(child, { type: 'go', startAt });
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await wait(1000);
  const cpuAt = () => [cpuSeconds(target.server.pid), ...loaders.map((child) => cpuSeconds(child.pid))];
  const before = cpuAt();
  const windowStart = process.hrtime.bigint() / 1000n;
  await wait(SECONDS * 1000);
  const after = cpuAt();
  // The timed window on the profile's clock (monotonic µs), to read the server's profile over it.
  if (process.env.BENCH_PROFILE)
    console.log(`profile window: ${windowStart}–${process.hrtime.bigint() / 1000n} µs (monotonic)`);
  const cpu = after.map((value, i) => (value - (before[i] ?? 0)) / SECONDS);
  const replies = (await Promise.all(typedReplies)) as Extract<FromLoad, { type: 'typed' }>[];
  const typed = replies.flatMap((reply) => reply.typed);
  const results = loaders.map((child) => next(child, 'result'));
  for (const child of loaders) tell(child, { type: 'drain', typed, timeoutMs: 30_000 });
  const slices = ((await Promise.all(results)) as Extract<FromLoad, { type: 'result' }>[]).map(
    (r) => r.result,
  );
  const histogram = new Map<number, number>();
  for (const slice of slices)
    for (const [bin, count] of slice.histogram) histogram.set(bin, (histogram.get(bin) ?? 0) + count);
  const sum = (pick: (slice: SliceResult) => number) =>
    slices.reduce((total, slice) => total + pick(slice), 0);
  const delivered = sum((slice) => slice.delivered);
  return {
    latency: percentiles(histogram, delivered),
    delivered,
    expected: sum((slice) => slice.expected),
    duplicates: sum((slice) => slice.duplicates),
    keystrokes: typed.reduce((total, times) => total + times.length, 0),
    typed,
    serverCpu: cpu[0] ?? 0,
    loadCpu: cpu.slice(1),
    rss: peakRssMb(target.server.pid),
    lagP95: Math.max(...replies.map((reply) => reply.lagP95)),
    lagMax: Math.max(...replies.map((reply) => reply.lagMax)),
    updateBytes: replies.reduce((total, reply) => total + reply.updateBytes, 0),
    updateFrames: sum((slice) => slice.updateFrames),
    awarenessFrames: sum((slice) => slice.awarenessFrames),
    reconnections: sum((slice) => slice.reconnections),
    unacknowledged: sum((slice) => slice.unacknowledged),
    closeCodes: Object.fromEntries(
      slices
        .flatMap((slice) => Object.entries(slice.closeCodes))
        .reduce((codes, [code, count]) => {
          codes.set(code, (codes.get(code) ?? 0) + count);
          return codes;
        }, new Map<string, number>()),
    ),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function startArchipel(port: number, dataDir: string): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
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
      REDIS_URL: '',
      PUBLIC_URL: base,
      ARCHIPEL_DEMO: '0',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '100000',
      AUTH_SECRET: SECRET,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  pin(server.pid, 0);
  children.add(server);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('archipel serve did not start');
}

async function api(base: string, cookie: string, method: string, path: string, body?: object) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { cookie, origin: base, ...(body && { 'content-type': 'application/json' }) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function archipel() {
  const dataDir = mkdtempSync(join(tmpdir(), 'archipel-bench-coedit-'));
  const slug = 'notes-a-plusieurs';
  const [owner = '', ...cookies] = await seedPeople(dataDir, SECRET, EDITORS + 1, slug);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startArchipel(port, dataDir);
  try {
    const circle = await api(base, owner, 'POST', `/api/v1/communities/${slug}/circles`, {
      name: 'Cercle des notes',
      kind: 'learning_circle',
      visibility: 'public',
    });
    const session = await api(base, owner, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
      title: 'Séance très suivie',
      startsAt: '2026-12-01T09:00:00Z',
      endsAt: '2026-12-01T11:00:00Z',
    });
    // Each editor joins the circle and opens the session's page, as the web client does.
    await pool(EDITORS, 8, async (i) => {
      await api(base, cookies[i] ?? '', 'POST', `/api/v1/circles/${circle.id}/members`, {});
      await api(base, cookies[i] ?? '', 'GET', `/api/v1/sessions/${session.id}`);
    });
    const url = `ws://127.0.0.1:${port}/api/v1/notes`;
    const documentName = `session:${session.id}`;
    const facilitator = await writeParagraphs(url, documentName, { cookie: owner, origin: base }, EDITORS);
    const bytesBefore = storedNotesBytes(dataDir, session.id);
    const measured = await drive({ url, origin: base, documentName, cookies, server });
    facilitator.close();
    const read = () => api(base, owner, 'GET', `/api/v1/sessions/${session.id}`);
    const afterRun = readStoredNotes((await read()).sharedNotes, measured.typed);
    await stop(server);
    const bytesAfter = storedNotesBytes(dataDir, session.id);
    server = await startArchipel(port, dataDir);
    const afterRestart = readStoredNotes((await read()).sharedNotes, measured.typed);
    return { measured, afterRun, afterRestart, bytesBefore, bytesAfter };
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bare() {
  const port = await freePort();
  const server = fork(join(root, 'bench/notes-coedit-bare.ts'), {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(server);
  try {
    pin(server.pid, 0);
    await new Promise((resolve) => server.once('message', resolve));
    const url = `ws://127.0.0.1:${port}`;
    const origin = `http://127.0.0.1:${port}`;
    const documentName = 'session:bare';
    const facilitator = await writeParagraphs(url, documentName, { cookie: '', origin }, EDITORS);
    const measured = await drive({ url, origin, documentName, cookies: [], server });
    facilitator.close();
    return measured;
  } finally {
    await stop(server);
  }
}

const ms = (value: number) => value.toFixed(1).padStart(8);
const row = (name: string, r: Measured) =>
  `| ${name.padEnd(26)} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${`${(r.serverCpu * 100).toFixed(0)} %`.padStart(6)} | ${r.rss.toFixed(0).padStart(5)} MB | ${r.loadCpu.map((c) => `${(c * 100).toFixed(0)}`).join('+')} % |`;

console.log(
  `co-edited notes: ${EDITORS} editors (each its own account and connection), 2 keystrokes/s each with an awareness cursor, ${SECONDS} s, ${LOADERS} load processes${hasTaskset ? ', server on core 0, load on core 1' : ' (no taskset: cores not pinned)'}`,
);
console.log(
  `machine load average before: ${loadAverage()} (2 cores, shared: other work shows in the figures)`,
);
const ours = await archipel();
console.log(`machine load average between: ${loadAverage()}`);
const yardstick = await bare();
console.log(`machine load average after: ${loadAverage()}`);

const m = ours.measured;
console.log(
  '\n| server                     |  p50 ms  |  p95 ms  |  p99 ms  |  max ms  |  CPU   |  peak RSS | load CPU   |',
);
console.log(
  '|----------------------------|---------:|---------:|---------:|---------:|-------:|----------:|------------|',
);
console.log(row('Archipel (SQLite)', m));
console.log(row('bare Hocuspocus', yardstick));
const ratio = m.latency.p95 / yardstick.latency.p95;
console.log(`\np95 ratio Archipel / bare Hocuspocus: ${ratio.toFixed(2)} (target ≤ 1.5)`);
for (const [name, r] of [
  ['Archipel', m],
  ['bare Hocuspocus', yardstick],
] as const) {
  const lost = r.expected - r.delivered;
  console.log(
    `${name}: ${r.keystrokes} keystrokes, ${r.delivered}/${r.expected} deliveries matched by key${lost ? ` (${lost} MISSING)` : ''}, ${r.duplicates} duplicates, ${r.unacknowledged} editors with edits never acknowledged, ${r.reconnections} reconnections while typing${r.reconnections ? ` (close codes ${JSON.stringify(r.closeCodes)})` : ''}; ${r.updateFrames} update and ${r.awarenessFrames} awareness frames received; typing lag p95 ${r.lagP95.toFixed(1)} ms, max ${r.lagMax.toFixed(1)} ms (load processes late on their schedule)`,
  );
}
const grown = ours.bytesAfter.state - ours.bytesBefore.state;
console.log(
  `bytes stored per keystroke: ${(grown / m.keystrokes).toFixed(1)} once compacted (notes state ${ours.bytesBefore.state} → ${ours.bytesAfter.state} bytes, ${ours.bytesAfter.logRows} log rows left); ${(m.updateBytes / m.keystrokes).toFixed(1)} appended to the update log per keystroke before compaction (awareness is not stored)`,
);
console.log(
  `stored notes after the run: ${ours.afterRun.present}/${m.keystrokes} keystrokes, ${ours.afterRun.complete}/${EDITORS} paragraphs exact`,
);
console.log(
  `stored notes after a restart: ${ours.afterRestart.present}/${m.keystrokes} keystrokes, ${ours.afterRestart.complete}/${EDITORS} paragraphs exact`,
);
const checks = [
  [`p95 ≤ 150 ms at ${EDITORS} editors`, m.latency.p95 <= 150],
  ['p95 / bare Hocuspocus p95 ≤ 1.5', ratio <= 1.5],
  ['every keystroke reached every other editor', m.delivered === m.expected],
  ['every keystroke in the stored notes after the run', ours.afterRun.present === m.keystrokes],
  ['every keystroke in the stored notes after a restart', ours.afterRestart.present === m.keystrokes],
] as const;
console.log(checks.map(([name, ok]) => `${ok ? 'MEETS' : 'MISSES'}: ${name}`).join('\n'));
process.exit(0);
