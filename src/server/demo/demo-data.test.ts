import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { seedDemoData } from './demo-data.ts';

describe.each(testDialects())('demo data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('creates the seed meeting’s community and circles once, concurrently safe', async () => {
    const results = await Promise.all([seedDemoData(t.database.db), seedDemoData(t.database.db)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await seedDemoData(t.database.db)).toBe(false);

    const community = await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale' });
    expect(community.json()).toMatchObject({
      name: 'Riposte créative territoriale',
      joinPolicy: 'open',
      memberCount: 8,
    });
    const circles = (
      await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale/circles' })
    ).json().items as { name: string; kind: string; visibility: string; method: string; id: string }[];
    expect(circles.map((c) => c.name).sort()).toEqual(
      [
        'Cercle Codev',
        'Cercle arpentage',
        'Cercle des boussoles',
        'Cercle sciences comportementales',
        'Équipe d’animation',
      ].sort(),
    );
    expect(circles.every((c) => c.visibility === 'public')).toBe(true);
    const team = circles.find((c) => c.kind === 'animation_team');
    const members = (await t.app.inject({ url: `/api/v1/circles/${team?.id}/members` })).json().items as {
      name: string;
    }[];
    expect(members.map((m) => m.name)).toContain('Sandrine Demoulin-Noirclerc');
    expect(members).toHaveLength(8);

    // The animation team holds the 15 June 2021 session, imported from its pad notes.
    const sessions = (await t.app.inject({ url: `/api/v1/circles/${team?.id}/sessions` })).json().items;
    expect(sessions).toHaveLength(1);
    const session = (await t.app.inject({ url: `/api/v1/sessions/${sessions[0].id}` })).json();
    expect(session).toMatchObject({
      title: "Stratégie d'animation de la communauté",
      startsAt: '2021-06-15T10:00:00.000Z',
    });
    expect(session.agenda).toHaveLength(5);
    expect(session.participants.every((p: { userId: string | null }) => p.userId !== null)).toBe(true);
    const bernard = session.actions.filter((a: { owners: { name: string }[] }) =>
      a.owners.some((o) => o.name === 'Bernard Alix'),
    );
    expect(bernard).toHaveLength(3);
    expect(session.votes[0].sections).toHaveLength(4);
  });

  it('leaves demo people without a password, so nobody signs in as them, and the first real account is admin', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'florent.merlet@demo.archipel.invalid', password: 'anything at all' },
    });
    expect(login.statusCode).toBe(401);
    const first = await registerUser(t.app);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: first.cookie } });
    expect(me.json().user.isAdmin).toBe(true);
  });
});
