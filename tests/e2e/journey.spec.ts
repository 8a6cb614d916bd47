import { expect, expectAccessible, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { CirclePage } from './pages/circle.page.ts';
import { CommunityPage } from './pages/community.page.ts';

test('sign up, create a community and a circle, and a second person joins it', async ({
  page,
  browser,
  pageProblems,
}) => {
  const camille = newPerson('Camille');
  await new AccountPages(page).signUp(camille);
  await expectAccessible(page, 'home (signed in)');

  const community = new CommunityPage(page);
  const name = `Riposte Gironde ${Date.now().toString(36)}`;
  const slug = await community.create({
    name,
    description: 'Les cercles de Gironde et de Nouvelle-Aquitaine.',
  });
  await expectAccessible(page, 'community page (animator)');

  await community.createCircle({
    name: 'Cercle Codev Gironde',
    intention: 'Se consulter entre pairs.',
    capacity: 12,
  });
  await expect(page.getByText('12 places libres sur 12')).toBeVisible();
  await expectAccessible(page, 'circle page (facilitator)');

  // A second person, in a browser of their own.
  const secondContext = await browser.newContext({ locale: 'fr-FR' });
  const second = await secondContext.newPage();
  const nadia = newPerson('Nadia');
  await new AccountPages(second).signUp(nadia);
  const communityForNadia = new CommunityPage(second);
  await communityForNadia.open(slug, name);
  // The circle is for community members: it shows once Nadia has joined.
  await expect(second.getByRole('link', { name: 'Cercle Codev Gironde' })).toHaveCount(0);
  await communityForNadia.join();
  const circle = new CirclePage(second);
  await circle.openFromCommunity('Cercle Codev Gironde');
  await circle.join();
  await expect(second.getByText('11 places libres sur 12')).toBeVisible();
  await expectAccessible(second, 'circle page (member)');

  // Camille sees her.
  await page.reload();
  // In the member list (the facilitator picker also names her, as an option).
  await expect(page.getByRole('listitem').filter({ hasText: nadia.name })).toBeVisible();
  await expect(page.getByText('11 places libres sur 12')).toBeVisible();

  // Nadia finds the circle under "Mes cercles".
  await second.getByRole('link', { name: 'Mes cercles' }).click();
  await expect(second.getByRole('link', { name: 'Cercle Codev Gironde' })).toBeVisible();
  await secondContext.close();
  expect(pageProblems).toEqual([]);
});
