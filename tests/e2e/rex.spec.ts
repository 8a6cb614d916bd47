import type { APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { LearningDesignPages } from './pages/learning-design.page.ts';

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/**
 * The REX from its design to its decisions: an animator writes a learning design of four
 * sequences (10, 20, 45, 15 minutes) with the running total, reorders them, plans a session at
 * 14:00 from it (agenda 14:00, 14:10, 14:30, 15:15, ending 15:30), attaches a circle under review,
 * records the decision there, and finds it on the circle and in its review.
 */
test('design, plan from it, review a circle and decide at the REX', async ({ page, pageProblems }) => {
  const animator = newPerson('Sandrine');
  await new AccountPages(page).signUpThroughApi(animator);
  const slug = `rex-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', { name: 'REX en test', slug, joinPolicy: 'open' });
  const team = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Équipe d’animation',
    kind: 'animation_team',
  });
  const codev = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle Codev',
    kind: 'learning_circle',
  });

  const designs = new LearningDesignPages(page);
  await designs.createDesign(slug, 'Scénario pédagogique du REX', [
    { title: 'Accueil', minutes: 10 },
    { title: 'Ateliers', minutes: 45 },
    { title: 'Bilans', minutes: 20 },
    { title: 'Décisions', minutes: 15 },
  ]);
  expect(await designs.runningTotal()).toBe('Total : 1 h 30');
  await designs.moveDown(2);
  await expect(page.getByRole('button', { name: 'Descendre la séquence 3' })).toBeFocused();
  await expectAccessible(page, 'the design form');
  await lookAt(page, 'rex-design-form', { fullPage: true });
  await designs.save();
  await expect(page.getByRole('heading', { level: 1, name: 'Scénario pédagogique du REX' })).toBeVisible();
  await expect(page.getByText('[0h10 > 0h30] Bilans')).toBeVisible();
  await expectAccessible(page, 'the design page');

  await designs.planSession('Équipe d’animation', '2027-09-14', '14:00');
  const agenda = page.getByRole('region', { name: 'Ordre du jour' });
  for (const [slot, title] of [
    ['[14:00 > 14:10]', 'Accueil'],
    ['[14:10 > 14:30]', 'Bilans'],
    ['[14:30 > 15:15]', 'Ateliers'],
    ['[15:15 > 15:30]', 'Décisions'],
  ] as const) {
    await expect(agenda.getByRole('listitem').filter({ hasText: slot })).toContainText(title);
  }

  // The REX reviews the Codev circle; its decision is recorded beside the agenda.
  const reviews = page.getByRole('region', { name: 'Cercles en revue' });
  await reviews.getByRole('button', { name: 'Choisir les cercles' }).click();
  await reviews.getByRole('checkbox', { name: 'Cercle Codev' }).check();
  await reviews.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(reviews.getByRole('button', { name: 'Choisir les cercles' })).toBeFocused();
  const card = reviews.getByRole('listitem').filter({ hasText: 'Cercle Codev' });
  await expect(card).toContainText('0 tenue');
  await card.getByText('Enregistrer une décision').click();
  await card.getByLabel('Décision', { exact: true }).selectOption({ label: 'Déploiement' });
  await card.getByLabel('Note').fill('Essaimer en Gironde');
  await card.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(card.getByText('Décision enregistrée.', { exact: true })).toBeVisible();
  await expect(card).toContainText('Déploiement');
  await expect(card.getByText('Aucune décision enregistrée.')).toHaveCount(0);
  await expectAccessible(page, 'the REX session');
  await lookAt(page, 'rex-session', { fullPage: true });
  expect(team.id).toBeTruthy();

  await page.goto(`/circles/${codev.id}`);
  const decision = page.getByRole('region', { name: 'Décision du REX' });
  await expect(decision).toContainText('Déploiement');
  await expect(decision).toContainText('Essaimer en Gironde');
  await decision.getByRole('link', { name: 'Bilan du cercle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bilan : Cercle Codev' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Télécharger en Markdown' })).toHaveAttribute(
    'href',
    `/api/v1/circles/${codev.id}/review.md`,
  );
  await expectAccessible(page, 'the review page');
  await lookAt(page, 'rex-review', { fullPage: true });
  expect(pageProblems).toEqual([]);
});
