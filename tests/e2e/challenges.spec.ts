import type { APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/**
 * A challenge of the université: its carrier's page, a member joining a team from it, the carrier
 * writing the outcome, and an anonymous visitor of the public event who sees counts, not names.
 */
test('join a team of a challenge, write its outcome; visitors see no names', async ({
  page,
  browser,
  pageProblems,
}) => {
  const carrier = newPerson('Florent');
  await new AccountPages(page).signUpThroughApi(carrier);
  const slug = `defis-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Riposte en test',
    slug,
    joinPolicy: 'open',
  });
  const me = await call(page.request, 'GET', '/api/v1/me');
  const event = await call(page.request, 'POST', `/api/v1/communities/${slug}/events`, {
    title: 'Université de l’innovation publique territoriale',
    startsAt: '2031-11-18T08:00:00.000Z',
    endsAt: '2031-11-18T17:00:00.000Z',
    timeZone: 'Europe/Paris',
    visibility: 'public',
  });
  const challenge = await call(page.request, 'POST', `/api/v1/events/${event.id}/challenges`, {
    question: 'Comment porter les cercles sur les territoires ?',
    description: 'Les cercles doivent **atterrir et essaimer**.',
    carrierIds: [me.user.id],
    teamCapacity: 2,
  });
  await call(page.request, 'POST', `/api/v1/challenges/${challenge.id}/teams`, { name: 'Essaimer' });

  const member = await browser.newContext();
  const memberPage = await member.newPage();
  const bernard = newPerson('Bernard');
  await new AccountPages(memberPage).signUpThroughApi(bernard);
  await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`);
  await memberPage.goto(`/challenges/${challenge.id}`);
  await expect(
    memberPage.getByRole('heading', { level: 1, name: 'Comment porter les cercles sur les territoires ?' }),
  ).toBeVisible();
  await expect(memberPage.getByText(`Porté par ${carrier.name}`)).toBeVisible();
  await memberPage.getByRole('button', { name: 'Rejoindre Essaimer' }).click();
  await expect(memberPage.getByText('Vous êtes dans Essaimer.')).toBeVisible();
  await expect(memberPage.locator('#main').getByText(bernard.name)).toBeVisible();
  await lookAt(memberPage, 'challenge-member', { fullPage: true });
  await expectAccessible(memberPage, 'the challenge page (member)');

  await page.goto(`/challenges/${challenge.id}`);
  await expect(page.getByText('Vous portez ce défi')).toBeVisible();
  await page.getByLabel('Résultat du défi').fill('Trois territoires lancent leurs cercles en 2032.');
  await page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
  await expect(page.getByText('Résultat enregistré.')).toBeVisible();
  await lookAt(page, 'challenge-carrier', { fullPage: true });

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/challenges/${challenge.id}`);
  await expect(visitorPage.getByText('Trois territoires lancent leurs cercles en 2032.')).toBeVisible();
  await expect(visitorPage.getByText('Porté par 1 personne du réseau')).toBeVisible();
  await expect(visitorPage.getByText('1 sur 2')).toBeVisible();
  await expect(visitorPage.locator('#main').getByText(bernard.name)).toHaveCount(0);
  await expect(visitorPage.getByText('Connectez-vous pour rejoindre une équipe.')).toBeVisible();
  await lookAt(visitorPage, 'challenge-visitor', { fullPage: true });
  await expectAccessible(visitorPage, 'the challenge page (visitor)');
  await member.close();
  await visitor.close();
  expect(pageProblems).toEqual([]);
});
