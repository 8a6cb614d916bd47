/**
 * The client side of the idle-connections benchmark, in a process of its own pinned to core 1:
 * sets up a community through the real HTTP API, opens one live socket per account, each following
 * three topics, keeps them idle (the `ws` client answers the server's pings, as a browser does),
 * then times one event to everyone. Driven by bench/idle.ts over IPC.
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

export interface IdleJob {
  base: string;
  wsUrl: string;
  /** One signed-in session cookie per account. */
  cookies: string[];
  /** Circles the participants are spread over (each with a board and a poll). */
  circles: number;
}

export type IdleMessage =
  | { phase: 'ready'; setup: string; subscribed: number; refused: number }
  | { phase: 'idle-counts'; pings: number; frames: number; closed: number }
  | { phase: 'result'; result: IdleDelivery };

export interface IdleDelivery {
  delivered: number;
  expected: number;
  latencies: { min: number; p50: number; p95: number; p99: number; max: number };
  /** Server answer time of the producing request, ms. */
  responseMs: number;
  closed: number;
  pings: number;
}

type Parent = { send(message: IdleMessage): void };
const parent = process as unknown as Parent;
const EVENT = Buffer.from('"agenda.item.started"');
const SUBSCRIBED = Buffer.from('{"type":"subscribed"');
const REFUSED = Buffer.from('{"type":"error"');

async function http(job: IdleJob, cookie: string, method: string, path: string, body?: object) {
  const response = await fetch(`${job.base}${path}`, {
    method,
    headers: { ...(body && { 'content-type': 'application/json' }), ...(cookie && { cookie }) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  if (path === '/api/v1/auth/register') return (response.headers.getSetCookie()[0] ?? '').split(';')[0];
  return text ? JSON.parse(text) : null;
}

async function pool(count: number, width: number, make: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await make(next++);
    }),
  );
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * A community with a plenary circle (public) whose session everyone follows, and `circles` circles
 * the participants are spread over, each with a board and a poll (members only).
 */
async function setUpCommunity(job: IdleJob) {
  const run = Date.now().toString(36);
  const owner = (await http(job, '', 'POST', '/api/v1/auth/register', {
    email: `owner.${run}@bench.example`,
    password: 'benchmark password',
    name: 'Animatrice',
  })) as string;
  const slug = `idle-${run}`;
  await http(job, owner, 'POST', '/api/v1/communities', { name: 'Université', slug, joinPolicy: 'open' });
  const circle = async (name: string) =>
    (
      (await http(job, owner, 'POST', `/api/v1/communities/${slug}/circles`, {
        name,
        kind: 'learning_circle',
        visibility: 'public',
      })) as { id: string }
    ).id;
  const plenary = await circle('Plénière');
  const session = (await http(job, owner, 'POST', `/api/v1/circles/${plenary}/sessions`, {
    title: 'Plénière de l’Université',
    startsAt: '2026-12-01T09:00:00Z',
    endsAt: '2026-12-01T18:00:00Z',
  })) as { id: string };
  const agenda = (await http(job, owner, 'POST', `/api/v1/sessions/${session.id}/agenda/template`, {
    template: 'plain',
  })) as { items: { id: string }[] };
  const homes: { id: string; board: string; poll: string }[] = [];
  for (let c = 0; c < job.circles; c++) {
    const id = await circle(`Cercle ${c + 1}`);
    const board = (await http(job, owner, 'POST', `/api/v1/circles/${id}/boards`, {
      title: 'Idées et prochains pas',
      categories: [{ name: 'BLEU', color: 'blue', meaning: 'prochains pas' }],
    })) as { id: string };
    const poll = (await http(job, owner, 'POST', `/api/v1/circles/${id}/polls`, {
      title: 'Prochaine séance',
      kind: 'single',
      options: ['Mardi', 'Jeudi'],
    })) as { id: string };
    homes.push({ id, board: board.id, poll: poll.id });
  }
  return { owner, slug, session: session.id, items: agenda.items.map((item) => item.id), homes };
}

async function run(job: IdleJob): Promise<void> {
  const started = performance.now();
  const community = await setUpCommunity(job);
  const n = job.cookies.length;
  const homeOf = (i: number) => community.homes[i % community.homes.length];
  // Each person joins the community and their own circle, through the API with their cookie.
  await pool(n, 16, async (i) => {
    const cookie = job.cookies[i] ?? '';
    await http(job, cookie, 'POST', `/api/v1/communities/${community.slug}/members`, {});
    await http(job, cookie, 'POST', `/api/v1/circles/${homeOf(i)?.id}/members`, {});
  });
  const joined = performance.now();

  let pings = 0;
  let frames = 0;
  let closed = 0;
  let subscribed = 0;
  let refused = 0;
  const receivedAt = new Float64Array(n).fill(Number.NaN);
  let sentAt = Number.NaN;
  let events = 0;
  await pool(n, 64, (i) => {
    const home = homeOf(i);
    const topics = [`session:${community.session}`, `board:${home?.board}`, `poll:${home?.poll}`];
    return new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(job.wsUrl, { headers: { cookie: job.cookies[i] ?? '' } });
      let answers = 0;
      socket.on('open', () => {
        for (const topic of topics) socket.send(JSON.stringify({ type: 'subscribe', topic }));
      });
      socket.on('ping', () => {
        pings++;
      });
      socket.on('message', (data: Buffer) => {
        frames++;
        if (answers < topics.length) {
          if (data.subarray(0, SUBSCRIBED.length).equals(SUBSCRIBED)) subscribed++;
          else if (data.subarray(0, REFUSED.length).equals(REFUSED)) refused++;
          else return;
          if (++answers === topics.length) resolve();
          return;
        }
        if (!Number.isNaN(receivedAt[i] ?? Number.NaN) || data.indexOf(EVENT) < 0) return;
        receivedAt[i] = performance.now();
      });
      socket.on('close', () => {
        closed++;
      });
      socket.on('error', reject);
    });
  });
  const opened = performance.now();
  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
  parent.send({
    phase: 'ready',
    setup: `${n} sockets, ${subscribed} topics followed, ${refused} refused; community set-up and joins ${seconds(started, joined)} s, sockets opened and subscribed ${seconds(joined, opened)} s`,
    subscribed,
    refused,
  });

  process.on('message', async (message: { do: 'count' | 'publish' }) => {
    if (message.do === 'count') {
      parent.send({ phase: 'idle-counts', pings, frames, closed });
      pings = 0;
      frames = 0;
      return;
    }
    // One event to everyone: the facilitator moves the plenary to the next agenda item
    // (agenda.item.started on the plenary session), through HTTP as the web client does.
    receivedAt.fill(Number.NaN);
    sentAt = performance.now();
    await http(job, community.owner, 'POST', `/api/v1/sessions/${community.session}/current-item`, {
      itemId: community.items[events++ % community.items.length],
    });
    const responseMs = performance.now() - sentAt;
    const deadline = performance.now() + 30_000;
    const count = () => receivedAt.reduce((sum, at) => sum + (Number.isNaN(at) ? 0 : 1), 0);
    while (count() < n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const latencies = receivedAt
      .filter((at) => !Number.isNaN(at))
      .map((at) => at - sentAt)
      .sort();
    parent.send({
      phase: 'result',
      result: {
        delivered: latencies.length,
        expected: n,
        latencies: {
          min: latencies[0] ?? Number.NaN,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          max: latencies.at(-1) ?? Number.NaN,
        },
        responseMs,
        closed,
        pings,
      },
    });
  });
}

process.once('message', (job: IdleJob) => {
  run(job).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
