import { expect, expectAccessible, lookAt, test } from './fixtures.ts';
import { CommunityHomePage } from './pages/community-home.page.ts';
import { SearchPage } from './pages/search.page.ts';

const demo = { slug: 'riposte-creative-territoriale', name: 'Riposte créative territoriale' };

/**
 * From the community's home to the object: the home's search box, the results ranked with the
 * words that matched marked ("cooperation" marks "coopération"), a filter, then the session itself.
 */
test('home → search → result → the object', async ({ page, pageProblems }) => {
  const home = new CommunityHomePage(page);
  await home.open(demo.slug, demo.name);
  await home.search('cooperation');

  const search = new SearchPage(page);
  await search.expectOpen();
  const meeting = search.result("Stratégie d'animation de la communauté");
  await expect(meeting).toBeVisible();
  await expect(meeting.locator('mark').first()).toHaveText('coopération');
  await expect(search.result('Coopération ouverte')).toBeVisible();
  await expect(page.getByText(/^\d+ résultats?$/)).toBeVisible();
  await expectAccessible(page, 'search results');
  await lookAt(page, 'search-results', { fullPage: true });

  // Narrowed to the glossary, only the entry remains.
  await search.searchFor('cooperation', 'Abécédaire');
  await expect(search.result('Coopération ouverte')).toBeVisible();
  await expect(search.result("Stratégie d'animation de la communauté")).toHaveCount(0);

  await search.searchFor('cooperation', 'Tout');
  await search.open("Stratégie d'animation de la communauté");
  await expect(page).toHaveURL(/\/sessions\//);
  await expect(
    page.getByRole('heading', { level: 1, name: "Stratégie d'animation de la communauté" }),
  ).toBeVisible();
  expect(pageProblems).toEqual([]);
});
