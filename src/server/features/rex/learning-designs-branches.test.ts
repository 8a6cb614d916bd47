import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

const design = {
  title: 'Scénario pédagogique du REX',
  objectives: ['Décider : reconduite ou déploiement'],
  sequences: [
    { title: 'Tour de météo', minutes: 10 },
    { title: 'Bilans des cercles', minutes: 20 },
  ],
};

describe.each(testDialects())('a branch reuses its parent’s learning designs on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let local: TestUser;
  let outsider: TestUser;
  let parentSlug: string;
  let branchSlug: string;
  let designId: string;
  const as = (user: TestUser) => ({ cookie: user.cookie });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    local = await registerUser(t.app, 'Bordelaise');
    outsider = await registerUser(t.app, 'Dehors');
    parentSlug = (await buildCommunity(t.app, animator)).slug;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      headers: as(animator),
      payload: { name: 'Riposte Gironde', slug: `gironde-${dialect}`, parentSlug },
    });
    branchSlug = created.json().slug;
    // Only a member of the branch: what they read of the parent, they read because it is a branch.
    await joinCommunity(t.app, local, branchSlug);
    const stored = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${parentSlug}/learning-designs`,
      headers: as(animator),
      payload: design,
    });
    designId = stored.json().id;
  });
  afterAll(() => t?.close());

  it('lists the parent’s designs in the branch’s library, marked, and read-only', async () => {
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${branchSlug}/learning-designs`,
      headers: as(local),
      payload: { ...design, title: 'Arpentage girondin' },
    });
    expect(own.statusCode).toBe(201);
    const library = await t.app.inject({
      url: `/api/v1/communities/${branchSlug}/learning-designs`,
      headers: as(local),
    });
    expect(library.json().items).toMatchObject([
      { title: 'Arpentage girondin', fromParent: false },
      { id: designId, fromParent: true },
    ]);
    const parentLibrary = await t.app.inject({
      url: `/api/v1/communities/${parentSlug}/learning-designs`,
      headers: as(animator),
    });
    expect(parentLibrary.json().items).toMatchObject([{ id: designId, fromParent: false }]);

    const read = await t.app.inject({ url: `/api/v1/learning-designs/${designId}`, headers: as(local) });
    expect(read.statusCode).toBe(200);
    expect(read.json().abilities).toEqual({ read: true, takePart: false, steer: false });
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/learning-designs/${designId}`,
      headers: as(local),
      payload: { title: 'Changé' },
    });
    expect(edit.statusCode).toBe(403);
    const hidden = await t.app.inject({ url: `/api/v1/learning-designs/${designId}`, headers: as(outsider) });
    expect(hidden.statusCode).toBe(404);
  });

  it('plans a session from the parent’s design in a circle of the branch', async () => {
    const circle = await buildCircle(t.app, local, branchSlug, { name: 'Cercle bordelais' });
    const planned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/learning-designs/${designId}/sessions`,
      headers: as(local),
      payload: { circleId: circle.id, startsAt: '2027-09-14T14:00', timeZone: 'Europe/Paris' },
    });
    expect(planned.statusCode).toBe(201);
    expect(planned.json()).toMatchObject({ circleId: circle.id, title: design.title });

    const elsewhere = await buildCommunity(t.app, local);
    const foreign = await buildCircle(t.app, local, elsewhere.slug);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/learning-designs/${designId}/sessions`,
      headers: as(local),
      payload: { circleId: foreign.id, startsAt: '2027-09-14T14:00' },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('stops sharing when the person leaves the branch', async () => {
    const passer = await registerUser(t.app);
    await joinCommunity(t.app, passer, branchSlug);
    const url = `/api/v1/learning-designs/${designId}`;
    expect((await t.app.inject({ url, headers: as(passer) })).statusCode).toBe(200);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${branchSlug}/members/me`,
      headers: as(passer),
    });
    expect((await t.app.inject({ url, headers: as(passer) })).statusCode).toBe(404);
  });
});
