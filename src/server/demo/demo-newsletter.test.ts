import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { seedDemoData } from './demo-data.ts';

const slug = 'riposte-creative-territoriale';

describe.each(testDialects())('demo newsletter on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoData(t.database.db);
  });
  afterAll(() => t.close());

  it('flags nothing from the seed meeting, whose "A communiquer" is empty', async () => {
    const list = await t.app.inject({ url: `/api/v1/communities/${slug}/communications` });
    expect(list.json()).toEqual({ items: [], nextCursor: null });
  });

  it('holds one draft by the animators, saying it was written for the demo and naming real objects', async () => {
    const admin = await registerUser(t.app, 'Admin'); // first account: instance admin
    const drafts = await t.app.inject({
      url: `/api/v1/communities/${slug}/newsletters?status=draft`,
      headers: { cookie: admin.cookie },
    });
    const [draft] = drafts.json().items;
    expect(draft.subject).toContain('brouillon de démonstration');
    const letter = (
      await t.app.inject({ url: `/api/v1/newsletters/${draft.id}`, headers: { cookie: admin.cookie } })
    ).json();
    expect(letter.items).toEqual([]);
    expect(letter.body).toContain('ne vient pas de la réunion du 15 juin 2021');
    expect(letter.body).toContain('Université de l’innovation publique territoriale — novembre 2021');
    // A draft is the animators' work: visitors see no archive and no draft.
    expect((await t.app.inject({ url: `/api/v1/newsletters/${draft.id}` })).statusCode).toBe(404);
  });
});
