import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildApp } from '../app.ts';
import { parseEnv } from '../env.ts';
import { createMailer } from '../mail/mailer.ts';
import { freePort } from '../testing/archipel-process.ts';
import { openNotes, until } from '../testing/notes-editor.ts';
import {
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { loadNoteState } from './session-notes.store.ts';

/**
 * Two instances sharing the notes through a Redis of the test's own, which is killed and started
 * again: the instances keep serving and storing the notes meanwhile, and their documents come
 * together again afterwards.
 */
const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
if (!redisServer) {
  const line = '!'.repeat(78);
  console.warn(`\n${line}\n!! SKIPPED shared notes through a Redis outage: no redis-server binary\n${line}`);
}

describe.skipIf(!redisServer).each(testDialects())(
  'shared notes when Redis goes away and comes back (%s)',
  (dialect) => {
    // A free port, chosen once: Redis comes back on the same one.
    let port = 0;
    let redisUrl = '';
    let redis: ChildProcess;
    let a: TestApp;
    let b: FastifyInstance;
    let facilitator: TestUser;
    let circleId: string;

    async function startRedis() {
      redis = spawn(
        redisServer ?? '',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      const probe = new Redis(redisUrl, {
        lazyConnect: true,
        retryStrategy: () => 50,
        maxRetriesPerRequest: null,
      });
      probe.on('error', () => {});
      await probe.connect().catch(() => {});
      await probe.ping();
      // The server that answered is the one this test started, not another on the same port.
      const info = await probe.info('server');
      probe.disconnect();
      if (!info.includes(`process_id:${redis.pid}\r\n`))
        throw new Error(`port ${port} is answered by another Redis than the one this test started`);
    }

    const notesUrl = (app: FastifyInstance) =>
      `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/notes`;
    const text = (editor: ReturnType<typeof openNotes>) => editor.doc.getText('notes').toString();

    beforeAll(async () => {
      port = await freePort();
      redisUrl = `redis://127.0.0.1:${port}`;
      await startRedis();
      const shared = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: 'outage:' };
      a = await createTestApp(dialect, shared);
      const env = parseEnv({
        PUBLIC_URL: TEST_ORIGIN,
        AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
        ...shared,
      });
      const mailer = createMailer({ from: env.MAIL_FROM, db: a.database.db, log: () => {} });
      b = await buildApp({ database: a.database, env, mailer, version: 'test', webRoot: '/nonexistent' });
      await a.app.listen({ port: 0, host: '127.0.0.1' });
      await b.listen({ port: 0, host: '127.0.0.1' });
      facilitator = await registerUser(a.app, 'Florent');
      const community = await buildCommunity(a.app, facilitator);
      circleId = (await buildCircle(a.app, facilitator, community.slug, { visibility: 'private' })).id;
    });
    afterAll(async () => {
      // Redis first back up, so the instances close their connections cleanly.
      if (redis.exitCode !== null || redis.signalCode !== null) await startRedis();
      await b?.close();
      await a?.close();
      redis.kill('SIGKILL');
    });

    it('keeps serving and storing the notes on both instances, then brings them together', async () => {
      const sessionId = (await buildSession(a.app, facilitator, circleId)).id;
      const onA = openNotes(notesUrl(a.app), sessionId, facilitator);
      const onB = openNotes(notesUrl(b), sessionId, facilitator);
      await until(() => onA.events.synced && onB.events.synced);
      onA.doc.getText('notes').insert(0, 'Avant. ');
      await until(() => text(onB).includes('Avant'));

      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));
      // Each instance goes on acknowledging (and so storing) its editors' edits.
      onA.doc.getText('notes').insert(0, 'Pendant A. ');
      onB.doc.getText('notes').insert(0, 'Pendant B. ');
      await until(() => !onA.provider.hasUnsyncedChanges && !onB.provider.hasUnsyncedChanges);
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await loadNoteState(a.database.db, sessionId)) ?? new Uint8Array());
      expect(stored.getText('notes').toString()).toContain('Pendant A');
      expect(stored.getText('notes').toString()).toContain('Pendant B');
      // Notes opened during the outage wait for Redis rather than failing.
      const otherSession = (await buildSession(a.app, facilitator, circleId)).id;
      const waiting = openNotes(notesUrl(b), otherSession, facilitator);

      await startRedis();
      await until(() => waiting.events.synced, 30_000);
      expect(waiting.events.failed).toBe(false);
      // Typing on both sides after the return: the documents come together, and stay together.
      onA.doc.getText('notes').insert(0, 'Après A. ');
      onB.doc.getText('notes').insert(0, 'Après B. ');
      await until(
        () =>
          text(onA) === text(onB) &&
          ['Après A', 'Après B', 'Pendant A', 'Pendant B'].every((t) => text(onA).includes(t)),
        30_000,
      );
      onA.doc.getText('notes').insert(0, 'Enfin. ');
      await until(() => text(onB).startsWith('Enfin'));
      for (const editor of [onA, onB, waiting]) editor.close();
    }, 90_000);
  },
);
