import type { APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

/** Set-up through the API, sharing the page's cookies. */
async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.status() === 204 ? null : response.json();
}

test('a steward plans a cycle, sees "Séance 1 sur 4", relates a circle and renews the circle with its members', async ({
  page,
  browser,
  pageProblems,
}) => {
  const steward = newPerson('Florent');
  await new AccountPages(page).signUpThroughApi(steward);
  const slug = `cycles-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', { name: 'Cercles RH', slug, joinPolicy: 'open' });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Codev RH',
    kind: 'learning_circle',
    method: 'codev',
    intention: 'Se consulter entre pairs sur nos situations RH',
    visibility: 'public',
  });
  const behavioural = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Sciences comportementales',
    kind: 'learning_circle',
    visibility: 'public',
  });
  // Salomé is a member of the circle.
  const salome = newPerson('Salome');
  const salomeContext = await browser.newContext({ locale: 'fr-FR' });
  await call(salomeContext.request, 'POST', '/api/v1/auth/register', salome);
  await call(salomeContext.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(salomeContext.request, 'POST', `/api/v1/circles/${circle.id}/members`, {});
  await salomeContext.close();

  // The steward plans the cycle: dates and four sessions.
  await page.goto(`/circles/${circle.id}`);
  await page.getByRole('button', { name: 'Modifier le cercle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier le cercle' });
  await dialog.getByLabel('Début prévu').fill('2027-01-12');
  await dialog.getByLabel('Fin prévue').fill('2027-01-05');
  await dialog.getByLabel(/Nombre de séances prévues/).fill('4');
  await dialog.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(dialog.getByText('La date de fin ne peut pas précéder la date de début.')).toBeVisible();
  await dialog.getByLabel('Fin prévue').scrollIntoViewIfNeeded();
  await lookAt(page, 'cycles-edit-dialog');
  await dialog.getByLabel('Fin prévue').fill('2027-06-30');
  await dialog.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(dialog).toBeHidden();
  const cycle = page.getByRole('complementary');
  await expect(cycle.getByText('Du 12 janvier 2027 au 30 juin 2027')).toBeVisible();
  await expect(cycle.getByText('4 séances prévues')).toBeVisible();

  // A session of the circle is numbered on the circle's list and on its page.
  const session = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Codev : le cas de Claire',
    startsAt: '2027-01-14T13:00:00Z',
    endsAt: '2027-01-14T15:00:00Z',
  });
  await page.reload();
  const sessionItem = page.getByRole('listitem').filter({ hasText: 'Codev : le cas de Claire' });
  await expect(sessionItem.getByText('Séance 1 sur 4')).toBeVisible();
  await page.goto(`/sessions/${session.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Codev : le cas de Claire' })).toBeVisible();
  await expect(page.getByText('Séance 1 sur 4')).toBeVisible();
  await lookAt(page, 'cycles-session-numbered');

  // The steward relates the circle to the behavioural sciences circle; both pages show the link.
  await page.goto(`/circles/${circle.id}`);
  await page.getByRole('button', { name: 'Lier un cercle' }).click();
  await page.getByLabel('Cercle', { exact: true }).selectOption({ label: 'Sciences comportementales' });
  await page.getByLabel(/Nature du lien/).fill('lien avec le cercle sur les sciences comportementales');
  await page.getByRole('button', { name: 'Lier ce cercle' }).click();
  const related = page.getByRole('region', { name: 'Cercles liés' });
  await expect(related.getByRole('link', { name: 'Sciences comportementales' })).toBeVisible();
  await expect(related.getByText('lien avec le cercle sur les sciences comportementales')).toBeVisible();
  await expectAccessible(page, 'circle page with its cycle and related circles');
  await lookAt(page, 'cycles-circle', { fullPage: true });
  await page.goto(`/circles/${behavioural.id}`);
  await expect(
    page.getByRole('region', { name: 'Cercles liés' }).getByRole('link', { name: 'Codev RH' }),
  ).toBeVisible();

  // Renewing the circle: the next cycle carries Salomé and lands on its page.
  await page.goto(`/circles/${circle.id}`);
  await page.getByRole('button', { name: 'Renouveler ce cercle' }).click();
  const renew = page.getByRole('dialog', { name: 'Renouveler ce cercle' });
  await expect(renew.getByRole('radio', { name: 'Tous les membres' })).toBeChecked();
  await expectAccessible(page, 'renew dialog');
  await lookAt(page, 'cycles-renew-dialog');
  await renew.getByLabel('Nom du nouveau cycle').fill('Codev RH, cycle 2');
  await renew.getByLabel('Début prévu').fill('2027-09-07');
  await renew.getByLabel('Fin prévue').fill('2028-01-25');
  await renew.getByRole('button', { name: 'Créer le cycle suivant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Codev RH, cycle 2' })).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(circle.id));
  const aside = page.getByRole('complementary');
  await expect(aside.getByRole('link', { name: 'Codev RH' })).toBeVisible();
  await expect(aside.getByText('Du 7 septembre 2027 au 25 janvier 2028')).toBeVisible();
  await expect(aside.getByText('4 séances prévues')).toBeVisible();
  await expect(page.getByText('Se consulter entre pairs sur nos situations RH')).toBeVisible();
  await expect(page.getByText(salome.name).first()).toBeVisible();
  await expectAccessible(page, 'the next cycle');
  await lookAt(page, 'cycles-next-cycle', { fullPage: true });

  // The previous cycle names its next one and offers no second renewal.
  await aside.getByRole('link', { name: 'Codev RH' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Codev RH' })).toBeVisible();
  await expect(
    page.getByRole('complementary').getByRole('link', { name: 'Codev RH, cycle 2' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Renouveler ce cercle' })).toHaveCount(0);
  expect(pageProblems).toEqual([]);
});
