import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { listenLive } from '../testing/live-client.ts';
import {
  createTestApp,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';

/** A live socket as a browser opens it; `answersPings: false` is a peer gone without a close frame. */
function open(url: string, cookie: string, answersPings: boolean) {
  const socket = new WebSocket(url, { headers: { cookie, origin: TEST_ORIGIN }, autoPong: answersPings });
  let pings = 0;
  const waiters = new Set<() => void>();
  socket.on('ping', () => {
    pings++;
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; pings: number }>((done) =>
    socket.once('close', (code) => done({ code, pings })),
  );
  /** Resolves once the server has pinged `count` times (rejects if the socket closes first). */
  const pinged = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pings >= count) {
          waiters.delete(check);
          resolve();
        }
      };
      waiters.add(check);
      check();
      void closed.then(() => reject(new Error(`closed after ${pings} pings`)));
    });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, opened, closed, pinged };
}

// One dialect is enough: the heartbeat touches no database.
describe('heartbeat of the live transport', () => {
  let t: TestApp;
  let url: string;
  let member: TestUser;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { LIVE_HEARTBEAT_SECONDS: '1' });
    url = await listenLive(t.app);
    member = await registerUser(t.app, 'Maud');
  });
  afterAll(() => t.close());

  it('keeps a socket that answers its pings open across several intervals', async () => {
    const client = open(url, member.cookie, true);
    await client.opened;
    await client.pinged(3);
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.socket.close();
  });

  it('drops a socket that no longer answers, at the next interval after an unanswered ping', async () => {
    const silent = open(url, member.cookie, false);
    await silent.opened;
    // Terminated by the server (no close frame: 1006), after exactly one unanswered ping.
    expect(await silent.closed).toEqual({ code: 1006, pings: 1 });
  });

  it('gives the dropped socket’s place back (the per-person quota is released)', async () => {
    const limited = await createTestApp('sqlite', {
      LIVE_HEARTBEAT_SECONDS: '1',
      LIVE_CONNECTIONS_PER_PERSON: '1',
    });
    try {
      const limitedUrl = await listenLive(limited.app);
      const nadia = await registerUser(limited.app, 'Nadia');
      const silent = open(limitedUrl, nadia.cookie, false);
      await silent.opened;
      await silent.closed;
      const next = open(limitedUrl, nadia.cookie, true);
      await next.opened;
      await next.pinged(2);
      expect(next.socket.readyState).toBe(WebSocket.OPEN);
      next.socket.close();
    } finally {
      await limited.close();
    }
  });
});
