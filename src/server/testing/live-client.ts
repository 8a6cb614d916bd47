import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { LiveServerMessage } from '../../contract/live.ts';
import { TEST_ORIGIN, type TestApp } from './test-app.ts';

/**
 * How long a test waits for a live frame before calling it lost: a limit that catches a hang, not a
 * slow frame on a busy machine (two cores, another run beside this one).
 */
export const LIVE_FRAME_LIMIT_MS = 30_000;

/** Starts the test app's HTTP server on a free port; returns its live WebSocket URL. */
export async function listenLive(app: TestApp['app']): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/live`;
}

export interface LiveClient {
  readonly socket: WebSocket;
  /** Every frame received, in order. */
  readonly messages: LiveServerMessage[];
  send(message: object): void;
  /**
   * The first frame received (before or after this call) that matches; rejects when the socket
   * closes or nothing matches within LIVE_FRAME_LIMIT_MS, naming what did arrive.
   */
  waitFor(predicate: (message: LiveServerMessage) => boolean): Promise<LiveServerMessage>;
  /** Subscribes and waits for the answer: `subscribed`, or the `error` that refuses the topic. */
  subscribe(topic: string): Promise<LiveServerMessage>;
  close(): void;
}

/**
 * A real WebSocket on the live endpoint, as a signed-in person's browser opens it (cookie and
 * origin). Waiting is driven by the frames themselves: no polling, no sleeps.
 */
export async function openLiveClient(url: string, who: { cookie: string } | undefined): Promise<LiveClient> {
  const socket = new WebSocket(url, { headers: { origin: TEST_ORIGIN, ...(who && { cookie: who.cookie }) } });
  const messages: LiveServerMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(data.toString()));
    for (const wake of waiters) wake();
  });
  socket.on('close', () => {
    for (const wake of waiters) wake();
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  function waitFor(predicate: (message: LiveServerMessage) => boolean): Promise<LiveServerMessage> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        const found = messages.find(predicate);
        if (!found && socket.readyState !== WebSocket.CLOSED) return;
        clearTimeout(timer);
        waiters.delete(settle);
        if (found) resolve(found);
        else reject(new Error(`the socket closed; no matching frame in ${JSON.stringify(messages)}`));
      };
      const timer = setTimeout(() => {
        waiters.delete(settle);
        reject(new Error(`no matching frame in ${LIVE_FRAME_LIMIT_MS} ms; got ${JSON.stringify(messages)}`));
      }, LIVE_FRAME_LIMIT_MS);
      waiters.add(settle);
      settle();
    });
  }

  return {
    socket,
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    waitFor,
    subscribe(topic) {
      socket.send(JSON.stringify({ type: 'subscribe', topic }));
      return waitFor(
        (m) => (m.type === 'subscribed' || m.type === 'error') && 'topic' in m && m.topic === topic,
      );
    },
    close: () => socket.close(),
  };
}
