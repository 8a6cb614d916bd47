import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from './api-client.ts';
import { createTestApp, type TestApp } from './test-app.ts';

describe('the typed API client for tests', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    paths = (await t.app.inject({ url: '/api/openapi.json' })).json().paths;
  });
  afterAll(() => t.close());

  it.each(Object.entries(endpoints))('names a documented route and its success status: %s', (_, route) => {
    const documented = route.path.replace(/:(\w+)/g, '{$1}');
    const operation = paths[`/api/v1${documented}`]?.[route.method.toLowerCase()];
    expect(operation, `${route.method} ${documented}`).toBeDefined();
    expect(Object.keys(operation?.responses ?? {})).toContain(String(route.status));
  });
});
