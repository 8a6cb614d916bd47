import { describe, expect, it } from 'vitest';
import { LiveHub, type LiveSocket } from './live-hub.ts';
import type { BusFrame, BusHandlers, RedisLiveBus } from './redis-bus.ts';

function socket(): LiveSocket & { frames: string[]; raw: (string | Buffer)[] } {
  const frames: string[] = [];
  const raw: (string | Buffer)[] = [];
  return {
    frames,
    raw,
    readyState: 1,
    send: (data: string | Buffer) => {
      raw.push(data);
      frames.push(String(data));
    },
  };
}

describe('live hub', () => {
  it('serialises each event once for every subscriber and replays what a late client missed', () => {
    const hub = new LiveHub();
    const [a, b] = [socket(), socket()];
    hub.subscribe(a, 'session:1', undefined);
    hub.subscribe(b, 'session:1', undefined);
    hub.publish('session:1', { type: 'agenda.updated', sessionId: '1' });
    // The very same bytes (one serialisation, one encoding), sent as a text frame.
    expect(a.raw[1]).toBeInstanceOf(Buffer);
    expect(a.raw[1]).toBe(b.raw[1]);
    const late = socket();
    hub.subscribe(late, 'session:1', 0);
    expect(late.frames.map((f) => JSON.parse(f).type)).toEqual(['subscribed', 'event']);
  });

  it('forgets a topic nobody follows: at once when silent, after the idle delay otherwise', async () => {
    const hub = new LiveHub({ idleMs: 20 });
    const client = socket();
    hub.subscribe(client, 'session:quiet', undefined);
    hub.unsubscribe(client, 'session:quiet');
    expect(hub.topicCount).toBe(0);
    hub.subscribe(client, 'session:busy', undefined);
    hub.publish('session:busy', { type: 'agenda.updated', sessionId: 'busy' });
    hub.unsubscribe(client, 'session:busy');
    expect(hub.topicCount).toBe(1);
    hub.publish('session:unwatched', { type: 'agenda.updated', sessionId: 'unwatched' });
    expect(hub.topicCount).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(hub.topicCount).toBe(0);
  });
});

describe('live hub presence', () => {
  const presences = (client: { frames: string[] }) =>
    client.frames
      .map((f) => JSON.parse(f))
      .filter((m) => m.type === 'presence')
      .map((m) => m.count);

  it('counts people, not tabs, and coalesces joins into one update', async () => {
    const hub = new LiveHub({ presenceMs: 20 });
    const [ann, annOtherTab, bob] = [socket(), socket(), socket()];
    hub.subscribe(ann, 'session:p', undefined, 'ann');
    hub.subscribe(annOtherTab, 'session:p', undefined, 'ann');
    hub.subscribe(bob, 'session:p', undefined, 'bob');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(presences(ann)).toEqual([2]);
    expect(presences(bob)).toEqual([2]);

    hub.unsubscribe(annOtherTab, 'session:p');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(presences(bob)).toEqual([2]);

    const late = socket();
    hub.subscribe(late, 'session:p', undefined, 'bob');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(presences(late)).toEqual([2]);
    expect(presences(ann)).toEqual([2]);

    hub.unsubscribe(ann, 'session:p');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(presences(bob)).toEqual([2, 1]);
    await hub.close();
  });

  it('sends presence after `subscribed`, and events keep their order around it', async () => {
    const hub = new LiveHub({ presenceMs: 10 });
    const client = socket();
    hub.subscribe(client, 'session:o', undefined, 'ann');
    hub.publish('session:o', { type: 'agenda.updated', sessionId: 'o' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    hub.publish('session:o', { type: 'agenda.updated', sessionId: 'o' });
    const kinds = client.frames.map((f) => JSON.parse(f)).map((m) => `${m.type}${m.seq ?? m.count}`);
    expect(kinds).toEqual(['subscribed0', 'event1', 'presence1', 'event2']);
    await hub.close();
  });
});

describe('live hub fed by a bus (the Redis side faked)', () => {
  it('lets a waiting subscriber in at the snapshot, then gives it what arrived meanwhile, once', async () => {
    let handlers: BusHandlers | undefined;
    let answer: (state: { seq: number; recent: BusFrame[] }) => void = () => {};
    const bus = {
      healthy: true,
      start: (h: BusHandlers) => {
        handlers = h;
      },
      snapshot: () => new Promise((resolve) => (answer = resolve)),
      publish: async () => 0,
      setPresence: async () => {},
      presenceTotal: async () => 1,
      close: async () => {},
    } as unknown as RedisLiveBus;
    const hub = new LiveHub({ bus, presenceMs: 5 });
    const frame = (seq: number) => ({
      seq,
      frame: JSON.stringify({ type: 'event', topic: 'session:b', seq, event: { type: 'agenda.updated' } }),
    });
    const client = socket();
    hub.subscribe(client, 'session:b', 40, 'ann');
    expect(client.frames).toEqual([]);
    // Published while the topic's state is being read: one already in the snapshot, one after it.
    handlers?.frame('session:b', frame(42));
    handlers?.frame('session:b', frame(43));
    answer({ seq: 42, recent: [frame(41), frame(42)] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seen = client.frames.map((f) => JSON.parse(f)).map((m) => `${m.type}:${m.seq ?? m.count}`);
    expect(seen).toEqual(['subscribed:42', 'event:41', 'event:42', 'event:43', 'presence:1']);

    // A gap (frames lost while Redis was away) is a resync, never a silent hole.
    handlers?.frame('session:b', frame(46));
    const last = client.frames.slice(-2).map((f) => JSON.parse(f));
    expect(last.map((m) => `${m.type}:${m.seq}`)).toEqual(['resync:45', 'event:46']);
    await hub.close();
  });
});
