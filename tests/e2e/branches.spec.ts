import type { APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { BranchesPage } from './pages/branches.page.ts';
import { LearningDesignPages } from './pages/learning-design.page.ts';

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/**
 * Spreading (decision 035): an animator founds "Riposte Landes" from the parent's page; a member
 * of the parent joins it in one click there (the branch is on request), and finds the parent's
 * learning design in the branch's library, marked as shared.
 */
test('found a branch, join it in one click, reuse the parent’s design', async ({
  page,
  browser,
  pageProblems,
}) => {
  const animator = newPerson('Sandrine');
  await new AccountPages(page).signUpThroughApi(animator);
  const slug = `essaimage-${Date.now().toString(36)}`;
  const parentName = 'Riposte en test';
  await call(page.request, 'POST', '/api/v1/communities', { name: parentName, slug, joinPolicy: 'open' });
  await call(page.request, 'POST', `/api/v1/communities/${slug}/learning-designs`, {
    title: 'Scénario pédagogique du REX',
    objectives: ['Décider : reconduite ou déploiement'],
    sequences: [{ title: 'Tour de météo', minutes: 10 }],
  });

  const word = await call(page.request, 'POST', `/api/v1/communities/${slug}/glossary`, {
    term: 'Essaimage',
  });
  await call(page.request, 'PATCH', `/api/v1/glossary/${word.id}`, { baseRevision: 1, status: 'selected' });

  const branches = new BranchesPage(page);
  await page.goto(`/c/${slug}`);
  await branches.found({ name: 'Riposte Landes', parentName });
  await expect(page.getByText('Antenne de')).toBeVisible();
  await expect(page.getByRole('link', { name: parentName })).toBeVisible();
  await lookAt(page, 'branch-page');
  const branchSlug = new URL(page.url()).pathname.split('/').pop();

  // The branch's animator takes the parent's selected words into the branch's abécédaire, once.
  await page.goto(`/c/${branchSlug}/glossary`);
  await page.getByRole('button', { name: 'Reprendre ses mots choisis et publiés' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 mot repris (0 déjà présents).' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Essaimage/ }).first()).toBeVisible();
  await expectAccessible(page, 'the branch’s abécédaire');
  await lookAt(page, 'branch-glossary', { fullPage: true });

  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const memberPage = await memberContext.newPage();
  await new AccountPages(memberPage).signUpThroughApi(newPerson('Julie'));
  await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  const memberBranches = new BranchesPage(memberPage);
  await memberPage.goto(`/c/${slug}`);
  await expect(memberBranches.branchCard('Riposte Landes')).toContainText('Sur demande');
  // On the branch's own page too, a member of the parent joins rather than asks.
  await memberPage.goto(`/c/${branchSlug}`);
  await expect(memberPage.getByRole('button', { name: 'Rejoindre la communauté' })).toBeVisible();
  await expect(memberPage.getByRole('link', { name: parentName })).toBeVisible();
  await memberPage.goto(`/c/${slug}`);
  await expectAccessible(memberPage, 'the parent’s page with its branches');
  await lookAt(memberPage, 'branches-parent-page', { fullPage: true });
  await memberBranches.joinInOneClick('Riposte Landes');
  await lookAt(memberPage, 'branches-joined', { fullPage: true });

  await memberBranches.branchCard('Riposte Landes').getByRole('link', { name: 'Riposte Landes' }).click();
  await memberPage.getByRole('link', { name: 'Scénarios pédagogiques' }).click();
  const shared = memberPage.getByRole('listitem').filter({ hasText: 'Scénario pédagogique du REX' });
  await expect(shared).toContainText(`Partagé par ${parentName}`);
  await expectAccessible(memberPage, 'the branch’s library');
  await lookAt(memberPage, 'branch-library', { fullPage: true });

  // Read-only in the branch, the design is planned in one of the branch's circles.
  await call(memberPage.request, 'POST', `/api/v1/communities/${branchSlug}/circles`, {
    name: 'Cercle landais',
    kind: 'learning_circle',
  });
  await shared.getByRole('link', { name: 'Scénario pédagogique du REX' }).click();
  // The branch's circles were read before this one was made through the API: read them afresh.
  await memberPage.reload();
  await expect(
    memberPage.getByRole('heading', { level: 1, name: 'Scénario pédagogique du REX' }),
  ).toBeVisible();
  await lookAt(memberPage, 'branch-design', { fullPage: true });
  await new LearningDesignPages(memberPage).planSession('Cercle landais', '2027-09-14', '14:00');
  await expect(
    memberPage.getByRole('heading', { level: 1, name: 'Scénario pédagogique du REX' }),
  ).toBeVisible();
  await memberContext.close();
  expect(pageProblems).toEqual([]);
});
