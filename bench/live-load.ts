/**
 * The client side of the live benchmark, in a process of its own (pinned to the other core): signs
 * the participants in, opens one WebSocket each, runs the producer at a fixed rate (open loop: a
 * slow server shows as latency, not as a lower rate) and times every delivery against the send
 * time of the request that caused it. Driven by bench/live.ts over IPC.
 */
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { WebSocket } from 'ws';
import type { LiveEvent, LiveServerMessage } from '../src/contract/live.ts';
import { LiveFollower } from '../src/contract/live-follower.ts';
import {
  boardProducer,
  type Follower,
  type Http,
  type Production,
  sessionAgendaProducer,
  wallProducer,
} from './live-producer.ts';

export interface LoadJob {
  kind: 'archipel' | 'bare';
  base: string;
  wsUrl: string;
  participants: number;
  accounts: number;
  seconds: number;
  rate: number;
  /** What the producer writes: post-its and dots on a board (default), agenda moves, or wall moves. */
  producer?: 'board' | 'session' | 'wall';
  /** Bare server only: pad each event so that its frame carries about this many bytes. */
  frameBytes?: number;
  /** How simulated screens follow events: patch their copy (today's web client) or read it again on each (before decision 043). */
  client?: 'patch' | 'refetch';
}

export interface LoadResult {
  setup: string;
  productions: number;
  failedProductions: number;
  expected: number;
  delivered: number;
  unmatched: number;
  /** Events matched to their request by key (the others by seq order). */
  matchedByKey: number;
  /** The five events whose last delivery took longest: when they were produced, how long. */
  slowest: string[];
  latencies: { p50: number; p95: number; p99: number; max: number };
  messagesPerSecond: number;
  achievedRate: number;
  /**
   * With simulated screens (the web client's own follower code): the reads of the page they made
   * during the timed window, and after the run how many copies differed from the server's.
   */
  screens?: { reads: number; compared: number; different: number; firstDifference: string };
  /** With simulated screens: when the frames arrived, before the page applied them. */
  arrival?: { p50: number; p95: number; p99: number; max: number };
  /** Per event, the latency of its first participant: the server's own part, before the fan-out. */
  first: { p50: number; p95: number };
  /** The mean size of the event frames the participants received during the window (bytes). */
  frameBytes: number;
}

