import { expect, expectAccessible, instanceAdmin, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { CommunityHomePage } from './pages/community-home.page.ts';

const demo = { slug: 'riposte-creative-territoriale', name: 'Riposte créative territoriale' };

/**
 * The animators' dashboard of the demo community over 2021: reached from the home, one chart per
 * figure with its numbers as a table, a period picker, the CSV; other accounts are told it is the
 * animation team's.
 */
test('the dashboard shows each circle’s figures over a period, as charts, tables and CSV', async ({
  page,
  pageProblems,
}) => {
  await new AccountPages(page).signIn(instanceAdmin);
  const home = new CommunityHomePage(page);
  await home.open(demo.slug, demo.name);
  await page
    .getByRole('navigation', { name: 'Aller plus loin' })
    .getByRole('link', { name: 'Tableau de bord' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();

  await page.getByLabel('Du').fill('2021-01-01');
  await page.getByLabel('Au').fill('2021-12-31');
  await page.getByRole('button', { name: 'Afficher' }).click();
  await expect(page).toHaveURL(/from=2021-01-01&to=2021-12-31/);
  await expect(page.getByText('Du 1 janvier 2021 au 31 décembre 2021', { exact: false })).toBeVisible();
  const sessions = page.getByRole('img', { name: 'Séances tenues par cercle' });
  await expect(sessions).toBeVisible();
  await expect(page.getByRole('table', { name: 'Séances tenues par cercle' })).toContainText(
    'Équipe d’animation',
  );
  const figures = page.getByRole('table', { name: 'Tous les chiffres' });
  await expect(figures.getByRole('row', { name: /Équipe d’animation/ })).toContainText('2');
  await expect(figures.getByRole('row', { name: /Toute la communauté/ })).toBeVisible();
  // Its people active come in their own request, after the figures (decision 057).
  await expect(figures.getByRole('row', { name: /Toute la communauté/ })).not.toContainText(
    'en cours de calcul',
  );
  await expectAccessible(page, 'the dashboard');
  await lookAt(page, 'dashboard', { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await lookAt(page, 'dashboard-390', { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  const csvLink = page.getByRole('link', { name: 'Télécharger en CSV' });
  const href = await csvLink.getAttribute('href');
  expect(href).toContain('/dashboard.csv?from=2021-01-01&to=2021-12-31');
  const csv = await page.request.get(href ?? '');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  // Headed in the reader's language: the browser here reads French.
  const text = await csv.text();
  expect(text).toMatch(/^\uFEFF?Périmètre,Nom,Du,Au,Séances tenues,/);
  expect(text).toMatch(/\nCommunauté,Riposte créative territoriale,2021-01-01,2021-12-31,/);
  expect(pageProblems).toEqual([]);
});

test('a member who is not an animator is told the dashboard is the animation team’s', async ({ page }) => {
  const member = newPerson('Julie');
  await new AccountPages(page).signUpThroughApi(member);
  await page.goto(`/c/${demo.slug}/dashboard`);
  await expect(
    page.getByText('Le tableau de bord est réservé à l’équipe d’animation de la communauté.'),
  ).toBeVisible();
  await expectAccessible(page, 'the dashboard refused');
});
