/**
 * Vote storm: a real Archipel server process, a community-wide sections poll (A–D, 3 per letter)
 * and 1,000 signed-in voters. Phase 1: every voter casts one ballot, spread over 2 s; it reports
 * the acknowledgement latency and checks the final tally exactly against what was sent. Phase 2:
 * the voters keep changing their ballots over many concurrent connections; it reports ballots/s
 * and checks the tally again. SQLite always, PostgreSQL when a server answers (throwaway database).
 *
 * Accounts: creating 1,000 through the API would spend minutes in scrypt (password hashing is slow
 * on purpose) and measure nothing about votes. So the benchmark, before the server starts, writes the
 * users, their community memberships and one better-auth session each straight into the database,
 * and signs each session cookie with the server's AUTH_SECRET exactly as better-auth does. Nothing in
 * the product changes: every request is authenticated by the real better-auth session lookup.
 *
 * Run: node bench/vote-storm.ts [--voters 1000] [--sustain-ms 5000] [--concurrency 64] [--dialect sqlite|postgres]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { DialectName } from '../src/server/db/database.ts';
import { seedSignedIn } from './notes-coedit-kit.ts';

export interface VoteStormOptions {
  voters?: number;
  /** The window in which every voter casts their first ballot. */
  stormMs?: number;
  sustainMs?: number;
  /** Concurrent connections of the sustained phase. */
  concurrency?: number;
  /** PostgreSQL server to create a throwaway database on; skipped when it does not answer. */
  postgresUrl?: string;
  dialects?: DialectName[];
  log?: (line: string) => void;
}

export interface VoteStormResult {
  dialect: DialectName;
  voters: number;
  stormAcked: number;
  stormErrors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  stormExact: boolean;
  sustainedBallots: number;
  sustainedPerSecond: number;
  sustainedErrors: number;
  sustainedExact: boolean;
  /** Server CPU time per ballot in the sustained phase: the figure that other load on the machine does not skew. */
  cpuPerBallotUs: number;
}

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const LETTERS = ['A', 'B', 'C', 'D'];
const WORDS_PER_LETTER = 6;
const QUOTA = 3;

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');

interface Seeded {
  organiserCookie: string;
  voterCookies: string[];
  communityId: string;
}

