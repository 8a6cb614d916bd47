/**
 * What a facilitator and everyone else see while a megabyte of pad notes is imported: starts the
 * real server (`archipel serve`, SQLite in a temporary directory), posts 1 MB imports of several
 * shapes, the worst ones included, and meanwhile asks for /api/health every 10 ms. Prints, per
 * shape, the import's answer (status, time) and how late the other requests were answered (p99
 * and max), with an idle run of the same pings as the yardstick.
 * Run: npm run bench:import-server [-- --runs 3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' } } });
const runs = Number(values.runs);
const root = new URL('..', import.meta.url).pathname;
const port = 3900 + (process.pid % 90);
const base = `http://127.0.0.1:${port}`;
const MB = 1_000_000;

const seed = readFileSync(new URL('../fixtures/seed-meeting-2021-06-15.txt', import.meta.url), 'utf8');
const blanks = ' '.repeat(9_980);
const repeated = (line: string, heading = '') =>
  heading + `${line}\n`.repeat(Math.floor((MB - heading.length) / (line.length + 1)));
const paragraphs = Array.from({ length: 20 }, (_, i) => `Paragraphe ${i} : ${'des idées '.repeat(30)}`);

const shapes: [string, string][] = [
  ['the seed meeting (3.7 KB)', seed],
  ['seed + notes, repeated to 1 MB', `${seed}\n${paragraphs.join('\n\n')}\n`.repeat(100).slice(0, 900_000)],
  ['long blank runs (participants)', repeated(`Nadia${blanks}x`, '15 juin 2021\nParticipants\n')],
  ['headings with long blank runs', repeated(`# a${blanks}b`, '15 juin 2021\n')],
  ['time ranges after long blank runs', repeated(`- a${blanks}(9h-10h) x`, '15 juin 2021\nODJ\n')],
  ['one giant line', `15 juin 2021\na${' '.repeat(MB - 30)}b`],
  ['many tiny lines', repeated('a', '15 juin 2021\n')],
  ['many sections', repeated('ODJ\n- a\nNotes\nA', '15 juin 2021\n')],
  ['deeply nested list', deeplyNested()],
  ['random characters', randomText()],
  ['a long agenda (refused: too many items)', repeated('- 9h30 > 9h45 Point', '15 juin 2021\nODJ\n')],
];

function deeplyNested(): string {
  const lines = ['15 juin 2021', 'Notes'];
  let size = 0;
  for (let depth = 0; size < MB - 10_000; depth++) {
    const line = `${' '.repeat(depth % 4_000)}- point ${depth}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

function randomText(): string {
  const alphabet = ' \t\n-*_#:()[]>.,;AaZz09hH/&\'"';
  let state = 20_210_615;
  const characters: string[] = ['15 juin 2021\n'];
  for (let position = 0; position < MB - 20; position++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    characters.push(alphabet[Math.floor((state / 2_147_483_648) * alphabet.length)] ?? ' ');
  }
  return characters.join('');
}

/** Pings /api/health every 10 ms until stopped; a ping's delay is how late its answer came. */
function startPinging() {
  const delays: number[] = [];
  let isStopped = false;
  const done = (async () => {
    let due = performance.now() + 10;
    while (!isStopped) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      await fetch(`${base}/api/health`).then((response) => response.arrayBuffer());
      const answered = performance.now();
      delays.push(answered - due);
      due = answered + 10;
    }
  })();
  return async () => {
    isStopped = true;
    await done;
    return delays;
  };
}

function summary(delays: number[]): { p99: number; max: number; count: number } {
  const sorted = [...delays].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
  return { p99, max: sorted.at(-1) ?? 0, count: sorted.length };
}

async function request(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set('origin', base);
  if (init.cookie) headers.set('cookie', init.cookie);
  const response = await fetch(`${base}${path}`, { ...init, headers });
  return { response, body: await response.text() };
}

async function setUp(): Promise<{ cookie: string; circleId: string }> {
  const email = `bench${process.pid}@example.org`;
  const registered = await request('/api/v1/auth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery', name: 'Florent Merlet' }),
  });
  const cookie = registered.response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const json = { 'content-type': 'application/json' };
  await request('/api/v1/communities', {
    method: 'POST',
    cookie,
    headers: json,
    body: JSON.stringify({ name: 'Bench', slug: 'bench', joinPolicy: 'open' }),
  });
  const circle = await request('/api/v1/communities/bench/circles', {
    method: 'POST',
    cookie,
    headers: json,
    body: JSON.stringify({ name: 'Cercle', kind: 'learning_circle', visibility: 'public' }),
  });
  return { cookie, circleId: JSON.parse(circle.body).id };
}

async function waitForServer(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

const dataDir = mkdtempSync(join(tmpdir(), 'archipel-bench-import-'));
const server = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
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
    AUTH_SECRET: 'bench-import-secret-bench-import-secret-01',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  await waitForServer();
  const { cookie, circleId } = await setUp();
  const idle = startPinging();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const yardstick = summary(await idle());
  console.log(`pad import through the server, ${runs} runs per shape (dry run), load ${loadAverage()}`);
  console.log(
    `idle pings (yardstick): p99 ${yardstick.p99.toFixed(1)} ms, max ${yardstick.max.toFixed(1)} ms (${yardstick.count} pings)`,
  );
  console.log('   KB  status  answer ms (worst)  pings  p99 delay  max delay   shape');
  for (const [name, text] of shapes) {
    let worstAnswer = 0;
    const statuses = new Set<number>();
    const delays: number[] = [];
    for (let run = 0; run < runs; run++) {
      const stop = startPinging();
      const started = performance.now();
      const { response } = await request(`/api/v1/circles/${circleId}/sessions/import?dryRun=1`, {
        method: 'POST',
        cookie,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: text,
      });
      worstAnswer = Math.max(worstAnswer, performance.now() - started);
      statuses.add(response.status);
      delays.push(...(await stop()));
    }
    const { p99, max, count } = summary(delays);
    console.log(
      `${(Buffer.byteLength(text) / 1000).toFixed(0).padStart(5)}  ${[...statuses].join('/').padStart(6)}  ${worstAnswer.toFixed(0).padStart(17)}  ${String(count).padStart(5)}  ${p99.toFixed(1).padStart(9)}  ${max.toFixed(1).padStart(9)}   ${name}`,
    );
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
