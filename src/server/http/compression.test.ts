import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { parseEnv } from '../env.ts';
import { createMailer } from '../mail/mailer.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';

// What crosses the wire does not depend on the database: SQLite is enough here.
describe('compression on the wire', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let webRoot: string;
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `mot-${i}`))};\n`;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'archipel-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Archipel</title>');
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), script);
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js.gz'), gzipSync(script));
    database = await createTestDatabase('sqlite');
    const env = parseEnv({
      PUBLIC_URL: 'http://archipel.test',
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    });
    const mailer = createMailer({ from: env.MAIL_FROM, db: database.db, log: () => {} });
    app = await buildApp({ database, env, mailer, version: 'test', webRoot });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await database.dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('sends the brotli file written at build time to a browser that accepts it', async () => {
    const response = await app.inject({
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(script);
  });

  it('sends gzip to a client without brotli, and the plain file to one without either', async () => {
    const gzipped = await app.inject({
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(script);
    const plain = await app.inject({
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('compresses a large API answer and leaves a small one alone', async () => {
    const large = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } });
    expect(large.statusCode).toBe(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(large.rawPayload).toString()).openapi).toBe('3.1.0');
    const small = await app.inject({ url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toMatchObject({ status: expect.any(String) });
  });

  it('compresses errors in the house shape like any answer, and keeps them readable', async () => {
    const response = await app.inject({
      url: '/api/v1/communities/nowhere-to-be-found',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(404);
    const body =
      response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.rawPayload) : response.rawPayload;
    expect(JSON.parse(body.toString()).error.code).toBe('NOT_FOUND');
  });
});
