import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

/** Every admin route, with a body that would be valid, so only the guard can refuse it. */
const adminRoutes = (userId: string, communityId: string) =>
  [
    ['GET', '/api/v1/admin/outbox'],
    ['GET', '/api/v1/admin/jobs?status=failed'],
    ['POST', '/api/v1/admin/jobs/some-job/retry'],
    ['GET', '/api/v1/admin/users?q=a'],
    ['PATCH', `/api/v1/admin/users/${userId}`, { disabled: true }],
    ['POST', `/api/v1/admin/users/${userId}/sign-out`],
    ['GET', '/api/v1/admin/communities'],
    ['POST', `/api/v1/admin/communities/${communityId}/transfer`, { userId }],
    ['PATCH', `/api/v1/admin/communities/${communityId}`, { archived: true }],
    ['GET', '/api/v1/admin/audit'],
    ['GET', '/api/v1/admin/audit.csv'],
    ['GET', '/api/v1/admin/settings'],
    ['PUT', '/api/v1/admin/settings', { name: 'Pris' }],
    // Bad input must not tell the route exists either.
    ['PATCH', `/api/v1/admin/users/${userId}`, { disabled: 'perhaps' }],
    ['GET', '/api/v1/admin/audit?kind=nonsense'],
  ] as const;

describe.each(testDialects())('admin routes are hidden from non-admins on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let communityId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await registerUser(t.app, 'Admin');
    member = await registerUser(t.app, 'Member');
    outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, member);
    await joinCommunity(t.app, outsider, community.slug);
    communityId = community.id;
  });
  afterAll(() => t?.close());

  it('answers 404, as for a route that does not exist, to the signed out, members and outsiders', async () => {
    for (const who of [undefined, member, outsider]) {
      for (const [method, url, body] of adminRoutes(member.id, communityId)) {
        const response = await t.app.inject({
          method,
          url,
          headers: { origin: TEST_ORIGIN, ...(who && { cookie: who.cookie }) },
          ...(body && { payload: body }),
        });
        expect(response.statusCode, `${method} ${url} as ${who?.name ?? 'visitor'}`).toBe(404);
        expect(response.json()).toEqual({
          error: { code: 'NOT_FOUND', message: `No route for ${method} ${url.split('?')[0]}` },
        });
      }
    }
    // Nothing was changed by the attempts.
    const row = await t.database.db
      .selectFrom('users')
      .select('disabledAt')
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(row.disabledAt).toBeNull();
    const entries = await t.database.db.selectFrom('auditEvents').select('kind').execute();
    expect(entries.filter((entry) => entry.kind.startsWith('admin.'))).toEqual([]);
  });

  it('lists every admin route of the API (a new one cannot escape the walk above)', () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/admin/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      );
    const walked = adminRoutes('{id}', '{id}').map(
      ([method, url]) => `${method} ${url.split('?')[0]?.replace(/\/some-job\//, '/{id}/')}`,
    );
    expect([...new Set(documented)].sort()).toEqual([...new Set(walked)].sort());
  });

  it('lets the admin in', async () => {
    const response = await t.app.inject({ url: '/api/v1/admin/users', headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(200);
  });
});
