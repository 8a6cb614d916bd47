import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, type TestApp } from '../testing/test-app.ts';

describe('security baseline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('sends a strict CSP without inline script, and no HSTS on plain http', async () => {
    const response = await t.app.inject({ url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    // The same on an error and on a route that does not exist (set for every request).
    for (const url of ['/api/v1/me', '/api/v1/no-such-route']) {
      const other = await t.app.inject({ url });
      expect(other.statusCode).toBeGreaterThanOrEqual(400);
      expect(other.headers['content-security-policy']).toBe(csp);
      expect(other.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('sends HSTS when the public URL is https', async () => {
    const https = await createTestApp('sqlite', { PUBLIC_URL: 'https://archipel.example.org' });
    try {
      const response = await https.app.inject({ url: '/api/health' });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await https.close();
    }
  });

  it('refuses state-changing requests from a foreign Origin with 403, and accepts its own', async () => {
    const user = await registerUser(t.app);
    const payload = { name: 'Cercle', slug: 'origin-test', joinPolicy: 'open' };
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      headers: { cookie: user.cookie, origin: 'https://evil.example' },
      payload,
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('FORBIDDEN');
    const nullOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'null' },
      payload: { email: user.email, password: 'correct horse battery' },
    });
    expect(nullOrigin.statusCode).toBe(403);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      headers: { cookie: user.cookie, origin: 'http://archipel.test' },
      payload,
    });
    expect(own.statusCode).toBe(201);
    // Reads are not guarded: a cross-origin page cannot read the answer anyway (no CORS).
    const read = await t.app.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses the NUL character anywhere in the input with 400 (PostgreSQL cannot store it)', async () => {
    const user = await registerUser(t.app);
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/circles/%00' },
      { method: 'GET' as const, url: '/api/v1/communities?mine=%00' },
      { method: 'PATCH' as const, url: '/api/v1/me', payload: { bio: 'a\u0000b' } },
      { method: 'PATCH' as const, url: '/api/v1/me', payload: { name: 'a\ud800b' } },
    ]) {
      const response = await t.app.inject({ ...request, headers: { cookie: user.cookie } });
      expect(response.statusCode, request.url).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
  });

  it('answers unknown API routes with a 404 in the house shape', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('publishes OpenAPI 3.1 generated from the route schemas, and a reference page served locally', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/magic-link',
      '/api/v1/me',
      '/api/v1/communities',
      '/api/v1/communities/{slug}',
      '/api/v1/communities/{slug}/members',
      '/api/v1/communities/{slug}/circles',
      '/api/v1/circles/{id}',
      '/api/v1/circles/{id}/members',
      '/api/v1/circles/{id}/members/{userId}',
      '/api/health',
    ]) {
      expect(spec.paths, path).toHaveProperty([path]);
    }
    const register = spec.paths['/api/v1/auth/register'].post;
    expect(register.requestBody.content['application/json'].schema.properties).toHaveProperty('password');
    expect(JSON.stringify(spec.components.schemas)).toContain('Circle');

    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(
      /https?:\/\/(?!localhost|archipel)[a-z0-9.-]+\.[a-z]{2,}\/[^"']*\.(js|css)/i,
    );
    expect(docs.body).not.toMatch(/<script>(?!<\/script>)/);
  });
});
