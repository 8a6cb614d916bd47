import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { seedDemoData } from './demo-data.ts';

describe.each(testDialects())('demo sign-ups and date poll on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoData(t.database.db);
  });
  afterAll(() => t.close());

  it('gives the animation team the seed meeting’s sheet and date poll', async () => {
    const circles = (
      await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale/circles' })
    ).json().items as { id: string; kind: string }[];
    const team = circles.find((c) => c.kind === 'animation_team');
    const sheets = (await t.app.inject({ url: `/api/v1/circles/${team?.id}/signup-sheets` })).json().items;
    expect(sheets).toMatchObject([{ title: 'Qui veut y travailler ?', topicCount: 2, entryCount: 5 }]);
    const sheet = (await t.app.inject({ url: `/api/v1/signup-sheets/${sheets[0].id}` })).json();
    expect(sheet.topics.map((topic: { title: string }) => topic.title)).toEqual([
      'Retour d’expérience des cercles',
      'Évaluation des cercles d’apprentissage',
    ]);
    const polls = (await t.app.inject({ url: `/api/v1/circles/${team?.id}/date-polls` })).json().items;
    expect(polls).toMatchObject([
      { title: 'Deux séances de travail', status: 'open', slotCount: 4, respondentCount: 4 },
    ]);
    const poll = (await t.app.inject({ url: `/api/v1/date-polls/${polls[0].id}` })).json();
    expect(poll.slots.filter((slot: { isBest: boolean }) => slot.isBest)).toHaveLength(1);
    expect(poll.slots[2]).toMatchObject({ yes: 3, isBest: true });
    expect(poll.participants.map((p: { name: string }) => p.name)).toContain('Julie Chabaud');
  });
});
