import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCommunity,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { seedDemoOpenSpace } from './demo-open-space.ts';

describe.each(testDialects())('the demo forum ouvert on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Animatrice');
  });
  afterAll(() => t.close());

  it('places its sessions within the event, and its report holds the seeded notes', async () => {
    const community = await buildCommunity(t.app, animator);
    const eventId = randomUUID();
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('events')
      .values({
        id: eventId,
        communityId: community.id,
        parentId: null,
        title: 'Temps inspirant en ligne',
        description: '',
        startsAt: '2021-10-14T12:00:00.000Z',
        endsAt: '2021-10-14T15:30:00.000Z',
        timeZone: 'Europe/Paris',
        visibility: 'public',
        capacity: null,
        cancelledAt: null,
        createdBy: animator.id,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const id = await seedDemoOpenSpace(t.database.db, { eventId, hostIds: [animator.id] });
    const space = (await t.app.inject({ url: `/api/v1/open-spaces/${id}` })).json();
    expect(space.rooms.map((room: { name: string }) => room.name)).toEqual([
      'Salle Cercles',
      'Salle Territoires',
      'Salle Outils',
    ]);
    expect(space.slots).toHaveLength(3);
    for (const slot of space.slots) {
      expect(slot.startsAt >= '2021-10-14T12:00:00.000Z' && slot.endsAt <= '2021-10-14T15:30:00.000Z').toBe(
        true,
      );
    }
    expect(space.sessions).toHaveLength(4);
    const report = await t.app.inject({
      url: `/api/v1/open-spaces/${id}/report.md?lang=fr`,
      headers: { cookie: animator.cookie },
    });
    expect(report.body).toContain('### Comment porter les cercles sur les territoires ?');
    expect(report.body).toContain('Intégrer l’équipe de l’organisation de l’Université locale');
  });
});