async function seed(url: string | undefined, dataDir: string, voters: number): Promise<Seeded> {
  const { cookies, communityId } = await seedSignedIn({
    url,
    dataDir,
    secret: SECRET,
    people: voters + 1,
    slug: 'vote-storm',
    communityName: 'Vote storm',
    emailPrefix: 'voter',
    nameOf: (i) => (i === 0 ? 'Organiser' : `Voter ${i}`),
  });
  const [organiser, ...rest] = cookies;
  return { organiserCookie: organiser ?? '', voterCookies: rest, communityId };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Client {
  request(
    method: string,
    path: string,
    cookie: string,
    body?: unknown,
  ): Promise<{ status: number; body: string }>;
  close(): void;
}

function client(port: number, sockets: number): Client {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return {
    request(method, path, cookie, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            agent,
            headers: {
              cookie,
              origin: `http://127.0.0.1:${port}`,
              ...(payload && {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(payload),
              }),
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
            );
          },
        );
        request.on('error', reject);
        request.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

async function startServer(port: number, dataDir: string, url: string | undefined): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'src/cli/main.ts'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: url ?? '',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: SECRET,
      ARCHIPEL_DEMO: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  const probe = client(port, 1);
  while (Date.now() < deadline) {
    try {
      if ((await probe.request('GET', '/api/health', '')).status === 200) {
        probe.close();
        return child;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

/** CPU time of a process from /proc, in ms (Linux); 0 elsewhere. */
async function cpuMs(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  try {
    const { readFile } = await import('node:fs/promises');
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

/** A ballot that respects the quota: 1 to 3 words per letter, from a seeded random sequence. */
function ballotMaker(sections: { id: string; options: string[] }[]) {
  let state = 2026;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return () =>
    sections.flatMap((section) => {
      const shuffled = [...section.options].sort(() => random() - 0.5);
      return shuffled.slice(0, 1 + Math.floor(random() * QUOTA));
    });
}

function tallyOf(ballots: Map<number, string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const choices of ballots.values()) for (const id of choices) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

async function tallyMatches(api: Client, cookie: string, pollId: string, sent: Map<number, string[]>) {
  const results = JSON.parse((await api.request('GET', `/api/v1/polls/${pollId}/results`, cookie)).body) as {
    voters: number;
    sections: { options: { id: string; count: number }[] }[];
  };
  const expected = tallyOf(sent);
  if (results.voters !== sent.size) return false;
  return results.sections.every((section) =>
    section.options.every((option) => option.count === (expected.get(option.id) ?? 0)),
  );
}

async function runOne(dialect: DialectName, options: Required<Omit<VoteStormOptions, 'dialects' | 'log'>>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'archipel-vote-storm-'));
  let dropDatabase = async () => {};
  let url: string | undefined;
  if (dialect === 'postgres') {
    const name = `archipel_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(options.postgresUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: options.postgresUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    };
  }
  const seeded = await seed(url, dataDir, options.voters);
  const port = await freePort();
  const server = await startServer(port, dataDir, url);
  const api = client(port, options.concurrency);
  try {
    const me = await api.request('GET', '/api/v1/me', seeded.voterCookies[0] ?? '');
    if (me.status !== 200) throw new Error(`a seeded session is not accepted: ${me.status} ${me.body}`);
    const created = await api.request(
      'POST',
      `/api/v1/communities/${seeded.communityId}/polls`,
      seeded.organiserCookie,
      {
        title: 'Abécédaire : 3 mots par lettre',
        kind: 'sections',
        maxPerSection: QUOTA,
        sections: LETTERS.map((letter) => ({
          title: letter,
          options: Array.from({ length: WORDS_PER_LETTER }, (_, i) => `${letter}-mot-${i + 1}`),
        })),
      },
    );
    if (created.status !== 201) throw new Error(`poll creation failed: ${created.status} ${created.body}`);
    const poll = JSON.parse(created.body) as {
      id: string;
      sections: { id: string }[];
      options: { id: string; sectionId: string }[];
    };
    const sections = poll.sections.map((s) => ({
      id: s.id,
      options: poll.options.filter((o) => o.sectionId === s.id).map((o) => o.id),
    }));
    const nextBallot = ballotMaker(sections);
    const path = `/api/v1/polls/${poll.id}/ballot`;
    await warmUp(api, seeded, poll.id, sections);
    const sent = new Map<number, string[]>();

    // Phase 1: every voter once, start times spread evenly over the storm window.
    const latencies: number[] = [];
    let stormErrors = 0;
    await Promise.all(
      seeded.voterCookies.map(
        (cookie, voter) =>
          new Promise<void>((resolve) => {
            const choices = nextBallot();
            setTimeout(
              async () => {
                const started = performance.now();
                const response = await api
                  .request('PUT', path, cookie, { choices })
                  .catch(() => ({ status: 0 }));
                latencies.push(performance.now() - started);
                if (response.status === 200) sent.set(voter, choices);
                else stormErrors += 1;
                resolve();
              },
              (voter * options.stormMs) / seeded.voterCookies.length,
            );
          }),
      ),
    );
    latencies.sort((a, b) => a - b);
    const stormExact = await tallyMatches(api, seeded.organiserCookie, poll.id, sent);

    // Phase 2: the voters change their minds as fast as the connections allow.
    let sustainedBallots = 0;
    let sustainedErrors = 0;
    const cpuBefore = await cpuMs(server.pid);
    const sustainStart = performance.now();
    const until = sustainStart + options.sustainMs;
    let nextVoter = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < until) {
          const voter = nextVoter++ % seeded.voterCookies.length;
          const choices = nextBallot();
          const response = await api
            .request('PUT', path, seeded.voterCookies[voter] ?? '', { choices })
            .catch(() => ({ status: 0 }));
          if (response.status === 200) {
            sustainedBallots += 1;
            sent.set(voter, choices);
          } else sustainedErrors += 1;
        }
      }),
    );
    const seconds = (performance.now() - sustainStart) / 1000;
    const cpuAfter = await cpuMs(server.pid);
    const sustainedExact = await tallyMatches(api, seeded.organiserCookie, poll.id, sent);
    return {
      dialect,
      voters: options.voters,
      stormAcked: latencies.length - stormErrors,
      stormErrors,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
      stormExact,
      sustainedBallots,
      sustainedPerSecond: sustainedBallots / seconds,
      sustainedErrors,
      sustainedExact,
      cpuPerBallotUs: sustainedBallots === 0 ? 0 : ((cpuAfter - cpuBefore) * 1000) / sustainedBallots,
    } satisfies VoteStormResult;
  } finally {
    api.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase();
  }
}

/**
 * A server that just started runs cold code (nothing compiled yet), which a server in service is
 * not: a few hundred requests on another poll first, then a pause so no verified session from the
 * warm-up is still remembered when the storm starts (every storm request verifies its session).
 */
async function warmUp(api: Client, seeded: Seeded, pollId: string, sections: { options: string[] }[]) {
  const created = await api.request(
    'POST',
    `/api/v1/communities/${seeded.communityId}/polls`,
    seeded.organiserCookie,
    {
      title: 'Warm-up',
      kind: 'sections',
      maxPerSection: QUOTA,
      sections: sections.map((_, i) => ({ title: `S${i}`, options: ['a', 'b', 'c', 'd'] })),
    },
  );
  const warm = JSON.parse(created.body) as { id: string; options: { id: string }[] };
  const choices = [warm.options[0]?.id ?? ''];
  await Promise.all(
    Array.from({ length: 8 }, async (_, lane) => {
      for (let i = 0; i < 60; i++) {
        const cookie = seeded.voterCookies[lane * 60 + i] ?? '';
        await api.request('PUT', `/api/v1/polls/${warm.id}/ballot`, cookie, { choices });
        await api.request('GET', `/api/v1/polls/${pollId}`, cookie);
      }
    }),
  );
  await api.request('GET', `/api/v1/polls/${warm.id}/results`, seeded.organiserCookie);
  await new Promise((resolve) => setTimeout(resolve, 5_500));
}

async function postgresAnswers(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    return false;
  }
}

export async function runVoteStorm(options: VoteStormOptions = {}): Promise<VoteStormResult[]> {
  const log = options.log ?? console.log;
  const settings = {
    voters: options.voters ?? 1000,
    stormMs: options.stormMs ?? 2000,
    sustainMs: options.sustainMs ?? 5000,
    concurrency: options.concurrency ?? 64,
    postgresUrl:
      options.postgresUrl ??
      process.env.BENCH_DATABASE_URL ??
      process.env.TEST_DATABASE_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
  };
  const dialects = options.dialects ?? ['sqlite', 'postgres'];
  const results: VoteStormResult[] = [];
  for (const dialect of dialects) {
    if (dialect === 'postgres' && !(await postgresAnswers(settings.postgresUrl))) {
      log('postgres: no server answers, skipped');
      continue;
    }
    results.push(await runOne(dialect, settings));
  }
  log(
    `vote storm: ${settings.voters} voters within ${settings.stormMs} ms, then ${settings.sustainMs} ms sustained on ${settings.concurrency} connections`,
  );
  log(
    'dialect   acked  p50 ms  p95 ms  p99 ms  max ms  exact | ballots/s  errors  exact  server CPU µs/ballot',
  );
  for (const r of results) {
    log(
      [
        r.dialect.padEnd(8),
        String(r.stormAcked).padStart(6),
        r.p50.toFixed(1).padStart(7),
        r.p95.toFixed(1).padStart(7),
        r.p99.toFixed(1).padStart(7),
        r.max.toFixed(1).padStart(7),
        String(r.stormExact).padStart(6),
        '|',
        r.sustainedPerSecond.toFixed(0).padStart(9),
        String(r.sustainedErrors + r.stormErrors).padStart(7),
        String(r.sustainedExact).padStart(6),
        r.cpuPerBallotUs.toFixed(0).padStart(20),
      ].join(' '),
    );
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      voters: { type: 'string' },
      'storm-ms': { type: 'string' },
      'sustain-ms': { type: 'string' },
      concurrency: { type: 'string' },
      dialect: { type: 'string' },
    },
  });
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  await runVoteStorm({
    voters: number(values.voters),
    stormMs: number(values['storm-ms']),
    sustainMs: number(values['sustain-ms']),
    concurrency: number(values.concurrency),
    ...((values.dialect === 'sqlite' || values.dialect === 'postgres') && { dialects: [values.dialect] }),
  });
  process.exit(0);
}
