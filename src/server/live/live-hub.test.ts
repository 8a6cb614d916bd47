import { describe, expect, it } from 'vitest';
import { LiveHub, type LiveSocket } from './live-hub.ts';

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