const http: Http = async (cookie, method, path, body) => {
  const response = await fetch(`${job.base}${path}`, {
    method,
    headers: { ...(body && { 'content-type': 'application/json' }), ...(cookie && { cookie }) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  if (path === '/api/v1/auth/register') return (response.headers.getSetCookie()[0] ?? '').split(';')[0];
  return text ? JSON.parse(text) : null;
};

let job: LoadJob;
/** Event frames received during the timed window, and their bytes. */
let eventFrames = 0;
let eventBytes = 0;
const SEQ = Buffer.from('"seq":');
const EVENT = Buffer.from('{"type":"event"');

/**
 * The participants share one core here where each would have its own device: a frame's bytes,
 * identical for everyone of one audience, are parsed once and the event shared read-only (the
 * follower never changes an event; each participant applies it to its own copy). The bare server's
 * clients parse the same way, so the two sides of the ratio pay alike.
 */
const parsedFrames = new Map<string, LiveServerMessage>();
function parseShared(data: Buffer): LiveServerMessage {
  const text = data.toString();
  let message = parsedFrames.get(text);
  if (!message) {
    if (parsedFrames.size >= 256) parsedFrames.clear();
    message = JSON.parse(text) as LiveServerMessage;
    parsedFrames.set(text, message);
  }
  return message;
}

async function pool<T>(count: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await make(i);
      }
    }),
  );
  return out;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function run(): Promise<Omit<LoadResult, 'frameBytes'>> {
  const started = performance.now();
  let production: Production;
  let cookies: string[] = [];
  if (job.kind === 'archipel') {
    const run = Date.now().toString(36);
    const owner = (await http('', 'POST', '/api/v1/auth/register', {
      email: `owner.${run}@bench.example`,
      password: 'benchmark password',
      name: 'Animatrice',
    })) as string;
    cookies = await pool(job.accounts, 8, async (i) => {
      return (await http('', 'POST', '/api/v1/auth/register', {
        email: `p${i}.${run}@bench.example`,
        password: 'benchmark password',
        name: `Participant ${i}`,
      })) as string;
    });
    production = await (job.producer === 'session'
      ? sessionAgendaProducer
      : job.producer === 'wall'
        ? wallProducer
        : boardProducer
    ).setup(http, owner);
    const admit = production.admit;
    if (admit) await pool(cookies.length, 8, (i) => admit(cookies[i] ?? ''));
  } else {
    // What a frame carries besides the padding: {"type":"event","topic":"bench","seq":N,"event":{…}}.
    const bareFrame =
      '{"type":"event","topic":"bench","seq":10000,"event":{"type":"bench","i":1000,"pad":""}}';
    const padding = job.frameBytes ? Math.max(0, Math.round(job.frameBytes - bareFrame.length)) : 0;
    production = {
      topic: 'bench',
      produce: async (i) => {
        const response = await fetch(`${job.base}/publish`, {
          method: 'POST',
          // The same bytes on the wire as the server measured against, when asked (`frameBytes`).
          body: JSON.stringify({ type: 'bench', i, ...(padding > 0 && { pad: 'x'.repeat(padding) }) }),
        });
        await response.arrayBuffer();
        return String(i);
      },
      keyOf: (event) => String((event as unknown as { i: number }).i),
    };
  }
  const accountsTime = performance.now() - started;

  const total = Math.round(job.seconds * job.rate);
  const sendTimes = new Float64Array(total).fill(Number.NaN);
  // Every delivery: which event (its seq after the subscription) and when it arrived.
  const receivedSeq = new Int32Array(total * job.participants + 1000);
  const receivedAt = new Float64Array(total * job.participants + 1000);
  let received = 0;
  /** The key of each event, read once from its first delivery. */
  const eventKeys = new Map<number, string | undefined>();
  let baseSeq = -1;
  const subscribed: Promise<number>[] = [];
  const sockets: WebSocket[] = [];
  const origin = job.base;

  // Simulated screens: each participant keeps its copy of the page with the web client's code, and
  // a production counts as seen by a participant when its copy shows it (not when a frame arrives).
  const screen = production.screen;
  const copies: unknown[] = new Array(job.participants).fill(undefined);
  const followers: Follower[] = [];
  const keySlots = new Map<string, number>();
  const visibleAt = screen ? new Float64Array((total + 16) * job.participants).fill(Number.NaN) : null;
  // When the frame that carried it arrived, to tell the wire from the page's own work.
  const arrivedAt = screen ? new Float64Array((total + 16) * job.participants).fill(Number.NaN) : null;
  let reads = 0;
  let counting = false;
  let seen = 0;
  const slotOf = (key: string): number | undefined => {
    let slot = keySlots.get(key);
    if (slot === undefined) {
      slot = keySlots.size;
      if (slot >= total + 16) return undefined;
      keySlots.set(key, slot);
    }
    return slot;
  };
  // The event of a frame is shared by every participant that received the same bytes (parseShared):
  // its key and slot are worked out once, as the bare clients' path does, so that measuring costs
  // the participants' core no more here than there.
  const slotsOfEvents = new WeakMap<object, number | undefined>();
  const slotOfEvent = (event: LiveEvent): number | undefined => {
    if (slotsOfEvents.has(event)) return slotsOfEvents.get(event);
    const key = production.keyOf?.(event);
    const slot = key === undefined ? undefined : slotOf(key);
    slotsOfEvents.set(event, slot);
    return slot;
  };
  const arrive = (participant: number, slot: number | undefined, now: number) => {
    if (arrivedAt && slot !== undefined) {
      const at = slot * job.participants + participant;
      if (Number.isNaN(arrivedAt[at])) arrivedAt[at] = now;
    }
  };
  const see = (participant: number, slot: number | undefined, now: number) => {
    if (!visibleAt || slot === undefined) return;
    const at = slot * job.participants + participant;
    if (Number.isNaN(visibleAt[at])) {
      visibleAt[at] = now;
      seen++;
    }
  };
  const follow = (participant: number, cookie: string) => {
    if (!screen) return undefined;
    const makeFollower =
      job.client === 'refetch'
        ? (store: ConstructorParameters<typeof LiveFollower<unknown>>[0]) =>
            new LiveFollower<unknown>(store, () => 'refetch')
        : screen.follower;
    const follower = makeFollower({
      get: () => copies[participant],
      set: (copy) => {
        copies[participant] = copy;
      },
      refetch: () => {
        if (counting) reads++;
        void follower
          .load(() => http(cookie, 'GET', screen.path))
          .then(
            (copy) => {
              copies[participant] = copy;
              const now = performance.now();
              for (const key of screen.keysOf(copy)) see(participant, slotOf(key), now);
            },
            (error: Error) => console.error(`participant ${participant}: ${error.message}`),
          );
      },
    });
    followers[participant] = follower;
    return follower;
  };

  const connectOne = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const headers: Record<string, string> = { origin };
      if (cookies.length > 0) headers.cookie = cookies[i % cookies.length] ?? '';
      const socket = new WebSocket(job.wsUrl, { headers, perMessageDeflate: false });
      sockets.push(socket);
      let ready: (seq: number) => void = () => {};
      subscribed.push(new Promise((r) => (ready = r)));
      const follower = follow(i, headers.cookie ?? '');
      socket.on('message', (data: Buffer) => {
        const now = performance.now();
        if (counting && data.indexOf(EVENT) === 0) {
          eventFrames++;
          eventBytes += data.length;
        }
        if (follower) {
          // The web client's path: parse the frame, let the follower patch the copy (or read again).
          const message = parseShared(data);
          if (message.type === 'subscribed') {
            ready(message.seq);
            follower.onResync();
          } else if (message.type === 'resync') follower.onResync();
          else if (message.type === 'event') {
            const before = copies[i];
            const slot = slotOfEvent(message.event);
            arrive(i, slot, now);
            follower.onEvent(message.event);
            if (copies[i] !== before) see(i, slot, performance.now());
          }
          return;
        }
        // Events are read without parsing the JSON (but the first copy of each): the seq suffices.
        const at = data.indexOf(SEQ);
        if (baseSeq >= 0 && at > 0 && data.indexOf(EVENT) === 0) {
          let seq = 0;
          for (let k = at + SEQ.length; ; k++) {
            const digit = data[k] ?? 0;
            if (digit < 48 || digit > 57) break;
            seq = seq * 10 + digit - 48;
          }
          const index = seq - baseSeq - 1;
          // Every copy is parsed, as any client that shows the change must (shared: see parseShared).
          const event = (parseShared(data) as { event: LiveEvent }).event;
          if (!eventKeys.has(index)) eventKeys.set(index, production.keyOf?.(event));
          if (received < receivedSeq.length) {
            receivedSeq[received] = index;
            receivedAt[received++] = now;
          }
          return;
        }
        const message = JSON.parse(data.toString()) as { type: string; seq?: number };
        if (message.type === 'subscribed') ready(message.seq ?? 0);
      });
      socket.once('open', () => {
        socket.send(JSON.stringify({ type: 'subscribe', topic: production.topic }));
        resolve();
      });
      socket.once('error', reject);
    });
  await pool(job.participants, 50, connectOne);
  const seqs = await Promise.all(subscribed);
  baseSeq = Math.max(...seqs);
  if (Math.min(...seqs) !== baseSeq) throw new Error('participants subscribed at different seqs');
  // Every screen shows the page before the timed window starts.
  while (screen && copies.some((copy) => copy === undefined)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  counting = true;
  // Let the presence updates of the joins settle before timing.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const setup = `${job.kind === 'archipel' ? `${job.accounts} accounts signed up and ` : ''}${job.participants} sockets subscribed in ${((performance.now() - started) / 1000).toFixed(1)} s (accounts ${(accountsTime / 1000).toFixed(1)} s)`;

  process.send?.({ phase: 'window-start' });
  // Open loop: each request leaves on schedule whatever the previous ones are doing, so a slow
  // server shows as latency, not as a lower rate.
  let failedProductions = 0;
  const productionOf = new Map<string, number>();
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / job.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sendTimes[i] = performance.now();
    inFlight.push(
      production.produce(i).then(
        (key) => {
          if (key !== undefined) productionOf.set(key, i);
        },
        (error: Error) => {
          failedProductions++;
          if (failedProductions < 3) console.error(`production ${i} failed: ${error.message}`);
        },
      ),
    );
  }
  const achievedRate = total / ((performance.now() - t0) / 1000);
  await Promise.all(inFlight);
  const expected = total * job.participants;
  const deadline = performance.now() + 10_000;
  while ((visibleAt ? seen : received) < expected && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  process.send?.({ phase: 'window-end' });
  counting = false;
  for (const socket of sockets) socket.terminate();
  for (const follower of followers) follower?.stop();
  if (screen && visibleAt) {
    const screens = await compareScreens(screen.path, cookies, copies, reads);
    const run = {
      setup,
      total,
      expected,
      failedProductions,
      achievedRate,
      t0,
      sendTimes,
      productionOf,
      keySlots,
    };
    const arrival = visibleResult({ ...run, visibleAt: arrivedAt ?? visibleAt, screens });
    return { ...visibleResult({ ...run, visibleAt, screens }), arrival: arrival.latencies };
  }

  // Each event to the request that caused it: by key when the producer gives one, else by seq order.
  const sentAtOf = new Float64Array(total + 1000).fill(Number.NaN);
  let keyed = 0;
  for (const [index, key] of eventKeys) {
    const byKey = key === undefined ? undefined : productionOf.get(key);
    if (byKey !== undefined) keyed++;
    const production = byKey ?? index;
    if (index >= 0 && index < sentAtOf.length) sentAtOf[index] = sendTimes[production] ?? Number.NaN;
  }
  const latencies = new Float64Array(received);
  const worstOf = new Float64Array(total + 1000);
  const firstOf = new Float64Array(total + 1000).fill(Number.POSITIVE_INFINITY);
  let delivered = 0;
  let unmatched = 0;
  let lastReceipt = 0;
  for (let k = 0; k < received; k++) {
    const sentAt = sentAtOf[receivedSeq[k] ?? -1];
    if (sentAt === undefined || Number.isNaN(sentAt)) {
      unmatched++;
      continue;
    }
    const latency = (receivedAt[k] ?? 0) - sentAt;
    latencies[delivered++] = latency;
    const index = receivedSeq[k] ?? 0;
    if (latency > (worstOf[index] ?? 0)) worstOf[index] = latency;
    if (latency < (firstOf[index] ?? 0)) firstOf[index] = latency;
    lastReceipt = Math.max(lastReceipt, receivedAt[k] ?? 0);
  }
  const sorted = latencies.slice(0, delivered).sort();
  // Where the slow deliveries were: seconds into the run of the events whose last copy took longest.
  const slowest = [...worstOf.slice(0, total).entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(
      ([index, worst]) =>
        `${((sendTimes[index] ?? 0) - t0) / 1000 >= 0 ? (((sendTimes[index] ?? 0) - t0) / 1000).toFixed(1) : '?'} s: ${worst.toFixed(0)} ms`,
    );
  return {
    setup,
    productions: total,
    failedProductions,
    expected,
    delivered,
    unmatched,
    matchedByKey: keyed,
    slowest,
    latencies: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
    },
    first: firstLatencies(firstOf),
    messagesPerSecond: delivered / ((lastReceipt - t0) / 1000),
    achievedRate,
  };
}

