import { readFileSync } from 'node:fs';
import { expect, expectAccessible, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

const seed = readFileSync(new URL('../../fixtures/seed-meeting-2021-06-15.txt', import.meta.url), 'utf8');

test('a facilitator previews then imports the 15 June 2021 meeting notes', async ({ page, pageProblems }) => {
  const facilitator = newPerson('Bernard');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `import-${Date.now().toString(36)}`;
  const post = async (path: string, data: object) => {
    const response = await page.request.post(path, { data });
    expect(response.status(), path).toBeLessThan(300);
    return response.json();
  };
  await post('/api/v1/communities', { name: 'Riposte import', slug, joinPolicy: 'open' });
  const circle = await post(`/api/v1/communities/${slug}/circles`, {
    name: 'Équipe d’animation',
    kind: 'animation_team',
    visibility: 'community',
  });

  await page.goto(`/circles/${circle.id}`);
  await page
    .getByRole('link', { name: 'Importer des notes' })
    .or(page.getByRole('button', { name: 'Importer des notes' }))
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importer des notes de réunion' })).toBeVisible();
  await page.getByRole('textbox', { name: /^Texte des notes/ }).fill(seed);
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(page.getByText('Tout a été reconnu.')).toBeVisible();
  await expect(page.getByText('Retour sur le Cercle des cercles').first()).toBeVisible();
  await expect(page.getByText('Sandrine Demoulin-Noirclerc').first()).toBeVisible();
  await expectAccessible(page, 'import preview');

  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: "Stratégie d'animation de la communauté" }),
  ).toBeVisible();
  await expect(page.getByText('scénario pédagogique du REX').first()).toBeVisible();
  expect(pageProblems).toEqual([]);
});
