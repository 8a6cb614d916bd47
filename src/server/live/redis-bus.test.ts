import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveServerMessage } from '../../contract/live.ts';
import { dropRedisPrefix, reachableTestRedis, testRedisPrefix } from '../testing/test-redis.ts';
import { AccessRevocations, type Revocation } from './access-revocations.ts';
import { LiveHub, type LiveSocket } from './live-hub.ts';
import { RedisLiveBus } from './redis-bus.ts';

const redisUrl = await reachableTestRedis();

function socket(): LiveSocket & { messages: () => LiveServerMessage[] } {
  const frames: string[] = [];
  return {
    readyState: 1,
    send: (data: string) => void frames.push(data),
    messages: () => frames.map((frame) => JSON.parse(frame)),
  };
}

async function until<T>(read: () => T, ok: (value: T) => boolean, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const events = (client: ReturnType<typeof socket>) =>
  client.messages().flatMap((m) => (m.type === 'event' ? [m.seq] : []));
const lastPresence = (client: ReturnType<typeof socket>) =>
  client
    .messages()
    .flatMap((m) => (m.type === 'presence' ? [m.count] : []))
    .at(-1);

describe.skipIf(!redisUrl)('live hub across instances through Redis', () => {
  const url = redisUrl ?? '';
  const prefix = testRedisPrefix();
  const instances: { hub: LiveHub; bus: RedisLiveBus; revocations: AccessRevocations }[] = [];

  function instance(options: { presenceTtlMs?: number; heartbeatMs?: number } = {}) {
    const bus = new RedisLiveBus({
      url,
      prefix,
      keep: 5,
      replayTtlSeconds: 60,
      presenceTtlMs: options.presenceTtlMs,
      log: () => {},
    });
    const hub = new LiveHub({ bus, keep: 5, presenceMs: 20, heartbeatMs: options.heartbeatMs ?? 200 });
    const made = { hub, bus, revocations: new AccessRevocations({ bus }) };
    instances.push(made);
    return made;
  }

  let a: ReturnType<typeof instance>;
  let b: ReturnType<typeof instance>;
  beforeAll(async () => {
    a = instance();
    b = instance();
    await until(
      () => a.hub.healthy && b.hub.healthy,
      (ok) => ok,
    );
  });
  afterAll(async () => {
    await Promise.all(instances.map(({ hub }) => hub.close()));
    await dropRedisPrefix(url, prefix);
  });

  it('numbers events globally: what A and B publish reaches both, in one order', async () => {
    const onA = socket();
    const onB = socket();
    a.hub.subscribe(onA, 'session:order', undefined, 'ann');
    b.hub.subscribe(onB, 'session:order', undefined, 'bob');
    await until(onB.messages, (m) => m.length > 0);
    await until(onA.messages, (m) => m.length > 0);
    for (let i = 0; i < 20; i++) {
      (i % 2 === 0 ? a : b).hub.publish('session:order', { type: 'agenda.updated', sessionId: String(i) });
    }
    const expected = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(
      await until(
        () => events(onA),
        (seqs) => seqs.length >= 20,
      ),
    ).toEqual(expected);
    expect(
      await until(
        () => events(onB),
        (seqs) => seqs.length >= 20,
      ),
    ).toEqual(expected);
    // Each frame is the same string on both instances: built once, in Redis.
    const frameOf = (client: ReturnType<typeof socket>, seq: number) =>
      client.messages().find((m) => m.type === 'event' && m.seq === seq);
    expect(frameOf(onA, 7)).toEqual(frameOf(onB, 7));
  });

  it('replays missed events on the other instance, or says resync when they are no longer kept', async () => {
    const first = socket();
    a.hub.subscribe(first, 'session:replay', undefined);
    await until(first.messages, (m) => m.some((x) => x.type === 'subscribed'));
    a.hub.drop(first, ['session:replay']);
    a.hub.publish('session:replay', { type: 'agenda.updated', sessionId: 'r' });
    a.hub.publish('session:replay', { type: 'session.updated', sessionId: 'r' });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const again = socket();
    b.hub.subscribe(again, 'session:replay', 0);
    const replay = await until(again.messages, (m) => m.filter((x) => x.type === 'event').length >= 2);
    expect(replay.slice(0, 3).map((m) => `${m.type}:${'seq' in m ? m.seq : ''}`)).toEqual([
      'subscribed:2',
      'event:1',
      'event:2',
    ]);

    for (let i = 0; i < 6; i++) a.hub.publish('session:replay', { type: 'agenda.updated', sessionId: 'r' });
    await until(
      () => events(again),
      (seqs) => seqs.length >= 8,
    );
    const tooOld = socket();
    b.hub.subscribe(tooOld, 'session:replay', 1);
    const answer = await until(tooOld.messages, (m) => m.length >= 2);
    expect(answer.slice(0, 2)).toEqual([
      { type: 'subscribed', topic: 'session:replay', seq: 8 },
      { type: 'resync', topic: 'session:replay', seq: 8 },
    ]);
    const ahead = socket();
    a.hub.subscribe(ahead, 'session:replay', 99);
    expect((await until(ahead.messages, (m) => m.length >= 2))[1]).toMatchObject({ type: 'resync', seq: 8 });
  });

  it('sums presence over instances and forgets a stopped instance after its heartbeat lapses', async () => {
    const c = instance({ presenceTtlMs: 300, heartbeatMs: 100 });
    const watcher = socket();
    a.hub.subscribe(watcher, 'session:here', undefined, 'ann');
    b.hub.subscribe(socket(), 'session:here', undefined, 'bob');
    b.hub.subscribe(socket(), 'session:here', undefined, 'bob');
    c.hub.subscribe(socket(), 'session:here', undefined, 'carl');
    expect(
      await until(
        () => lastPresence(watcher),
        (n) => n === 3,
      ),
    ).toBe(3);
    // An instance killed without a word: its people disappear once its count expires.
    await c.bus.close();
    expect(
      await until(
        () => lastPresence(watcher),
        (n) => n === 2,
        3000,
      ),
    ).toBe(2);
  });

  it('tells every instance that someone lost access', async () => {
    const heard: Revocation[] = [];
    b.revocations.onRevoke((revocation) => heard.push(revocation));
    const local: Revocation[] = [];
    a.revocations.onRevoke((revocation) => local.push(revocation));
    a.revocations.revoke({ circleId: 'c1', userId: 'u1' });
    expect(local).toEqual([{ circleId: 'c1', userId: 'u1' }]);
    expect(
      await until(
        () => heard,
        (h) => h.length > 0,
      ),
    ).toEqual([{ circleId: 'c1', userId: 'u1' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(local).toHaveLength(1);
  });
});