/** After the run: each participant's copy against the page the server gives them now, in full. */
async function compareScreens(path: string, cookies: string[], copies: unknown[], reads: number) {
  let different = 0;
  let firstDifference = '';
  await pool(copies.length, 8, async (participant) => {
    const truth = await http(cookies[participant % cookies.length] ?? '', 'GET', path);
    if (isDeepStrictEqual(truth, copies[participant])) return;
    different++;
    if (!firstDifference) {
      const ours = JSON.stringify(copies[participant]);
      const theirs = JSON.stringify(truth);
      let at = 0;
      while (at < ours.length && ours[at] === theirs[at]) at++;
      firstDifference = `participant ${participant}: copy …${ours.slice(Math.max(0, at - 80), at + 80)}… server …${theirs.slice(Math.max(0, at - 80), at + 80)}…`;
    }
  });
  return { reads, compared: copies.length, different, firstDifference };
}

/** p50 and p95 of each event's first delivery (events nobody received are left out). */
function firstLatencies(firstOf: Float64Array): { p50: number; p95: number } {
  const sorted = firstOf.filter((value) => Number.isFinite(value)).sort();
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** Visible latency: from the send of the request to the moment each participant's copy shows it. */
function visibleResult(run: {
  setup: string;
  total: number;
  expected: number;
  failedProductions: number;
  achievedRate: number;
  t0: number;
  sendTimes: Float64Array;
  productionOf: Map<string, number>;
  keySlots: Map<string, number>;
  visibleAt: Float64Array;
  screens: NonNullable<LoadResult['screens']>;
}): Omit<LoadResult, 'frameBytes'> {
  const participants = job.participants;
  const latencies: number[] = [];
  const worstOf = new Float64Array(run.total);
  const firstOf = new Float64Array(run.total).fill(Number.POSITIVE_INFINITY);
  let matched = 0;
  let lastSeen = 0;
  for (const [key, production] of run.productionOf) {
    const slot = run.keySlots.get(key);
    const sentAt = run.sendTimes[production] ?? Number.NaN;
    matched++;
    if (slot === undefined) continue;
    for (let p = 0; p < participants; p++) {
      const at = run.visibleAt[slot * participants + p] ?? Number.NaN;
      if (Number.isNaN(at)) continue;
      const latency = at - sentAt;
      latencies.push(latency);
      lastSeen = Math.max(lastSeen, at);
      if (latency > (worstOf[production] ?? 0)) worstOf[production] = latency;
      if (latency < (firstOf[production] ?? 0)) firstOf[production] = latency;
    }
  }
  const sorted = Float64Array.from(latencies).sort();
  const slowest = [...worstOf.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(
      ([index, worst]) =>
        `${(((run.sendTimes[index] ?? 0) - run.t0) / 1000).toFixed(1)} s: ${worst.toFixed(0)} ms`,
    );
  return {
    setup: run.setup,
    productions: run.total,
    failedProductions: run.failedProductions,
    expected: run.expected,
    delivered: sorted.length,
    unmatched: run.total - matched,
    matchedByKey: matched,
    slowest,
    latencies: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
    },
    first: firstLatencies(firstOf),
    messagesPerSecond: sorted.length / ((lastSeen - run.t0) / 1000),
    achievedRate: run.achievedRate,
    screens: run.screens,
  };
}

process.once('message', (message: LoadJob) => {
  job = message;
  run().then(
    (result) =>
      process.send?.(
        { phase: 'result', result: { ...result, frameBytes: eventFrames ? eventBytes / eventFrames : 0 } },
        () => process.exit(0),
      ),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
});
