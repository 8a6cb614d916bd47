import { describe, expect, it } from 'vitest';
import { LiveHub, type LiveSocket } from './live-hub.ts';

function socket(): LiveSocket & { frames: string[] } {
  const frames: string[] = [];
  return { frames, readyState: 1, send: (data: string) => void frames.push(data) };
}

describe('live hub', () => {
  it('serialises each event once for every subscriber and replays what a late client missed', () => {
    const hub = new LiveHub();
    const [a, b] = [socket(), socket()];
    hub.subscribe(a, 'session:1', undefined);
    hub.subscribe(b, 'session:1', undefined);
    hub.publish('session:1', { type: 'agenda.updated', sessionId: '1' });
    expect(a.frames[1]).toBe(b.frames[1]);
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
