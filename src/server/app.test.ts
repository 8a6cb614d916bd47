import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { parseEnv } from './env.ts';
import { createMailer } from './mail/mailer.ts';
import { createTestDatabase, type TestDatabase, testDialects } from './testing/test-database.ts';

describe.each(testDialects())('health on %s', (dialect) => {
  it('reports the database in use', async () => {
    const database = await createTestDatabase(dialect);
    const env = parseEnv({});
    const app = await buildApp({
      database,
      env,
      mailer: createMailer({ from: env.MAIL_FROM, db: database.db, log: () => {} }),
      version: '9.9.9',
      webRoot: '/nonexistent',
    });
    try {
      const response = await app.inject({ url: '/api/health' });
      expect(response.json()).toEqual({
        status: 'ok',
        database: dialect,
        live: 'in-process',
        version: '9.9.9',
      });
    } finally {
      await app.close();
      await database.dispose();
    }
  });
});

describe('the web app', () => {
  let webRoot: string;
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'archipel-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(
      join(webRoot, 'index.html'),
      '<!doctype html><title>Archipel</title><script type="module" src="/assets/app-1.js"></script>',
    );
    writeFileSync(join(webRoot, 'assets', 'app-1.js'), 'console.log("hi")');
    database = await createTestDatabase('sqlite');
    const env = parseEnv({});
    app = await buildApp({
      database,
      env,
      mailer: createMailer({ from: env.MAIL_FROM, db: database.db, log: () => {} }),
      version: 'test',
      webRoot,
    });
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('answers deep links with index.html, never cached', async () => {
    for (const url of ['/', '/c/riposte-creative-territoriale', '/circles/abc?tab=members']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>Archipel</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache, and 404s in the house shape for missing files and API routes', async () => {
    const asset = await app.inject({ url: '/assets/app-1.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of ['/assets/missing-2.js', '/api/v1/nope', '/favicon-missing.ico']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });
});
