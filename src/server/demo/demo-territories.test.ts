import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityMap } from '../../contract/territory.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { seedDemoData } from './demo-data.ts';

describe.each(testDialects())('the demo on the map on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoData(t.database.db);
  });
  afterAll(() => t.close());

  it('is national, with circles in Nouvelle-Aquitaine (Gironde) and Grand Est', async () => {
    const response = await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale/map' });
    expect(response.statusCode).toBe(200);
    const map: CommunityMap = response.json();
    expect(map.communityCodes).toEqual([]);
    expect(map.showsMembers).toBe(false);
    const entry = (code: string) => map.items.find((item) => item.code === code);
    // The Codev circle, and the Riposte Gironde branch.
    expect(entry('33')).toEqual({ code: '33', circles: 1, members: null, branches: 1 });
    expect(map.branches).toEqual([
      { slug: 'riposte-gironde', name: 'Riposte Gironde', territoryCodes: ['33'] },
    ]);
    expect(entry('R75')).toMatchObject({ circles: 2, ownCircles: 1 });
    expect(entry('R44')).toMatchObject({ circles: 1, ownCircles: 1 });
    expect(map.items.map((item) => item.code)).toEqual(['R44', 'R75', '33']);
  });

  it('places the Codev circle in Gironde', async () => {
    const circles = (
      await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale/circles' })
    ).json().items as { name: string; territoryCodes: string[] }[];
    expect(circles.find((circle) => circle.name === 'Cercle Codev')?.territoryCodes).toEqual(['33']);
    expect(circles.find((circle) => circle.name === 'Équipe d’animation')?.territoryCodes).toEqual([]);
  });
});
