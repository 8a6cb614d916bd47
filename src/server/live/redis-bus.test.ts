import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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
    send: (data: string | Buffer) => void frames.push(String(data)),
    messages: () => frames.map((frame) => JSON.parse(frame)),
  };
}

async function until<T>(read: () => T, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
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

  it('gives each follower its variant of an event, on every instance, live and on replay', async () => {
    const topic = 'board:variants';
    const author = socket();
    const steward = socket();
    const member = socket();
    a.hub.subscribe(author, topic, undefined, 'ann');
    b.hub.subscribe(steward, topic, undefined, 'sam', true);
    b.hub.subscribe(member, topic, undefined, 'bob');
    for (const client of [author, steward, member]) await until(client.messages, (m) => m.length > 0);
    const common = { type: 'board.note.deleted', boardId: 'variants', version: 1, noteId: null } as const;
    a.hub.publish(topic, common, [
      { to: { person: 'ann' }, event: { ...common, noteId: 'mine' } },
      { to: 'stewards', event: { ...common, noteId: 'seen-by-stewards' } },
    ]);
    const noteIds = (client: ReturnType<typeof socket>) =>
      client.messages().flatMap((m) => (m.type === 'event' && 'noteId' in m.event ? [m.event.noteId] : []));
    for (const client of [author, steward, member])
      await until(
        () => noteIds(client),
        (ids) => ids.length > 0,
      );
    expect([noteIds(author), noteIds(steward), noteIds(member)]).toEqual([
      ['mine'],
      ['seen-by-stewards'],
      [null],
    ]);
    // Replayed from Redis to a socket that comes back with an older seq: its own variant again.
    const seq = events(member)[0] ?? 0;
    const back = socket();
    a.hub.subscribe(back, topic, seq - 1, 'ann');
    await until(
      () => noteIds(back),
      (ids) => ids.length > 0,
    );
    expect(noteIds(back)).toEqual(['mine']);
  });

  it('numbers events globally: what A and B publish reaches both, in one order', async () => {
    const onA = socket();
    const onB = socket();
    a.hub.subscribe(onA, 'session:order', undefined, 'ann');
    b.hub.subscribe(onB, 'session:order', undefined, 'bob');
    const [subscribed] = await until(onA.messages, (m) => m.length > 0);
    await until(onB.messages, (m) => m.length > 0);
    const start = subscribed?.type === 'subscribed' ? subscribed.seq : -1;
    // A new topic is numbered from the current time in ms (see redis-bus.ts), identically everywhere.
    expect(Math.abs(start - Date.now())).toBeLessThan(60_000);
    expect(onB.messages()[0]).toEqual(subscribed);
    for (let i = 0; i < 20; i++) {
      (i % 2 === 0 ? a : b).hub.publish('session:order', { type: 'agenda.updated', sessionId: String(i) });
    }
    const expected = Array.from({ length: 20 }, (_, i) => start + i + 1);
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
    expect(frameOf(onA, start + 7)).toEqual(frameOf(onB, start + 7));
  });

  it('replays missed events on the other instance, or says resync when they are no longer kept', async () => {
    const first = socket();
    a.hub.subscribe(first, 'session:replay', undefined);
    const [subscribed] = await until(first.messages, (m) => m.some((x) => x.type === 'subscribed'));
    const s = subscribed?.type === 'subscribed' ? subscribed.seq : -1;
    a.hub.drop(first, ['session:replay']);
    a.hub.publish('session:replay', { type: 'agenda.updated', sessionId: 'r' });
    a.hub.publish('session:replay', { type: 'session.updated', sessionId: 'r' });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const again = socket();
    b.hub.subscribe(again, 'session:replay', s);
    const replay = await until(again.messages, (m) => m.filter((x) => x.type === 'event').length >= 2);
    expect(replay.slice(0, 3).map((m) => `${m.type}:${'seq' in m ? m.seq - s : ''}`)).toEqual([
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
    b.hub.subscribe(tooOld, 'session:replay', s + 1);
    const answer = await until(tooOld.messages, (m) => m.length >= 2);
    expect(answer.slice(0, 2)).toEqual([
      { type: 'subscribed', topic: 'session:replay', seq: s + 8 },
      { type: 'resync', topic: 'session:replay', seq: s + 8 },
    ]);
    const kept = socket();
    a.hub.subscribe(kept, 'session:replay', s + 5);
    await until(
      () => events(kept),
      (seqs) => seqs.length >= 3,
    );
    expect(events(kept)).toEqual([s + 6, s + 7, s + 8]);
    const ahead = socket();
    a.hub.subscribe(ahead, 'session:replay', s + 99);
    expect((await until(ahead.messages, (m) => m.length >= 2))[1]).toMatchObject({
      type: 'resync',
      seq: s + 8,
    });
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

  it('closes a deleted object’s topic on every instance, and not as a revocation', async () => {
    const closed: string[] = [];
    b.revocations.onTopicClosed((topic) => closed.push(topic));
    const revoked: Revocation[] = [];
    b.revocations.onRevoke((revocation) => revoked.push(revocation));
    a.revocations.closeTopic('board:b1');
    expect(
      await until(
        () => closed,
        (c) => c.length > 0,
      ),
    ).toEqual(['board:b1']);
    expect(revoked).toEqual([]);
  });
});

const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));

describe.skipIf(!redisServer)('live hub when Redis goes away and comes back', () => {
  it('keeps serving, says so, loses the events meanwhile and tells the clients to refetch', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const start = () =>
      spawn(
        redisServer ?? '',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
    let server = start();
    const logs: string[] = [];
    const bus = new RedisLiveBus({
      url: `redis://127.0.0.1:${port}`,
      prefix: 'outage:',
      keep: 50,
      replayTtlSeconds: 60,
      log: (line) => logs.push(line),
    });
    const hub = new LiveHub({ bus, presenceMs: 20, log: (line) => logs.push(line) });
    try {
      expect(
        await until(
          () => hub.healthy,
          (ok) => ok,
          5000,
        ),
      ).toBe(true);
      const client = socket();
      hub.subscribe(client, 'session:outage', undefined, 'ann');
      hub.publish('session:outage', { type: 'agenda.updated', sessionId: 'x' });
      expect(
        await until(
          () => events(client),
          (seqs) => seqs.length === 1,
        ),
      ).toHaveLength(1);

      server.kill('SIGKILL');
      await new Promise((resolve) => server.once('exit', resolve));
      expect(
        await until(
          () => hub.healthy,
          (ok) => !ok,
        ),
      ).toBe(false);
      expect(() => hub.publish('session:outage', { type: 'agenda.updated', sessionId: 'x' })).not.toThrow();
      await until(
        () => logs,
        (lines) => lines.some((line) => line.includes('lost')),
      );

      server = start();
      const back = await until(client.messages, (m) => m.some((x) => x.type === 'resync'), 8000);
      // A fresh Redis (its data gone) numbers the topic anew, above what the client had: it refetches.
      const resync = back.find((m) => m.type === 'resync');
      const before = events(client)[0] ?? 0;
      expect(resync?.type === 'resync' && resync.seq > before).toBe(true);
      hub.publish('session:outage', { type: 'agenda.updated', sessionId: 'x' });
      const after = await until(
        () => events(client),
        (seqs) => seqs.length === 2,
      );
      expect(after[1]).toBe(resync?.type === 'resync' ? resync.seq + 1 : -1);
      expect(logs.some((line) => line.includes('unreachable'))).toBe(true);
    } finally {
      await hub.close();
      server.kill('SIGKILL');
    }
  }, 20_000);
});
