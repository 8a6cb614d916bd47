import type { APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, newPerson, type Person, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { CommunityPage } from './pages/community.page.ts';

/** Set-up through the API (the forms are covered by journey.spec.ts), sharing the page's cookies. */
async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.status() === 204 ? null : response.json();
}

async function register(request: APIRequestContext, person: Person) {
  await call(request, 'POST', '/api/v1/auth/register', person);
}

test('an animator approves a request to join; a full circle puts people on its waitlist, then lets them in', async ({
  page,
  browser,
  pageProblems,
}) => {
  const animator = newPerson('Florent');
  await new AccountPages(page).signUpThroughApi(animator);
  const slug = `cercles-gironde-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Cercles de Gironde',
    slug,
    joinPolicy: 'request',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle arpentage',
    kind: 'learning_circle',
    method: 'arpentage',
    capacity: 1,
    visibility: 'public',
  });

  // Sandrine asks to join the community; the animator accepts from the Animation tab.
  const sandrineContext = await browser.newContext({ locale: 'fr-FR' });
  const sandrine = await sandrineContext.newPage();
  const sandrinePerson = newPerson('Sandrine');
  await new AccountPages(sandrine).signUpThroughApi(sandrinePerson);
  await new CommunityPage(sandrine).open(slug, 'Cercles de Gironde');
  await sandrine.getByRole('button', { name: 'Demander à rejoindre' }).click();
  await expect(sandrine.getByText("Demande envoyée : l'équipe d'animation va l'examiner.")).toBeVisible();

  await new CommunityPage(page).open(slug, 'Cercles de Gironde');
  await page.getByRole('tab', { name: /Animation/ }).click();
  const request = page.getByRole('listitem').filter({ hasText: sandrinePerson.name });
  await request.getByRole('button', { name: 'Accepter' }).click();
  await expect(
    page.getByText(`${sandrinePerson.name} fait maintenant partie de la communauté.`),
  ).toBeVisible();
  await expectAccessible(page, 'animation tab');

  // The circle has one place. Bruno takes it; Sandrine goes on the waitlist.
  const bruno = newPerson('Bruno');
  const brunoContext = await browser.newContext({ locale: 'fr-FR' });
  await register(brunoContext.request, bruno);
  const brunoMe = await call(brunoContext.request, 'GET', '/api/v1/me');
  await call(brunoContext.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(page.request, 'PATCH', `/api/v1/communities/${slug}/members/${brunoMe.user.id}`, {
    status: 'active',
  });
  await call(brunoContext.request, 'POST', `/api/v1/circles/${circle.id}/members`, {});
  await sandrine.goto(`/circles/${circle.id}`);
  await sandrine.getByRole('button', { name: "S'inscrire en liste d'attente" }).click();
  await expect(
    sandrine.getByText("Le cercle est complet : vous êtes inscrit·e en liste d'attente."),
  ).toBeVisible();
  await expect(sandrine.getByText("Vous êtes n°1 sur la liste d'attente.")).toBeVisible();
  await expectAccessible(sandrine, 'circle page (waitlisted)');

  // Bruno leaves: Sandrine is in.
  await call(brunoContext.request, 'DELETE', `/api/v1/circles/${circle.id}/members/me`);
  await sandrine.reload();
  await expect(sandrine.getByRole('button', { name: 'Quitter le cercle' })).toBeVisible();
  await expect(sandrine.getByText('Complet', { exact: true }).first()).toBeVisible();
  await brunoContext.close();
  await sandrineContext.close();
  expect(pageProblems).toEqual([]);
});
