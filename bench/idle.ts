/**
 * Idle connections benchmark (issue 16, item 3): 10,000 signed-in live connections, each its own
 * account following three topics, idle with the server's heartbeat; then one event to all of them.
 * Server on core 0, clients on core 1 (taskset).
 *
 *   npm run bench:idle -- [--connections 10000] [--circles 100] [--seconds 60]
 *
 * Targets (absolute, no yardstick named): server RSS ≤ 512 MiB and CPU ≤ 5 % of a core over the
 * idle window; the event delivered to every connection with p99 ≤ 1 s. For scale, the same server
 * is measured idle with no connection first.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSignedInAccounts } from './idle-accounts.ts';
import type { IdleDelivery, IdleJob, IdleMessage } from './idle-load.ts';
import {
  cpuSeconds,
  hasTaskset,
  loadAverage,
  type PinnedServer,
  peakRssMiB,
  pin,
  root,
  rssMiB,
  schedMs,
  startArchipel,
  stop,
} from './pinned-server.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10000' },
    circles: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    baseline: { type: 'string', default: '15' },
    events: { type: 'string', default: '5' },
  },
});
const connections = Number(values.connections);
const circles = Number(values.circles);
const seconds = Number(values.seconds);
const baselineSeconds = Number(values.baseline);
const eventCount = Number(values.events);
/** The live route's ping interval (src/server/live/live.routes.ts). */
const HEARTBEAT_S = 30;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Window {
  cpu: number;
  maxRss: number;
}

/** The server's CPU (share of one core) and its highest resident memory, sampled each second. */
async function measure(pid: number, windowSeconds: number): Promise<Window> {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  let maxRss = rssMiB(pid);
  for (let s = 0; s < windowSeconds; s++) {
    await sleep(1000);
    maxRss = Math.max(maxRss, rssMiB(pid));
  }
  return { cpu: (cpuSeconds(pid) - cpu0) / ((performance.now() - t0) / 1000), maxRss };
}

function next<P extends IdleMessage['phase']>(
  load: ChildProcess,
  phase: P,
): Promise<Extract<IdleMessage, { phase: P }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: IdleMessage) => {
      if (message.phase !== phase) return;
      load.off('message', onMessage);
      load.off('exit', onExit);
      resolve(message as Extract<IdleMessage, { phase: P }>);
    };
    const onExit = (code: number | null) => reject(new Error(`load process exited with ${code}`));
    load.on('message', onMessage);
    load.once('exit', onExit);
  });
}

console.log(
  `idle connections: ${connections} live sockets, each its own account following 3 topics (the plenary session of one public circle, the board and the poll of its own circle among ${circles}), idle ${seconds} s with the server's ${HEARTBEAT_S} s ping, then ${eventCount} events to all, one after the other${hasTaskset ? '; server on core 0, clients on core 1' : ' (no taskset: cores not pinned)'}`,
);
console.log(`machine load average before: ${loadAverage()} (2 cores, shared)`);
pin(process.pid, 1);

