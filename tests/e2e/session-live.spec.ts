import { expect, expectAccessible, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

/**
 * Two browsers in one session: what the facilitator does reaches the member's page through the
 * live connection (the page's own refresh is 30 s, far longer than these waits).
 */
test('the facilitator moves the current item and a member sees it; the member checks in and the facilitator sees it', async ({
  page,
  browser,
  pageProblems,
}) => {
  const facilitator = newPerson('Florent');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `live-${Date.now().toString(36)}`;
  const call = async (request: typeof page.request, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Cercles en direct',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Équipe en direct',
    kind: 'animation_team',
    visibility: 'private',
  });
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const session = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Réunion en direct',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
  });
  await call(page.request, 'POST', `/api/v1/sessions/${session.id}/agenda/template`, { template: 'plain' });

  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const memberPage = await memberContext.newPage();
  const member = newPerson('Julie');
  await new AccountPages(memberPage).signUpThroughApi(member);
  const me = await call(memberPage.request, 'GET', '/api/v1/me');
  await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(page.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });

  await page.goto(`/sessions/${session.id}`);
  await memberPage.goto(`/sessions/${session.id}`);
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Réunion en direct' })).toBeVisible();
  await expect(memberPage.getByRole('region', { name: 'Maintenant et ensuite' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Démarrer la séance' }).click();
  const band = memberPage.getByRole('region', { name: 'Maintenant et ensuite' });
  await expect(band).toContainText('Tour de météo', { timeout: 15_000 });
  await page.getByRole('button', { name: /Item suivant/ }).click();
  await expect(band).toContainText('Sujets du jour', { timeout: 15_000 });
  await expectAccessible(memberPage, 'live session (member)');

  await memberPage.getByRole('radio', { name: 'Soleil' }).first().check();
  await memberPage
    .getByRole('textbox', { name: /^Un mot/ })
    .first()
    .fill('curieuse');
  await memberPage.getByRole('button', { name: 'Partager ma météo' }).first().click();
  await expect(page.getByRole('list', { name: /Météo de/ }).first()).toContainText('curieuse', {
    timeout: 15_000,
  });
  await expectAccessible(page, 'live session (facilitator)');
  await memberContext.close();
  expect(pageProblems).toEqual([]);
});
