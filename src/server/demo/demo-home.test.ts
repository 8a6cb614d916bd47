import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { seedDemoData } from './demo-data.ts';

describe.each(testDialects())('the demo community’s home on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoData(t.database.db);
  });
  afterAll(() => t.close());

  it('links the team’s next meeting, the 15 June minutes, and finds the meeting by its words', async () => {
    const home = await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale/home' });
    expect(home.statusCode).toBe(200);
    const { nextSessions, latestMinutes } = home.json() as Record<string, { title: string; url: string }[]>;
    expect(nextSessions?.[0]?.title).toBe('Réunion de l’équipe d’animation');
    expect(nextSessions?.[0]?.url).toMatch(/^\/sessions\//);
    expect(latestMinutes?.map((item) => item.title)).toContain("Stratégie d'animation de la communauté");
    await t.indexSearch();
    const found = await t.app.inject({
      url: '/api/v1/search?q=cooperation&community=riposte-creative-territoriale',
    });
    const titles = (found.json() as { items: { title: string }[] }).items.map((item) => item.title);
    expect(titles).toContain('Coopération ouverte');
    expect(titles).toContain("Stratégie d'animation de la communauté");
  });
});
