import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestApp, registerUser, TEST_ORIGIN, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), ms))]);

/** Sends the headers and half the announced body, then nothing: what a slow-body client does. */
function stallBody(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  socket.on('error', () => {});
  const started = Date.now();
  const ended = new Promise<{ received: string; afterMs: number }>((done) =>
    socket.once('close', () => done({ received, afterMs: Date.now() - started })),
  );
  socket.write(
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'Content-Length: 200\r\n\r\n{"email":"slow@example.org",',
  );
  return { socket, ended };
}

describe.each(testDialects())('request timeouts on %s', (dialect) => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp(dialect, { HTTP_REQUEST_TIMEOUT_SECONDS: '1' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answers 408 to a request whose body stalls, and leaves an open WebSocket alone', async () => {
    const user = await registerUser(t.app);
    const live = new WebSocket(`ws://127.0.0.1:${port}/api/v1/live`, {
      headers: { cookie: user.cookie, origin: TEST_ORIGIN },
    });
    const messages: string[] = [];
    live.on('message', (data) => messages.push(data.toString()));
    await new Promise((done, fail) => {
      live.once('open', done);
      live.once('error', fail);
    });

    const slow = stallBody(port);
    // Node's own default would keep it for 300 s.
    const result = await within(slow.ended, 8_000);
    slow.socket.destroy();
    expect(result).not.toBe('timeout');
    if (result === 'timeout') return;
    expect(result.received).toMatch(/^HTTP\/1\.1 408/);
    expect(result.afterMs).toBeGreaterThanOrEqual(900);

    // The live socket outlived the request deadline and still answers.
    expect(live.readyState).toBe(WebSocket.OPEN);
    live.send(JSON.stringify({ type: 'subscribe', topic: 'session:00000000-0000-0000-0000-000000000000' }));
    await expect.poll(() => messages.length).toBeGreaterThan(0);
    live.close();
  });
});
