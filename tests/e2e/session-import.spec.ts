import { readFileSync } from 'node:fs';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
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

test('the import review offers the seed’s sign-up sheet and date poll, prefilled from the notes', async ({
  page,
  pageProblems,
}) => {
  await new AccountPages(page).signUpThroughApi(newPerson('Philippe'));
  const slug = `offers-${Date.now().toString(36)}`;
  const post = async (path: string, data: object) => {
    const response = await page.request.post(path, { data });
    expect(response.status(), path).toBeLessThan(300);
    return response.json();
  };
  await post('/api/v1/communities', { name: 'Riposte offres', slug, joinPolicy: 'open' });
  const circle = await post(`/api/v1/communities/${slug}/circles`, {
    name: 'Équipe d’animation',
    kind: 'animation_team',
    visibility: 'community',
  });
  await page.goto(`/circles/${circle.id}/import`);
  await page.getByRole('textbox', { name: /^Texte des notes/ }).fill(seed);
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  const offers = page.getByRole('region', { name: 'À organiser' });
  await expect(
    offers.getByText(/^Une feuille d’inscription « Qui veut y travailler \? », pour 2 sujets/),
  ).toBeVisible();
  await expect(
    offers.getByText('Un sondage de dates : « Organisation de deux séances de travail »'),
  ).toBeVisible();

  await offers.getByRole('button', { name: 'Créer la feuille d’inscription' }).click();
  const sheet = page.getByRole('dialog', { name: 'Ouvrir une feuille d’inscription' });
  await expect(sheet.getByLabel('Sujet 1', { exact: false }).first()).toHaveValue(
    "Mise en place d'un retour d'expérience des cercles d'apprentissage fin septembre ?",
  );
  await lookAt(page, 'import-offer-signup');
  await sheet.getByRole('button', { name: 'Ouvrir la feuille' }).click();
  await expect(sheet).toBeHidden();
  await expect(offers.getByRole('link', { name: 'Qui veut y travailler ?' })).toBeVisible();

  await offers.getByRole('button', { name: 'Créer le sondage de dates' }).click();
  const poll = page.getByRole('dialog', { name: 'Proposer des dates' });
  await expect(poll.getByLabel('Titre')).toHaveValue('Organisation de deux séances de travail');
  await poll.getByLabel('Date du créneau 1').fill(`${new Date().getUTCFullYear() + 1}-09-21`);
  await poll.getByRole('button', { name: 'Créer le sondage' }).click();
  await expect(poll).toBeHidden();
  await expect(offers.getByRole('link', { name: 'Organisation de deux séances de travail' })).toBeVisible();
  await expectAccessible(page, 'import review with offers');
  await lookAt(page, 'import-offers', { fullPage: true });

  // The review is still there: the import goes on as before.
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: "Stratégie d'animation de la communauté" }),
  ).toBeVisible();
  expect(pageProblems).toEqual([]);
});
