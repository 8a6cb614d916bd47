import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

const call = async (request: APIRequestContext, method: string, path: string, data?: object) => {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.headers()['content-type']?.includes('json') ? response.json() : response.text();
};

/** Next year: taking part ends with the event. */
const day = `${new Date().getUTCFullYear() + 1}-03-10`;

test('two browsers watch the marketplace fill live; notes typed in a session reach the report', async ({
  page,
  browser,
  pageProblems,
}) => {
  test.setTimeout(120_000);
  const organiser = newPerson('Nadia');
  await new AccountPages(page).signUpThroughApi(organiser);
  const slug = `forum-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Réseau des cercles',
    slug,
    joinPolicy: 'open',
  });
  const event = await call(page.request, 'POST', `/api/v1/communities/${slug}/events`, {
    title: 'Temps inspirant en ligne',
    startsAt: `${day}T08:00:00.000Z`,
    endsAt: `${day}T17:00:00.000Z`,
    timeZone: 'Europe/Paris',
    visibility: 'community',
  });
  const space = await call(page.request, 'POST', `/api/v1/events/${event.id}/open-space`, {
    title: 'Forum ouvert du réseau',
    rooms: ['Salle Cercles', 'Salle Territoires', 'Salle Outils'],
    slots: [
      { startsAt: `${day}T09:00:00.000Z`, endsAt: `${day}T10:00:00.000Z` },
      { startsAt: `${day}T10:30:00.000Z`, endsAt: `${day}T11:30:00.000Z` },
    ],
  });

  const otherContext = await browser.newContext({ locale: 'fr-FR' });
  const other = await otherContext.newPage();
  await new AccountPages(other).signUpThroughApi(newPerson('Marc'));
  await call(other.request, 'POST', `/api/v1/communities/${slug}/members`, {});

  for (const p of [page, other]) {
    await p.goto(`/open-spaces/${space.id}`);
    await expect(p.getByRole('heading', { level: 1, name: 'Forum ouvert du réseau' })).toBeVisible();
  }
  // Marc proposes in a free cell; Nadia sees it appear without reloading.
  await other.getByRole('button', { name: /^Proposer une session — Salle Territoires, .*11:30/ }).click();
  const dialog = other.getByRole('dialog');
  await dialog.getByLabel('Titre de la session').fill('Comment porter les cercles sur les territoires ?');
  await dialog.getByLabel(/La question que vous portez/).fill('Qui anime dans chaque département ?');
  await dialog.getByRole('button', { name: 'Proposer', exact: true }).click();
  await expect(dialog).toBeHidden();
  const cellOf = (p: Page) => p.getByRole('article').filter({ hasText: 'Comment porter les cercles' });
  await expect(cellOf(page)).toBeVisible({ timeout: 15_000 });
  await expect(cellOf(page)).toContainText('Animée par Marc Test');

  // Nadia says she is there; Marc's count goes up live.
  await cellOf(page)
    .getByRole('button', { name: /^Je suis ici/ })
    .click();
  await expect(cellOf(page)).toContainText('Vous êtes ici');
  await expect(cellOf(other)).toContainText('1 personne ici', { timeout: 15_000 });

  // A second proposal by Nadia, seen by Marc.
  await page.getByRole('button', { name: /^Proposer une session — Salle Outils, .*10:00/ }).click();
  await page.getByRole('dialog').getByLabel('Titre de la session').fill('Nos outils partagés');
  await page.getByRole('dialog').getByRole('button', { name: 'Proposer', exact: true }).click();
  await expect(other.getByRole('article').filter({ hasText: 'Nos outils partagés' })).toBeVisible({
    timeout: 15_000,
  });

  await expectAccessible(page, 'the marketplace grid');
  await lookAt(page, 'open-space-grid', { fullPage: true });
  await other.setViewportSize({ width: 390, height: 844 });
  await lookAt(other, 'open-space-grid-phone', { fullPage: true });

  // Marc, the host, writes in his session's notes.
  await cellOf(other)
    .getByRole('link', { name: /^Notes de/ })
    .click();
  const editor = other.getByRole('textbox', { name: 'Notes communes de la séance' });
  await expect(other.getByText('Tout est enregistré.')).toBeVisible({ timeout: 15_000 });
  await editor.click();
  await other.keyboard.type('Un binôme par territoire, relayé par les animateurs.');
  await expect(other.getByText('Tout est enregistré.')).toBeVisible({ timeout: 15_000 });
  await expectAccessible(other, 'an open-space session');
  await lookAt(other, 'open-space-session', { fullPage: true });

  // The projector view: large, live, nothing to press.
  await page.goto(`/open-spaces/${space.id}/projector`);
  await expect(page.getByRole('heading', { level: 1, name: 'Forum ouvert du réseau' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(2);
  await expect(page.getByRole('button', { name: /Je suis ici|Proposer|Quitter/ })).toHaveCount(0);
  await lookAt(page, 'open-space-projector');

  // The organiser's report holds the typed text under the session's title.
  await page.goto(`/open-spaces/${space.id}/report`);
  const title = page.getByRole('heading', { name: 'Comment porter les cercles sur les territoires ?' });
  await expect(title).toBeVisible();
  await expect(page.getByText('Un binôme par territoire, relayé par les animateurs.')).toBeVisible();
  await expect(page.getByText(/Animé par : Marc Test/)).toBeVisible();
  await expectAccessible(page, 'the open-space report');
  await lookAt(page, 'open-space-report', { fullPage: true });
  await otherContext.close();
  expect(pageProblems).toEqual([]);
});
