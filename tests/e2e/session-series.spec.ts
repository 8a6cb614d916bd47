import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

/** "Every 2nd Tuesday": the plan dialog previews the dates; an unticked one is skipped. */
test('a facilitator plans every 2nd Tuesday for four months, skipping one date', async ({
  page,
  pageProblems,
}) => {
  await new AccountPages(page).signUpThroughApi(newPerson('Florent'));
  const slug = `series-${Date.now().toString(36)}`;
  const call = async (method: string, path: string, data?: object) => {
    const response = await page.request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  await call('POST', '/api/v1/communities', { name: 'Cercles du mardi', slug, joinPolicy: 'open' });
  const circle = await call('POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle Codev',
    kind: 'learning_circle',
    visibility: 'private',
  });

  await page.goto(`/circles/${circle.id}`);
  await page.getByRole('button', { name: 'Planifier une séance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Planifier une séance' });
  await dialog.getByRole('textbox', { name: 'Titre' }).fill('Codev du mardi');
  await dialog.getByLabel('Date', { exact: true }).fill('2027-01-12');
  await dialog.getByLabel('Répétition').selectOption({ label: 'Chaque mois, le 2e mardi' });
  await dialog.getByLabel('Nombre de dates').fill('4');
  const preview = dialog.getByRole('group', { name: /Aperçu/ });
  await expect(preview.getByRole('checkbox')).toHaveCount(4);
  await expect(preview.getByText('mardi 9 mars 2027')).toBeVisible();
  await preview.getByRole('checkbox', { name: 'mardi 9 février 2027' }).uncheck();
  await expect(dialog.getByRole('group', { name: 'Aperçu : 3 séances' })).toBeVisible();
  await expectAccessible(page, 'plan a series of sessions');
  await lookAt(page, 'plan-session-series');
  await dialog.getByRole('button', { name: 'Planifier les séances' }).click();
  await expect(dialog).toBeHidden();

  const sessions = await call('GET', `/api/v1/circles/${circle.id}/sessions`);
  expect(sessions.items.map((s: { startsAt: string }) => s.startsAt).sort()).toEqual([
    '2027-01-12T11:00:00.000Z',
    '2027-03-09T11:00:00.000Z',
    '2027-04-13T10:00:00.000Z',
  ]);
  await expect(page.getByRole('link', { name: 'Codev du mardi' })).toHaveCount(3);
  expect(pageProblems).toEqual([]);
});
