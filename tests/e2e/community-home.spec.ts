import type { APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, instanceAdmin, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { CommunityHomePage } from './pages/community-home.page.ts';

const demo = { slug: 'riposte-creative-territoriale', name: 'Riposte créative territoriale' };
const inDays = (days: number, hour = 12) => {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
};

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, ...(data && { data }) });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/**
 * The demo community's home, for a member who just joined: the instance admin plans the team's next
 * session with a step for her and opens a private circle; the home links the next session, her
 * step and the latest minutes, and shows the private circle's session only once she is in it.
 */
test('the demo home links what is next, one’s steps and the minutes; a private circle’s only to its members', async ({
  page,
  browser,
  pageProblems,
}) => {
  const julie = newPerson('Julie');
  await new AccountPages(page).signUpThroughApi(julie);
  await call(page.request, 'POST', `/api/v1/communities/${demo.slug}/members`, {});
  const { user: me } = await call(page.request, 'GET', '/api/v1/me');

  const adminContext = await browser.newContext();
  const admin = adminContext.request;
  await call(admin, 'POST', '/api/v1/auth/login', {
    email: instanceAdmin.email,
    password: instanceAdmin.password,
  });
  const circles = await call(admin, 'GET', `/api/v1/communities/${demo.slug}/circles`);
  const team = circles.items.find((c: { kind: string }) => c.kind === 'animation_team');
  await call(admin, 'POST', `/api/v1/circles/${team.id}/members`, { userId: me.id });
  const next = await call(admin, 'POST', `/api/v1/circles/${team.id}/sessions`, {
    title: 'Point d’étape du collectif',
    startsAt: inDays(7),
    endsAt: inDays(7, 13),
  });
  await call(admin, 'POST', `/api/v1/sessions/${next.id}/actions`, {
    title: 'Préparer le bilan des cercles',
    dueOn: inDays(14).slice(0, 10),
    ownerIds: [me.id],
  });
  const hidden = await call(admin, 'POST', `/api/v1/communities/${demo.slug}/circles`, {
    name: 'Cercle restreint des boussoles',
    kind: 'learning_circle',
    visibility: 'private',
  });
  await call(admin, 'POST', `/api/v1/circles/${hidden.id}/sessions`, {
    title: 'Séance du cercle restreint',
    startsAt: inDays(3),
    endsAt: inDays(3, 13),
  });

  const home = new CommunityHomePage(page);
  await home.open(demo.slug, demo.name);
  await expect(home.link('Prochaines séances', 'Point d’étape du collectif')).toBeVisible();
  await expect(home.section('Prochaines séances').getByText('Séance du cercle restreint')).toHaveCount(0);
  await expect(home.link('Mes prochains pas', 'Préparer le bilan des cercles')).toBeVisible();
  await expect(home.link('Derniers comptes rendus', "Stratégie d'animation de la communauté")).toBeVisible();
  await expectAccessible(page, 'the community home');
  await lookAt(page, 'community-home', { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await lookAt(page, 'community-home-390', { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Every item is a link to its object.
  await home.link('Prochaines séances', 'Point d’étape du collectif').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Point d’étape du collectif' })).toBeVisible();
  await home.open(demo.slug, demo.name);
  await home.link('Derniers comptes rendus', "Stratégie d'animation de la communauté").click();
  await expect(page).toHaveURL(/\/sessions\/[^/]+\/minutes$/);
  await expect(
    page.getByRole('heading', { level: 1, name: "Stratégie d'animation de la communauté" }),
  ).toBeVisible();
  await home.open(demo.slug, demo.name);
  await home.link('Mes prochains pas', 'Préparer le bilan des cercles').click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${next.id}$`));

  // Once in the private circle, its session is on her home too.
  await call(admin, 'POST', `/api/v1/circles/${hidden.id}/members`, { userId: me.id });
  await home.open(demo.slug, demo.name);
  await expect(home.link('Prochaines séances', 'Séance du cercle restreint')).toBeVisible();

  // The search box opens the search page within the community.
  await home.search('boussole');
  await expect(page).toHaveURL(/\/search\?q=boussole&community=riposte-creative-territoriale$/);
  await adminContext.close();
  expect(pageProblems).toEqual([]);
});
