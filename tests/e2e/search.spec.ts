import { expect, expectAccessible, lookAt, test } from './fixtures.ts';
import { CommunityHomePage } from './pages/community-home.page.ts';
import { SearchPage } from './pages/search.page.ts';

const demo = { slug: 'riposte-creative-territoriale', name: 'Riposte créative territoriale' };

/**
 * From the community's home to the object: the home's search box, the results ranked with the
 * words that matched marked ("cooperation" marks "coopération"), filters (kind, circle, territory),
 * then the session itself.
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
  // One circle of the community: its session stays, the glossary's entry (no circle) leaves.
  await search.narrow({ community: demo.name, circle: 'Équipe d’animation' });
  await expect(page).toHaveURL(/circleId=/);
  await expect(search.result("Stratégie d'animation de la communauté")).toBeVisible();
  await expect(search.result('Coopération ouverte')).toHaveCount(0);
  await lookAt(page, 'search-narrowed');
  // The team's circle is national: in Gironde, its session is not found.
  await search.narrow({ circle: 'Tous', territory: '33' });
  await expect(page).toHaveURL(/territory=33/);
  await expect(page.getByText(/^\d+ résultats?$|Aucun résultat/)).toBeVisible();
  await expect(search.result("Stratégie d'animation de la communauté")).toHaveCount(0);

  await search.narrow({ territory: '' });
  await expect(search.result("Stratégie d'animation de la communauté")).toBeVisible();
  await search.open("Stratégie d'animation de la communauté");
  await expect(page).toHaveURL(/\/sessions\//);
  await expect(
    page.getByRole('heading', { level: 1, name: "Stratégie d'animation de la communauté" }),
  ).toBeVisible();
  expect(pageProblems).toEqual([]);
});
