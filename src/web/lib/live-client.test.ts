import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveClient } from './live-client.ts';

/** A stand-in for the browser's WebSocket: records what the client sends, lets the test answer. */
class FakeSocket {
  static readonly OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor() {
    FakeSocket.last = this;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('live client', () => {
  it('tells listeners how many people follow a topic, late listeners included, next to the events', () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const client = new LiveClient('ws://test/api/v1/live');
    const first = { onEvent: vi.fn(), onResync: vi.fn(), onPresence: vi.fn() };
    client.subscribe('session:s1', first);
    const socket = FakeSocket.last as FakeSocket;
    socket.open();
    expect(socket.sent).toEqual([{ type: 'subscribe', topic: 'session:s1' }]);
    socket.receive({ type: 'subscribed', topic: 'session:s1', seq: 4 });
    socket.receive({ type: 'presence', topic: 'session:s1', count: 3 });
    socket.receive({
      type: 'event',
      topic: 'session:s1',
      seq: 5,
      event: { type: 'agenda.updated', sessionId: 's1' },
    });
    expect(first.onPresence).toHaveBeenCalledWith(3);
    expect(first.onEvent).toHaveBeenCalledWith({ type: 'agenda.updated', sessionId: 's1' });

    // A listener without onPresence (today's callers) is unaffected; a new one learns the count.
    const older = { onEvent: vi.fn(), onResync: vi.fn() };
    client.subscribe('session:s1', older);
    const late = { onEvent: vi.fn(), onResync: vi.fn(), onPresence: vi.fn() };
    client.subscribe('session:s1', late);
    expect(late.onPresence).toHaveBeenCalledWith(3);
    socket.receive({ type: 'presence', topic: 'session:s1', count: 2 });
    expect(first.onPresence).toHaveBeenLastCalledWith(2);
    socket.receive({ type: 'resync', topic: 'session:s1', seq: 9 });
    expect(older.onResync).toHaveBeenCalledOnce();
  });

  it('keeps backing off when the server closes each connection right after the handshake', () => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
    FakeSocket.last = null;
    const latest = (): FakeSocket | null => FakeSocket.last;
    const client = new LiveClient('ws://test/api/v1/live');
    client.subscribe('session:s1', { onEvent: vi.fn(), onResync: vi.fn() });
    // Too many tabs open: every connection is accepted, then closed (4429) before any message.
    const sockets = new Set<FakeSocket>();
    for (let elapsed = 0; elapsed < 7_600; elapsed += 100) {
      const socket = latest();
      if (socket && !sockets.has(socket)) {
        sockets.add(socket);
        socket.open();
        socket.onclose?.();
      }
      vi.advanceTimersByTime(100);
    }
    // 0.5 s, 1 s, 2 s, 4 s: four retries in 7.5 s, not one every half second.
    expect(sockets.size).toBe(5);
  });
});
