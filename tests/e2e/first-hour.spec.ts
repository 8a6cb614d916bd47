import { expect, test } from './fixtures.ts';
import { setUpFacilitator } from './pages/first-hour.page.ts';

/** What a new facilitator met in their first hour (issue 9, item 12), checked end to end. */

test('a private link opened signed out asks to sign in, then comes back to the page', async ({
  page,
  browser,
  pageProblems,
}) => {
  // Eleven pages opened one after the other, on a shared machine: more than the default 30 s.
  test.setTimeout(120_000);
  const space = await setUpFacilitator(page);
  const visitor = await browser.newContext({ locale: 'fr-FR' });
  const guest = await visitor.newPage();

  const privatePages = [
    `/boards/${space.boardId}`,
    `/sessions/${space.sessionId}`,
    `/sessions/${space.sessionId}/minutes`,
    `/circles/${space.circleId}`,
    `/circles/${space.circleId}/import`,
    `/polls/${space.pollId}`,
    `/date-polls/${space.datePollId}`,
    `/signup-sheets/${space.sheetId}`,
    '/my-actions',
    '/my-sessions',
    '/profile',
  ];
  for (const path of privatePages) {
    await guest.goto(`${path}?tab=x#part`);
    await expect(guest, path).toHaveURL((url) => url.pathname === '/sign-in');
    expect(new URL(guest.url()).searchParams.get('next'), path).toBe(`${path}?tab=x#part`);
    await expect(guest.getByText('Connectez-vous pour continuer')).toBeVisible();
    await expect(guest.getByText(/session a expiré/)).toHaveCount(0);
    if (path === privatePages[0])
      await guest.screenshot({ path: 'test-results/first-hour/sign-in-to-continue.png' });
  }

  // An address that matches no screen stays a plain "not found".
  await guest.goto('/nulle-part');
  await expect(guest.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();

  await guest.goto(`/boards/${space.boardId}`);
  await guest.getByLabel('Adresse électronique').fill(space.facilitator.email);
  await guest.getByRole('textbox', { name: 'Mot de passe' }).fill(space.facilitator.password);
  await guest.getByRole('button', { name: 'Se connecter' }).last().click();
  await expect(guest).toHaveURL(new RegExp(`/boards/${space.boardId}$`));
  await expect(guest.getByRole('heading', { level: 1, name: 'Idées' })).toBeVisible();
  await guest.screenshot({ path: 'test-results/first-hour/board-after-sign-in.png' });

  // A "next" pointing elsewhere is ignored: no open redirect.
  await visitor.clearCookies();
  await guest.goto('/sign-in?next=//evil.example/');
  await guest.getByLabel('Adresse électronique').fill(space.facilitator.email);
  await guest.getByRole('textbox', { name: 'Mot de passe' }).fill(space.facilitator.password);
  await guest.getByRole('button', { name: 'Se connecter' }).last().click();
  await expect(guest.getByRole('heading', { level: 1, name: /^Bonjour/ })).toBeVisible();
  expect(new URL(guest.url()).origin).toBe(new URL(page.url()).origin);
  await visitor.close();
  expect(pageProblems).toEqual([]);
});
