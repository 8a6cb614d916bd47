import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { CommunityMapPage, TerritoryPicker } from './pages/community-map.page.ts';

const demo = { slug: 'riposte-creative-territoriale', name: 'Riposte créative territoriale' };

/** Every request the page makes stays on the instance: no tiles, fonts or data from elsewhere. */
function outsideRequests(page: import('@playwright/test').Page): string[] {
  const outside: string[] = [];
  page.on('request', (request) => {
    const { hostname, protocol } = new URL(request.url());
    if (protocol === 'data:' || protocol === 'blob:') return;
    if (!['localhost', '127.0.0.1', '[::1]'].includes(hostname)) outside.push(request.url());
  });
  return outside;
}

test('the demo community’s map: national, circles in Nouvelle-Aquitaine and Grand Est, nothing from outside', async ({
  page,
  pageProblems,
}) => {
  const outside = outsideRequests(page);
  await page.goto(`/c/${demo.slug}`);
  await expect(page.getByText('National', { exact: false }).first()).toBeVisible();
  const map = new CommunityMapPage(page);
  await map.open(demo.slug, demo.name);

  await expect(page.getByText('Communauté nationale', { exact: false })).toBeVisible();
  await expect(map.row(/Nouvelle-Aquitaine \(région\)/)).toContainText('2 (dont la région : 1)');
  await expect(map.row(/33 – Gironde/)).toContainText('1');
  await expect(map.row(/Grand Est \(région\)/)).toContainText('1');
  // Member counts are for the community's members only: a visitor sees the circles.
  await expect(page.getByText('n’est montré qu’aux membres de la communauté')).toBeVisible();
  await expect(map.table().getByRole('columnheader', { name: 'Membres' })).toHaveCount(0);

  // Gironde on the drawing leads to its line of the table, by keyboard.
  const gironde = map.shapeLink(/^Gironde \(33\) : 1 cercle/);
  await expect(gironde).toBeVisible();
  await gironde.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#territory-33$/);
  // A département of a région with a région-wide circle leads to the région's line.
  await expect(
    map.shapeLink(/^Landes \(40\) : aucun cercle, dont 1 cercle à l’échelle de la région/),
  ).toHaveAttribute('href', '#territory-R75');

  await lookAt(page, 'map-demo', { fullPage: true });
  await expectAccessible(page, 'the community map');
  expect(outside).toEqual([]);
  expect(pageProblems).toEqual([]);
});

test('a facilitator places a circle in a département with the picker, and the map shows it', async ({
  page,
  pageProblems,
}) => {
  const outside = outsideRequests(page);
  const facilitator = newPerson('Bernard');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `carte-${Date.now().toString(36)}`;
  const community = await page.request.post('/api/v1/communities', {
    data: { name: 'Carte en test', slug, joinPolicy: 'open' },
  });
  expect(community.status()).toBe(201);
  const circle = await page.request.post(`/api/v1/communities/${slug}/circles`, {
    data: { name: 'Cercle girondin', kind: 'learning_circle', visibility: 'public' },
  });
  expect(circle.status()).toBe(201);

  await page.goto(`/circles/${(await circle.json()).id}`);
  await page.getByRole('button', { name: 'Modifier le cercle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier le cercle' });
  const picker = new TerritoryPicker(dialog);
  await picker.choose('gironde', '33 – Gironde');
  await picker.choose('67', '67 – Bas-Rhin');
  await expect(picker.chosen().getByRole('listitem')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Retirer 67 – Bas-Rhin' }).click();
  await expect(picker.chosen().getByRole('listitem')).toHaveCount(1);
  await lookAt(dialog, 'map-picker');
  await expectAccessible(page, 'the circle form with its territory picker');
  await dialog.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Territoires : Gironde')).toBeVisible();

  const map = new CommunityMapPage(page);
  await map.open(slug, 'Carte en test');
  // A member (its creator) sees the members column too.
  await expect(map.table().getByRole('columnheader', { name: 'Membres' })).toBeVisible();
  await expect(map.row(/33 – Gironde/)).toContainText('1');
  await expect(map.row(/Nouvelle-Aquitaine \(région\)/)).toContainText('1');
  await expect(map.row(/Grand Est/)).toHaveCount(0);
  await expectAccessible(page, 'a new community’s map');

  // One's profile: only its person sets it; the territory is kept and shown ticked on return.
  await page.goto('/profile');
  const profile = new TerritoryPicker(page.getByRole('group', { name: 'Régions et départements' }));
  await profile.choose('aquitaine', 'Nouvelle-Aquitaine (toute la région)');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Profil enregistré.')).toBeVisible();
  await expectAccessible(page, 'the profile with its territory picker');
  await page.reload();
  await expect(profile.chosen().getByRole('listitem')).toHaveText(['Nouvelle-Aquitaine (toute la région)×']);
  await map.open(slug, 'Carte en test');
  await expect(map.row(/Nouvelle-Aquitaine \(région\)/).getByRole('cell')).toHaveText(['1', '1']);
  expect(outside).toEqual([]);
  expect(pageProblems).toEqual([]);
});
