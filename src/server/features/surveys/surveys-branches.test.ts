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

describe.each(testDialects())('a branch reuses its parent’s questionnaire templates on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let local: TestUser;
  let parentSlug: string;
  let branchSlug: string;
  let templateId: string;
  const as = (user: TestUser) => ({ cookie: user.cookie });
  const templatesOf = async (slug: string, user: TestUser) =>
    (await t.app.inject({ url: `/api/v1/survey-templates?community=${slug}`, headers: as(user) })).json()
      .items;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    local = await registerUser(t.app, 'Bordelaise');
    parentSlug = (await buildCommunity(t.app, animator)).slug;
    const branch = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      headers: as(animator),
      payload: { name: 'Riposte Gironde', slug: `gironde-surveys-${dialect}`, parentSlug },
    });
    branchSlug = branch.json().slug;
    await joinCommunity(t.app, local, branchSlug);
    const circle = await buildCircle(t.app, animator, parentSlug);
    const survey = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/surveys`,
      headers: as(animator),
      payload: {
        title: 'Bilan de cycle',
        audience: 'members',
        questions: [{ kind: 'scale', text: 'Utile ?' }],
      },
    });
    const saved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.json().id}/template`,
      headers: as(animator),
      payload: { title: 'Bilan maison' },
    });
    templateId = saved.json().id;
  });
  afterAll(() => t?.close());

  it('offers the parent’s templates in the branch, and makes a questionnaire from one there', async () => {
    const offered = await templatesOf(branchSlug, local);
    expect(offered.find((x: { id: string }) => x.id === templateId)).toMatchObject({
      title: 'Bilan maison',
      builtIn: false,
    });
    const circle = await buildCircle(t.app, local, branchSlug);
    const made = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/surveys`,
      headers: as(local),
      payload: { title: 'Bilan girondin', audience: 'members', templateId },
    });
    expect(made.statusCode).toBe(201);
    expect(made.json().questions).toMatchObject([{ kind: 'scale', text: 'Utile ?' }]);
  });

  it('shares nothing the other way, nor with an unrelated community', async () => {
    const elsewhere = await buildCommunity(t.app, local);
    expect((await templatesOf(elsewhere.slug, local)).some((x: { id: string }) => x.id === templateId)).toBe(
      false,
    );
    const circle = await buildCircle(t.app, local, elsewhere.slug);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/surveys`,
      headers: as(local),
      payload: { title: 'Copie', audience: 'members', templateId },
    });
    expect(refused.statusCode).toBe(400);
    // A parent's template list never holds its branches' templates.
    expect(
      (await templatesOf(parentSlug, animator)).filter((x: { builtIn: boolean }) => !x.builtIn),
    ).toHaveLength(1);
  });
});
