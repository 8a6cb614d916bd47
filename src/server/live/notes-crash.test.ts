import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

const root = new URL('../../../', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The real server, as `npm start` runs it, in a process of its own that the test can kill -9. */
async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ARCHIPEL_DEMO: '0',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      AUTH_SECRET: 'crash-test-secret-crash-test-secret-0123',
    },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

async function api(base: string, cookie: string, method: string, path: string, body?: object) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie && { cookie }) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return {
    json: await response.json(),
    cookie: (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '',
  };
}

function openNotes(port: number, sessionId: string, cookie: string) {
  class CookieSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie, origin: `http://127.0.0.1:${port}` } });
    }
  }
  const doc = new Y.Doc();
  const state = { synced: false };
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}/api/v1/notes`,
    WebSocketPolyfill: CookieSocket,
  });
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: `session:${sessionId}`,
    document: doc,
    token: 'cookie',
    onSynced: () => {
      state.synced = true;
    },
  });
  provider.attach();
  const close = () => {
    provider.destroy();
    websocketProvider.destroy();
  };
  return { doc, provider, state, close };
}

const until = async (check: () => boolean, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('shared notes and a crash', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'archipel-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged edit across kill -9 and a restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let server = await startServer(dataDir, port);
    const { cookie } = await api(base, '', 'POST', '/api/v1/auth/register', {
      email: 'crash@example.org',
      password: 'long enough password',
      name: 'Crash Test',
    });
    await api(base, cookie, 'POST', '/api/v1/communities', {
      name: 'Crash',
      slug: 'crash-test',
      joinPolicy: 'open',
    });
    const circle = (
      await api(base, cookie, 'POST', '/api/v1/communities/crash-test/circles', {
        name: 'Cercle crash',
        kind: 'learning_circle',
        visibility: 'private',
      })
    ).json;
    const session = (
      await api(base, cookie, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
        title: 'Crash',
        startsAt: '2026-12-01T09:00:00Z',
        endsAt: '2026-12-01T10:00:00Z',
      })
    ).json;

    const writer = openNotes(port, session.id, cookie);
    await until(() => writer.state.synced);
    for (let i = 0; i < 20; i++)
      writer.doc.getText('notes').insert(writer.doc.getText('notes').length, `ligne ${i}\n`);
    await until(() => !writer.provider.hasUnsyncedChanges);
    // Acknowledged, well inside the 2 s store debounce: the process dies without any shutdown.
    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    writer.close();

    server = await startServer(dataDir, port);
    try {
      const reader = openNotes(port, session.id, cookie);
      await until(() => reader.state.synced);
      expect(reader.doc.getText('notes').toString()).toContain('ligne 19');
      expect(reader.doc.getText('notes').toString().split('\n').filter(Boolean)).toHaveLength(20);
      reader.close();
    } finally {
      server.kill('SIGKILL');
    }
    // Two server processes start (each may take up to 90 s on a busy machine): a limit for a hang.
  }, 240_000);
});