let server: PinnedServer | undefined;
let load: ChildProcess | undefined;
try {
  server = await startArchipel('idle');
  await sleep(5_000); // past start-up (migrations, the first tick of the jobs and the indexer)
  const baseline = await measure(server.pid, baselineSeconds);

  const accountsStarted = performance.now();
  const accounts = await createSignedInAccounts({
    dataDir: server.dataDir,
    secret: server.secret,
    publicUrl: server.base,
    count: connections,
    run: Date.now().toString(36),
  });
  console.log(
    `accounts: ${connections} in ${((performance.now() - accountsStarted) / 1000).toFixed(1)} s: ${accounts.how}`,
  );

  load = fork(join(root, 'bench/idle-load.ts'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  pin(load.pid, 1);
  const job: IdleJob = {
    base: server.base,
    wsUrl: `ws://127.0.0.1:${server.port}/api/v1/live`,
    cookies: accounts.cookies,
    circles,
  };
  const ready = next(load, 'ready');
  load.send(job);
  const { setup, subscribed, refused } = await ready;
  console.log(`set-up: ${setup}`);

  // Let the joins' presence updates and the set-up's garbage settle before the window opens.
  await sleep(5_000);
  load.send({ do: 'count' });
  await next(load, 'idle-counts');
  const idle = await measure(server.pid, seconds);
  const counts = next(load, 'idle-counts');
  load.send({ do: 'count' });
  const { pings, frames, closed } = await counts;

  // Events one after the other, each once the previous one reached everyone (or 30 s passed), the
  // first straight out of the idle window.
  const deliveries: (IdleDelivery & { onCpu: number; waiting: number })[] = [];
  for (let e = 0; e < eventCount; e++) {
    if (e > 0) await sleep(2_000);
    const result = next(load, 'result');
    const before = schedMs(server.pid);
    load.send({ do: 'publish' });
    const delivery = (await result).result;
    const after = schedMs(server.pid);
    deliveries.push({
      ...delivery,
      onCpu: after.onCpu - before.onCpu,
      waiting: after.waiting - before.waiting,
    });
  }
  const peak = peakRssMiB(server.pid);
  /** µs of server CPU per connection per second of idling. */
  const cpuPerConnection = (idle.cpu * 1e6) / connections;

  const pct = (share: number) => `${(share * 100).toFixed(2)} %`;
  console.log('\n| measure | Archipel | same server, no connection | target | |');
  console.log('|---|---:|---:|---:|---|');
  console.log(
    `| server CPU over ${seconds} s idle | ${pct(idle.cpu)} of a core | ${pct(baseline.cpu)} | ≤ 5 % | ${idle.cpu <= 0.05 ? 'MEETS' : 'MISSES'} |`,
  );
  console.log(
    `| server RSS (highest sample, idle window) | ${idle.maxRss.toFixed(0)} MiB | ${baseline.maxRss.toFixed(0)} MiB | ≤ 512 MiB | ${idle.maxRss <= 512 ? 'MEETS' : 'MISSES'} |`,
  );
  deliveries.forEach((delivery, e) => {
    const { min, p50, p95, p99, max } = delivery.latencies;
    console.log(
      `| event ${e + 1} to all: min / p50 / p95 / p99 / max | ${min.toFixed(0)} / ${p50.toFixed(0)} / ${p95.toFixed(0)} / **${p99.toFixed(0)}** / ${max.toFixed(0)} ms | | p99 ≤ 1,000 ms | ${p99 <= 1000 && delivery.delivered === delivery.expected ? 'MEETS' : 'MISSES'} |`,
    );
  });
  console.log(`\nserver peak RSS over the whole run (set-up included, VmHWM): ${peak.toFixed(0)} MiB`);
  console.log(
    `idle window: ${pings} pings answered by the clients (${(pings / connections).toFixed(2)} per socket; one per ${HEARTBEAT_S} s expected), ${frames} frames received, ${closed} sockets closed; ${cpuPerConnection.toFixed(2)} µs of server CPU per connection per second`,
  );
  for (const [e, delivery] of deliveries.entries()) {
    console.log(
      `event ${e + 1}: ${delivery.delivered}/${delivery.expected} received${delivery.delivered < delivery.expected ? ` (${delivery.expected - delivery.delivered} MISSING)` : ''}, producing request answered in ${delivery.responseMs.toFixed(0)} ms; the server's event loop ran ${delivery.onCpu.toFixed(0)} ms and waited ${delivery.waiting.toFixed(0)} ms for a CPU meanwhile; ${delivery.closed} sockets closed so far`,
    );
  }
  const worstP99 = Math.max(...deliveries.map((d) => d.latencies.p99));
  const everyDelivery = deliveries.every((d) => d.delivered === d.expected && d.closed === 0);
  console.log(`machine load average after: ${loadAverage()}`);
  const checks = [
    ['server CPU ≤ 5 % of a core while idle', idle.cpu <= 0.05],
    ['server RSS ≤ 512 MiB while idle', idle.maxRss <= 512],
    [`every event's p99 ≤ 1 s (worst ${worstP99.toFixed(0)} ms)`, worstP99 <= 1000],
    [
      'every connection subscribed, stayed open and got the event',
      subscribed === connections * 3 && refused === 0 && closed === 0 && everyDelivery,
    ],
  ] as const;
  console.log(checks.map(([name, ok]) => `${ok ? 'MEETS' : 'MISSES'}: ${name}`).join('\n'));
} finally {
  if (load) await stop(load);
  await server?.close();
}
