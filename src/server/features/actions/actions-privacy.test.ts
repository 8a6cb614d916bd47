import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

/**
 * Someone waitlisted in a private circle sees the circle (they are waiting for a place), not what
 * is said in it: every route of its sessions and actions answers 404, exactly as if it did not
 * exist, never a 403 that would confirm it does.
 */
describe.each(testDialects())('actions of a private circle on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let waiting: TestUser;
  let circleId: string;
  let sessionId: string;
  let sessionActionId: string;
  let circleActionId: string;

  const as = (user: TestUser) => ({ cookie: user.cookie });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Bernard');
    waiting = await registerUser(t.app, 'Wanda');
    const community = await buildCommunity(t.app, facilitator);
    for (const user of [member, waiting]) await joinCommunity(t.app, user, community.slug);
    circleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'private', capacity: 1 }))
      .id;
    expect((await addToCircle(t.app, facilitator, circleId, member)).status).toBe('member');
    expect((await addToCircle(t.app, facilitator, circleId, waiting)).status).toBe('waitlisted');
    sessionId = (await buildSession(t.app, facilitator, circleId, { title: 'Séance close' })).id;
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/actions`,
      headers: as(facilitator),
      payload: { title: 'Action confidentielle', ownerIds: [member.id] },
    });
    expect(created.statusCode).toBe(201);
    sessionActionId = created.json().id;
    // An action of the circle itself, as a board's post-it turned into an action leaves it.
    circleActionId = randomUUID();
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('actions')
      .values({
        id: circleActionId,
        circleId,
        sessionId: null,
        title: 'Action du cercle confidentielle',
        dueOn: null,
        status: 'todo',
        createdBy: facilitator.id,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  });
  afterAll(() => t.close());

  it('answers 404 to a waitlisted person on every action and session route, while the circle shows', async () => {
    expect(
      (await t.app.inject({ url: `/api/v1/circles/${circleId}`, headers: as(waiting) })).statusCode,
    ).toBe(200);
    const routes = [
      { method: 'GET' as const, url: `/api/v1/sessions/${sessionId}` },
      { method: 'GET' as const, url: `/api/v1/sessions/${sessionId}/minutes.md` },
      { method: 'GET' as const, url: `/api/v1/sessions/${sessionId}/actions` },
      { method: 'POST' as const, url: `/api/v1/sessions/${sessionId}/actions`, payload: { title: 'x' } },
      { method: 'PATCH' as const, url: `/api/v1/actions/${sessionActionId}`, payload: { status: 'done' } },
      { method: 'PATCH' as const, url: `/api/v1/actions/${circleActionId}`, payload: { status: 'done' } },
      {
        method: 'PUT' as const,
        url: `/api/v1/sessions/${sessionId}/checkins/me`,
        payload: { weather: 'sunny' },
      },
      {
        method: 'PUT' as const,
        url: `/api/v1/sessions/${sessionId}/participants/me`,
        payload: { status: 'confirmed' },
      },
      { method: 'PATCH' as const, url: `/api/v1/sessions/${sessionId}`, payload: { title: 'x' } },
    ];
    for (const route of routes) {
      const response = await t.app.inject({ ...route, headers: as(waiting) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(response.body).not.toContain('confidentielle');
    }
    const stillOpen = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/actions/${sessionActionId}`,
      headers: as(member),
      payload: { status: 'in_progress' },
    });
    expect(stillOpen.statusCode).toBe(200);
  });

  it('keeps 403 for a member who may see the action but not change it', async () => {
    const other = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/actions/${circleActionId}`,
      headers: as(member),
      payload: { status: 'done' },
    });
    expect(other.statusCode).toBe(403);
  });

  it('lists no action of a circle whose content its owner can no longer see', async () => {
    const mine = async () =>
      (await t.app.inject({ url: '/api/v1/me/actions', headers: as(member) })).json().items as {
        id: string;
      }[];
    expect((await mine()).map((action) => action.id)).toContain(sessionActionId);
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circleId}/members/${member.id}`,
      headers: as(member),
    });
    expect(left.statusCode).toBe(204);
    expect(await mine()).toEqual([]);
  });
});
