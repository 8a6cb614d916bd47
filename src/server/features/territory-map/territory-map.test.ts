import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityMap } from '../../../contract/territory.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('a community’s map on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let insider: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let slug: string;
  const inject = (method: 'GET' | 'PATCH', url: string, user?: TestUser, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user ? { cookie: user.cookie } : {},
      ...(payload && { payload }),
    });
  const ok = async (url: string, user: TestUser, payload: object) => {
    const response = await inject('PATCH', url, user, payload);
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  };
  const mapAs = async (user?: TestUser): Promise<CommunityMap> => {
    const response = await inject('GET', `/communities/${slug}/map`, user);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const entry = (map: CommunityMap, code: string) => map.items.find((item) => item.code === code);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    insider = await registerUser(t.app, 'Bernard');
    member = await registerUser(t.app, 'Julie');
    outsider = await registerUser(t.app, 'Dehors');
    slug = (await buildCommunity(t.app, animator)).slug;
    for (const user of [insider, member]) await joinCommunity(t.app, user, slug);
    const codev = await buildCircle(t.app, animator, slug, { name: 'Codev', visibility: 'public' });
    const wiki = await buildCircle(t.app, animator, slug, { name: 'Wiki', visibility: 'community' });
    const secret = await buildCircle(t.app, animator, slug, { name: 'Secret', visibility: 'private' });
    const grandEst = await buildCircle(t.app, animator, slug, { name: 'Innovateurs', visibility: 'public' });
    await addToCircle(t.app, animator, secret.id, insider);
    await ok(`/circles/${codev.id}`, animator, { territoryCodes: ['33'] });
    // Linked to the région and one of its départements: it counts once for the région.
    await ok(`/circles/${wiki.id}`, animator, { territoryCodes: ['R75', '33'] });
    await ok(`/circles/${secret.id}`, animator, { territoryCodes: ['33'] });
    await ok(`/circles/${grandEst.id}`, animator, { territoryCodes: ['67'] });
    await ok('/me', member, { territoryCodes: ['33'] });
    await ok('/me', insider, { territoryCodes: ['R75'] });
    // Not a member of the community: never counted.
    await ok('/me', outsider, { territoryCodes: ['33'] });
  });
  afterAll(() => t.close());

  it('counts a private circle only for those who may see it', async () => {
    const asInsider = await mapAs(insider);
    expect(entry(asInsider, '33')).toEqual({ code: '33', circles: 3, members: 1, branches: 0 });
    const asMember = await mapAs(member);
    expect(entry(asMember, '33')).toEqual({ code: '33', circles: 2, members: 1, branches: 0 });
  });

  it('sums a région over itself and its départements, each circle once, and says what is its own', async () => {
    const map = await mapAs(member);
    expect(entry(map, 'R75')).toEqual({
      code: 'R75',
      circles: 2,
      members: 2,
      branches: 0,
      ownCircles: 1,
      ownMembers: 1,
    });
    expect(entry(map, 'R44')).toEqual({
      code: 'R44',
      circles: 1,
      members: 0,
      branches: 0,
      ownCircles: 0,
      ownMembers: 0,
    });
    expect(entry(map, '67')).toEqual({ code: '67', circles: 1, members: 0, branches: 0 });
    // Only territories with something in them.
    expect(entry(map, 'R11')).toBeUndefined();
    expect(map.communityCodes).toEqual([]);
  });

  it('shows members only to the community’s members', async () => {
    for (const viewer of [outsider, undefined]) {
      const map = await mapAs(viewer);
      expect(map.showsMembers).toBe(false);
      // Public circles only: the community circle and the private one are not counted.
      expect(entry(map, '33')).toEqual({ code: '33', circles: 1, members: null, branches: 0 });
      expect(entry(map, 'R75')).toMatchObject({ circles: 1, members: null, ownCircles: 0 });
    }
    expect((await mapAs(member)).showsMembers).toBe(true);
  });

  it('names the community’s own territories, and answers 404 for an unknown community', async () => {
    await ok(`/communities/${slug}`, animator, { territoryCodes: ['R75'] });
    expect((await mapAs()).communityCodes).toEqual(['R75']);
    expect((await inject('GET', '/communities/nowhere-at-all/map')).statusCode).toBe(404);
  });

  it('places the community’s territorial branches on its map', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      headers: { cookie: animator.cookie },
      payload: { name: 'Riposte Gironde', slug: `${slug}-gironde`, joinPolicy: 'open', parentSlug: slug },
    });
    expect(created.statusCode, created.body).toBe(201);
    await ok(`/communities/${slug}-gironde`, animator, { territoryCodes: ['33'] });
    const map = await mapAs();
    expect(map.branches).toEqual([
      { slug: `${slug}-gironde`, name: 'Riposte Gironde', territoryCodes: ['33'] },
    ]);
    expect(entry(map, '33')?.branches).toBe(1);
    expect(entry(map, 'R75')?.branches).toBe(1);
    expect(entry(map, 'R44')?.branches ?? 0).toBe(0);
  });
});
