import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, joinCommunity, registerUser, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { seedDemoData } from './demo-data.ts';

describe.each(testDialects())('the demo’s Riposte Gironde branch on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoData(t.database.db);
  });
  afterAll(() => t.close());

  it('hangs from the demo community, with three of its people, and shares its REX design', async () => {
    const branches = await t.app.inject({
      url: '/api/v1/communities/riposte-creative-territoriale/branches',
    });
    expect(branches.json().items).toMatchObject([
      { slug: 'riposte-gironde', name: 'Riposte Gironde', joinPolicy: 'request', memberCount: 3 },
    ]);
    const branch = (await t.app.inject({ url: '/api/v1/communities/riposte-gironde' })).json();
    expect(branch).toMatchObject({
      parent: { slug: 'riposte-creative-territoriale', name: 'Riposte créative territoriale' },
      circleCount: 0,
    });

    // A newcomer of the parent joins the branch in one click and finds the parent's design there.
    const newcomer = await registerUser(t.app, 'Agente girondine');
    await joinCommunity(t.app, newcomer, 'riposte-creative-territoriale');
    const joined = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/riposte-gironde/members',
      headers: { cookie: newcomer.cookie },
    });
    expect(joined.json()).toEqual({ status: 'active' });
    const library = await t.app.inject({
      url: '/api/v1/communities/riposte-gironde/learning-designs',
      headers: { cookie: newcomer.cookie },
    });
    expect(library.json().items).toMatchObject([{ title: 'Scénario pédagogique du REX', fromParent: true }]);
  });
});
