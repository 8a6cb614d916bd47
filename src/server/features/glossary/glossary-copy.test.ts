import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('a branch copies its parent’s glossary on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let branchAnimator: TestUser;
  let local: TestUser;
  let parentSlug: string;
  let branchSlug: string;
  const as = (user: TestUser) => ({ cookie: user.cookie });
  const propose = async (slug: string, term: string, user: TestUser) =>
    (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/communities/${slug}/glossary`,
        headers: as(user),
        payload: { term },
      })
    ).json();
  const patch = (id: string, payload: object, user: TestUser = animator) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/glossary/${id}`, headers: as(user), payload });
  const copy = (user: TestUser, slug = branchSlug) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${slug}/glossary/copy-from-parent`,
      headers: as(user),
    });
  const glossaryOf = async (slug: string, user: TestUser) =>
    (await t.app.inject({ url: `/api/v1/communities/${slug}/glossary?limit=100`, headers: as(user) })).json()
      .items;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    branchAnimator = await registerUser(t.app, 'Gironde');
    local = await registerUser(t.app, 'Bordelaise');
    parentSlug = (await buildCommunity(t.app, animator)).slug;
    const branch = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      headers: as(animator),
      payload: { name: 'Riposte Gironde', slug: `gironde-glossary-${dialect}`, parentSlug },
    });
    branchSlug = branch.json().slug;
    await joinCommunity(t.app, branchAnimator, branchSlug);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/communities/${branchSlug}/members/${branchAnimator.id}`,
      headers: as(animator),
      payload: { role: 'animator' },
    });
    await joinCommunity(t.app, local, branchSlug);

    const ecoute = await propose(parentSlug, 'Écoute', animator);
    const entraide = await propose(parentSlug, 'Entraide', animator);
    await propose(parentSlug, 'Brouillon', animator);
    await patch(ecoute.id, { baseRevision: 1, status: 'published', definition: 'Prêter attention.' });
    await patch(entraide.id, { baseRevision: 1, status: 'selected', relatedIds: [ecoute.id] });
  });
  afterAll(() => t?.close());

  it('lets a branch animator copy the selected and published entries, once', async () => {
    expect((await copy(local)).statusCode).toBe(403);
    const first = await copy(branchAnimator);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ copied: 2, skipped: 0 });

    const entries = await glossaryOf(branchSlug, local);
    expect(entries.map((e: { term: string; status: string }) => [e.term, e.status])).toEqual([
      ['Écoute', 'published'],
      ['Entraide', 'selected'],
    ]);
    const ecoute = entries[0];
    const entraide = await t.app.inject({ url: `/api/v1/glossary/${entries[1].id}`, headers: as(local) });
    // The related entry is the branch's own copy, not the parent's.
    expect(entraide.json().related).toEqual([{ id: ecoute.id, term: 'Écoute' }]);
    expect(
      (await t.app.inject({ url: `/api/v1/glossary/${ecoute.id}`, headers: as(local) })).json(),
    ).toMatchObject({ definition: 'Prêter attention.', revision: 1 });

    expect((await copy(branchAnimator)).json()).toEqual({ copied: 0, skipped: 2 });
    expect(await glossaryOf(branchSlug, local)).toHaveLength(2);
  });

  it('keeps a term the branch already wrote, and copies only into a branch', async () => {
    const own = await propose(branchSlug, 'Essaimage', local);
    for (const term of ['ESSAIMAGE', 'Confiance']) {
      const entry = await propose(parentSlug, term, animator);
      await patch(entry.id, { baseRevision: 1, status: 'published', definition: 'Du parent.' });
    }
    expect((await copy(branchAnimator)).json()).toEqual({ copied: 1, skipped: 3 });
    const kept = await t.app.inject({ url: `/api/v1/glossary/${own.id}`, headers: as(local) });
    expect(kept.json()).toMatchObject({ term: 'Essaimage', status: 'proposed', definition: '' });

    expect((await copy(animator, parentSlug)).statusCode).toBe(409);
    expect((await copy(animator, 'no-such-community')).statusCode).toBe(404);
  });
});
