/**
 * HTTP throughput benchmark (issue 16, item 6): a read route and a write route of `archipel serve`
 * on SQLite under autocannon, beside a bare Fastify "hello" in the same run. Servers on core 0, the
 * load (autocannon, in this process) on core 1.
 *
 *   npm run bench:http -- [--seconds 15] [--connections 10]
 *
 * Read: GET /api/v1/sessions/{id} as a signed-in member (the session page's first request).
 * Write: POST /api/v1/boards/{id}/notes, a post-it, as a signed-in member. Real session cookies from
 * the real sign-up route. Targets: reads ≥ 0.3 × bare Fastify's req/s, writes ≥ 1,000/s.
 * For scale, not judged: the floor of Archipel's own pipeline, GET /api/health and GET /api/v1/me.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../src/server/db/database.ts';
import {
  cpuSeconds,
  hasTaskset,
  loadAverage,
  type PinnedServer,
  pin,
  root,
  startArchipel,
  stop,
} from './pinned-server.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '10' },
    /** Only some of the loads (e.g. `--only write` for a CPU profile of the writes). */
    only: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);

interface Load {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  /** 2xx answers during the warm-up (writes that count too). */
  warmOk: number;
  cpu: number;
}

async function hammer(
  name: string,
  pid: number,
  options: { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
): Promise<Load> {
  // A short warm-up (JIT, statement caches), not counted.
  const warm = await autocannon({ ...options, connections, duration: 2 });
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  const result = await autocannon({ ...options, connections, duration: seconds });
  const cpu = (cpuSeconds(pid) - cpu0) / ((performance.now() - t0) / 1000);
  return {
    name,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts + warm.non2xx + warm.errors + warm.timeouts,
    warmOk: warm['2xx'],
    cpu,
  };
}

async function json(base: string, cookie: string, method: string, path: string, body?: object) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { origin: base, ...(body && { 'content-type': 'application/json' }), ...(cookie && { cookie }) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return {
    body: text ? JSON.parse(text) : null,
    cookie: (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '',
  };
}

/** An owner, a member, an open community, a public circle with a session and a board. */
async function setUp(base: string) {
  const run = Date.now().toString(36);
  const register = async (who: string) =>
    (
      await json(base, '', 'POST', '/api/v1/auth/register', {
        email: `${who}.${run}@bench.example`,
        password: 'benchmark password',
        name: who,
      })
    ).cookie;
  const owner = await register('animatrice');
  const member = await register('membre');
  const slug = `http-${run}`;
  await json(base, owner, 'POST', '/api/v1/communities', { name: 'Bench', slug, joinPolicy: 'open' });
  const circle = (
    await json(base, owner, 'POST', `/api/v1/communities/${slug}/circles`, {
      name: 'Cercle des cercles',
      kind: 'learning_circle',
      visibility: 'public',
    })
  ).body as { id: string };
  await json(base, member, 'POST', `/api/v1/communities/${slug}/members`, {});
  await json(base, member, 'POST', `/api/v1/circles/${circle.id}/members`, {});
  const session = (
    await json(base, owner, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
      title: 'Séance du 15 juin',
      startsAt: '2026-12-01T09:00:00Z',
      endsAt: '2026-12-01T11:00:00Z',
    })
  ).body as { id: string };
  await json(base, owner, 'POST', `/api/v1/sessions/${session.id}/agenda/template`, { template: 'plain' });
  const board = (
    await json(base, owner, 'POST', `/api/v1/circles/${circle.id}/boards`, {
      title: 'Idées et prochains pas',
      categories: [{ name: 'BLEU', color: 'blue', meaning: 'prochains pas' }],
    })
  ).body as { id: string };
  return { member, session: session.id, board: board.id };
}

/** Post-its stored on the board, read from the server's database file. */
async function countNotes(dataDir: string, boardId: string): Promise<number> {
  const database = openDatabase({ dataDir });
  try {
    const row = await database.db
      .selectFrom('boardNotes')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('boardId', '=', boardId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  } finally {
    await database.close();
  }
}

async function bareFastify(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(join(root, 'bench/bare-fastify-server.ts'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  pin(child.pid, 0);
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m: { port: number }) => resolve(m.port)),
  );
  return { child, url: `http://127.0.0.1:${port}/` };
}

console.log(
  `HTTP throughput: autocannon, ${connections} connections, ${seconds} s per route after a 2 s warm-up; archipel serve on SQLite (temporary directory)${hasTaskset ? ', servers on core 0, load on core 1' : ' (no taskset: cores not pinned)'}`,
);
console.log(`machine load average before: ${loadAverage()} (2 cores, shared)`);
pin(process.pid, 1);

let server: PinnedServer | undefined;
let bare: { child: ChildProcess; url: string } | undefined;
try {
  bare = await bareFastify();
  const yardstick = await hammer('bare Fastify GET / (hello)', bare.child.pid ?? 0, { url: bare.url });
  await stop(bare.child);
  bare = undefined;

  server = await startArchipel('http');
  const { base } = server;
  const world = await setUp(base);
  const headers = { cookie: world.member, origin: base };
  const read = await hammer('GET /api/v1/sessions/{id}', server.pid, {
    url: `${base}/api/v1/sessions/${world.session}`,
    headers,
  });
  // The floor of Archipel's own pipeline, for scale (not judged): the health check (no account,
  // one `select 1`) and the signed-in member's own record (the session cookie checked, one row).
  const health = await hammer('GET /api/health (floor: no account)', server.pid, {
    url: `${base}/api/health`,
  });
  const me = await hammer('GET /api/v1/me (floor: signed in)', server.pid, {
    url: `${base}/api/v1/me`,
    headers,
  });
  const write = await hammer('POST /api/v1/boards/{id}/notes', server.pid, {
    url: `${base}/api/v1/boards/${world.board}/notes`,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Un temps inspirant pour les participants de l’Université' }),
  });
  // Every acknowledged write is on the board: counted, not assumed.
  const stored = await countNotes(server.dataDir, world.board);
  const writes = write.ok + write.warmOk;

  const ratio = read.perSecond / yardstick.perSecond;
  // The same ratio per second of each server's own CPU. On a shared machine the raw ratio can pass
  // only because the load generator was starved while it measured bare Fastify (seen: 1,119 hello/s
  // at 7 % of the server's core): the target counts as met only when both ratios meet it.
  const cpuRatio = read.perSecond / read.cpu / (yardstick.perSecond / yardstick.cpu);
  // Requests per second of the server's own CPU: what a core would give if the shared machine
  // left it whole (said beside the raw figure, never instead of it).
  console.log(
    '\n| route | req/s | p50 ms | p99 ms | 2xx | failed | server CPU | req per server CPU-second |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of [yardstick, health, me, read, write]) {
    console.log(
      `| ${r.name} | ${r.perSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.failed} | ${(r.cpu * 100).toFixed(0)} % | ${(r.perSecond / r.cpu).toFixed(0)} |`,
    );
  }
  console.log(
    `\nreads / bare Fastify: ${ratio.toFixed(2)} in req/s, ${cpuRatio.toFixed(2)} in req per server CPU-second (target ≥ 0.3, both)`,
  );
  // Requests still in flight when autocannon stops may commit without their answer being counted:
  // at most one per connection per load (warm-up and timed run).
  const unanswered = stored - writes;
  console.log(
    `post-its on the board: ${stored}; acknowledged writes (warm-up included): ${writes}; stored without a counted answer (in flight at the end): ${unanswered}`,
  );
  console.log(`machine load average after: ${loadAverage()}`);
  const checks = [
    ['reads ≥ 0.3 × bare Fastify (req/s and per CPU-second)', ratio >= 0.3 && cpuRatio >= 0.3],
    ['writes ≥ 1,000/s on SQLite', write.perSecond >= 1000],
    [
      'no failed request, every acknowledged write stored',
      read.failed + write.failed + health.failed + me.failed === 0 &&
        unanswered >= 0 &&
        unanswered <= 2 * connections,
    ],
  ] as const;
  console.log(checks.map(([name, ok]) => `${ok ? 'MEETS' : 'MISSES'}: ${name}`).join('\n'));
} finally {
  if (bare) await stop(bare.child);
  await server?.close();
}
