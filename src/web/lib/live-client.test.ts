import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveClient } from './live-client.ts';

/** A stand-in for the browser's WebSocket: records what is sent, lets the test push frames. */
class FakeSocket {
  static OPEN = 1;
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
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  push(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

describe('live client', () => {
  beforeEach(() => vi.stubGlobal('WebSocket', FakeSocket));
  afterEach(() => vi.unstubAllGlobals());

  it('hands presence counts to the topic’s listeners without losing its place in the event sequence', () => {
    const client = new LiveClient('ws://test/api/v1/live');
    const presence: number[] = [];
    const events: string[] = [];
    const unsubscribe = client.subscribe('board:b1', {
      onEvent: (event) => events.push(event.type),
      onResync: () => events.push('resync'),
      onPresence: (count) => presence.push(count),
    });
    const socket = FakeSocket.last;
    if (!socket) throw new Error('no socket');
    socket.open();
    socket.push({ type: 'subscribed', topic: 'board:b1', seq: 4 });
    socket.push({ type: 'presence', topic: 'board:b1', count: 3 });
    socket.push({
      type: 'event',
      topic: 'board:b1',
      seq: 5,
      event: { type: 'board.updated', boardId: 'b1' },
    });
    socket.push({ type: 'presence', topic: 'board:other', count: 9 });
    expect(presence).toEqual([3]);
    expect(events).toEqual(['board.updated']);

    // After a drop it resubscribes from the last event it saw (5): a presence frame moves nothing.
    vi.useFakeTimers();
    socket.onclose?.();
    vi.advanceTimersByTime(1000);
    vi.useRealTimers();
    const reconnected = FakeSocket.last;
    expect(reconnected).not.toBe(socket);
    reconnected?.open();
    expect(reconnected?.sent).toEqual([{ type: 'subscribe', topic: 'board:b1', since: 5 }]);
    unsubscribe();
  });
});
