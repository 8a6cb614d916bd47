import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import {
  createDashboardDrainer,
  drainDashboardFigures,
  pendingDashboardCircles,
} from './dashboard-refresh.ts';

const ago = (days: number) => new Date(Date.now() - days * 24 * 3600_000).toISOString();

describe.each(testDialects())('bringing the dashboard’s rows up to date on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  const communities: { id: string; slug: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    // Three circles in one community, one in another, each with a session held: all marked.
    for (const circles of [3, 1]) {
      const community = await buildCommunity(t.app, animator);
      communities.push(community);
      for (let i = 0; i < circles; i++) {
        const circle = await buildCircle(t.app, animator, community.slug, { name: `Cercle ${i}` });
        await buildSession(t.app, animator, circle.id, { startsAt: ago(3), endsAt: ago(2.9) });
      }
    }
  });
  afterAll(() => t?.close());

  it('recomputes a community’s own marked circles only, as many as it is allowed', async () => {
    const db = t.database.db;
    const [a, b] = communities.map((community) => community.id) as [string, string];
    // Earlier reads in other tests may have drained nothing here: every circle is still marked.
    expect(await pendingDashboardCircles(db, a)).toBe(3);
    expect(await pendingDashboardCircles(db, b)).toBe(1);
    const heldIn = async (communityId: string) => {
      const rows = await db
        .selectFrom('dashboardDays')
        .select('held')
        .where('communityId', '=', communityId)
        .where('scope', '=', '')
        .execute();
      return rows.reduce((sum, row) => sum + Number(row.held), 0);
    };
    expect(await heldIn(a)).toBe(0);
    expect(await drainDashboardFigures(db, { communityId: a, max: 1 })).toBe(1);
    // The drained circle's session is in its community's day, the others not yet.
    expect(await heldIn(a)).toBe(1);
    expect(await pendingDashboardCircles(db, a)).toBe(2);
    expect(await pendingDashboardCircles(db, b)).toBe(1);
    expect(await drainDashboardFigures(db, { communityId: a })).toBe(2);
    expect(await pendingDashboardCircles(db, a)).toBe(0);
    expect(await heldIn(a)).toBe(3);
    expect(await heldIn(b)).toBe(0);
    expect(await pendingDashboardCircles(db, b)).toBe(1);
  });

  it('leaves the rest to the background drainer, and the read then says nothing is pending', async () => {
    const db = t.database.db;
    const b = communities[1] as { id: string; slug: string };
    const drainer = createDashboardDrainer(db, { pollMs: 20 });
    drainer.start();
    try {
      const deadline = Date.now() + 60_000;
      while ((await pendingDashboardCircles(db, b.id)) > 0) {
        if (Date.now() > deadline) throw new Error('the drainer did not recompute the marked circle');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await drainer.stop();
    }
    const read = await t.app.inject({
      url: `/api/v1/communities/${b.slug}/dashboard`,
      headers: { cookie: animator.cookie },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ pendingCircles: 0, total: { sessionsHeld: 1 } });
  });
});
