import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

/** A wall's view transform, as the page exposes it (data attributes on its viewport). */
async function scaleOf(page: Page) {
  return Number(await page.getByRole('region', { name: /^Mur du tableau/ }).getAttribute('data-wall-scale'));
}

/**
 * Issue 17's acceptance, in one room: two browsers with accounts (the facilitator, a member) and a
 * guest without one. The facilitator runs the session from the meeting view (the countdown paused
 * and extended); the guest joins by the session's code, adds a post-it on the wall and votes; the
 * facilitator's focus moves both the member's wall and the guest's; the board exports to PNG and
 * CSV; axe finds nothing serious in the meeting view, the wall and the guest's pages.
 */
test('a facilitator runs the room: meeting view, a guest by code on the wall, focus, exports', async ({
  page,
  browser,
  pageProblems,
}) => {
  test.setTimeout(180_000);
  const facilitator = newPerson('Fanny');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const call = async (request: typeof page.request, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.status() === 204 ? null : response.json();
  };
  const slug = `salle-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Cercles CNFPT',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Codev Hauts-de-France',
    kind: 'learning_circle',
    visibility: 'private',
  });
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const session = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Retour d’expérience',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
  });
  const agenda = await call(page.request, 'POST', `/api/v1/sessions/${session.id}/agenda/template`, {
    template: 'plain',
  });
  const board = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/boards`, {
    title: 'Ce que je retiens',
    template: 'retro',
    sessionId: session.id,
  });
  await call(page.request, 'POST', `/api/v1/circles/${circle.id}/polls`, {
    title: 'Prochaine séance',
    kind: 'single',
    options: ['Mardi', 'Jeudi'],
    sessionId: session.id,
  });

  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const memberPage = await memberContext.newPage();
  const member = newPerson('Julien');
  await new AccountPages(memberPage).signUpThroughApi(member);
  const me = await call(memberPage.request, 'GET', '/api/v1/me');
  await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(page.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });

  // The facilitator runs the session from the meeting view: started, paused, extended.
  await page.goto(`/sessions/${session.id}/meeting`);
  await page.getByRole('button', { name: 'Démarrer la séance' }).click();
  const firstTitle = agenda.items[0].title as string;
  await expect(
    page.getByRole('region', { name: 'Item en cours' }).getByRole('heading', { name: firstTitle }),
  ).toBeVisible();
  await memberPage.goto(`/sessions/${session.id}/meeting`);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('meeting-clock')).toContainText('En pause');
  const seconds = (text: string | null) => {
    const [m, s] = (text ?? '').split(':').map(Number);
    return (m ?? 0) * 60 + (s ?? 0);
  };
  const pausedAt = await page.getByRole('timer').textContent();
  await page.getByRole('button', { name: 'Ajouter 2 minutes' }).click();
  await expect
    .poll(async () => seconds(await page.getByRole('timer').textContent()))
    .toBe(seconds(pausedAt) + 120);
  const extended = await page.getByRole('timer').textContent();
  await expect(memberPage.getByRole('timer')).toHaveText(extended ?? '', { timeout: 15_000 });
  await expectAccessible(page, 'meeting view');

  // The session opens to guests; someone without an account joins with the code.
  await page.goto(`/sessions/${session.id}`);
  await page
    .getByRole('complementary')
    .filter({ hasText: 'Invité·es sans compte' })
    .getByRole('button', { name: 'Ouvrir aux invité·es' })
    .click();
  const code = (await page.getByTestId('guest-code').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const guestContext = await browser.newContext({ locale: 'fr-FR' });
  const guest = await guestContext.newPage();
  await guest.goto('/rejoindre');
  await expectAccessible(guest, 'guest join page');
  await guest.getByLabel('Code de la séance').fill(code);
  await guest.getByLabel('Votre nom').fill('Gaëlle Invitée');
  await guest.getByRole('button', { name: 'Rejoindre la séance' }).click();
  await expect(guest.getByRole('heading', { level: 1, name: 'Retour d’expérience' })).toBeVisible();

  // The guest's post-it lands on the wall, for everyone; then they vote.
  const guestWall = guest.getByRole('region', { name: /^Mur du tableau/ });
  await expect(guestWall.getByRole('group', { name: 'Zone « Actions »', exact: true })).toBeAttached();
  await guest.getByLabel('Votre post-it').fill('Ouvrir les cercles aux agents du CNFPT');
  await guest.getByRole('button', { name: 'Ajouter le post-it' }).click();
  await expect(
    guestWall.getByRole('group', { name: /Ouvrir les cercles aux agents du CNFPT/ }),
  ).toBeAttached();
  await page.goto(`/boards/${board.id}`);
  const wall = page.getByRole('region', { name: /^Mur du tableau/ });
  await expect(wall.getByRole('group', { name: /Ouvrir les cercles aux agents du CNFPT/ })).toBeAttached();
  await guest.getByRole('radio', { name: 'Jeudi' }).check();
  await guest.getByRole('button', { name: 'Voter' }).click();
  await expect(guest.getByText('Votre vote est enregistré.')).toBeVisible();
  await expectAccessible(guest, 'guest session view with its wall');
  await lookAt(guest, 'facilitation-guest', { fullPage: true });

  // Focus: the facilitator brings everyone to a zone; the member's wall and the guest's move.
  await memberPage.goto(`/boards/${board.id}`);
  await expect(memberPage.getByRole('region', { name: /^Mur du tableau/ })).toBeVisible();
  const memberScale = await scaleOf(memberPage);
  const guestScale = await scaleOf(guest);
  await wall.getByRole('group', { name: 'Zone « Actions »', exact: true }).focus();
  await page.getByRole('button', { name: 'Amener tout le monde ici' }).click();
  for (const screen of [memberPage, guest]) {
    await expect(
      screen.getByRole('status').filter({ hasText: /vous amène à la zone « Actions »/ }),
    ).toBeVisible({ timeout: 15_000 });
  }
  await expect.poll(() => scaleOf(memberPage)).not.toBe(memberScale);
  await expect.poll(() => scaleOf(guest)).not.toBe(guestScale);
  await expectAccessible(page, 'the wall');
  await lookAt(page, 'facilitation-wall');

  // The board exports: an image drawn in the browser, the post-its as CSV with the guest's.
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Image PNG' }).click();
  expect((await readFile(await (await png).path())).subarray(1, 4).toString()).toBe('PNG');
  const csv = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tableur CSV' }).click();
  const csvText = await readFile(await (await csv).path(), 'utf8');
  expect(csvText).toContain('Ouvrir les cercles aux agents du CNFPT,');
  expect(csvText).toContain('Gaëlle Invitée');

  // And the guest still reaches nothing outside the session.
  expect((await guest.request.get(`/api/v1/circles/${circle.id}`)).status()).toBe(404);
  expect((await guest.request.get(`/api/v1/communities/${slug}`)).status()).toBe(404);
  await memberContext.close();
  await guestContext.close();
  expect(pageProblems).toEqual([]);
});
