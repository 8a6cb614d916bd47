import { expect, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

/**
 * A double click on "Planifier la séance" plans one session, not two (nor two reminder mails):
 * the form sends nothing more while its request runs, and the request carries an Idempotency-Key.
 */
test('a double click on "Planifier la séance" plans one session', async ({ page, pageProblems }) => {
  await new AccountPages(page).signUpThroughApi(newPerson('Florent'));
  const slug = `once-${Date.now().toString(36)}`;
  const call = async (method: string, path: string, data?: object) => {
    const response = await page.request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  await call('POST', '/api/v1/communities', { name: 'Une seule fois', slug, joinPolicy: 'open' });
  const circle = await call('POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle Codev',
    kind: 'learning_circle',
    visibility: 'private',
  });

  await page.goto(`/circles/${circle.id}`);
  // A slow line: the form's code and its checks arrive late, so both clicks of the double click are
  // submitted before the first one could show as pending (what a fast connection hides).
  await page.route('**/assets/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Planifier une séance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Planifier une séance' });
  await dialog.getByRole('textbox', { name: 'Titre' }).fill('Séance 4 – Codev');
  await dialog.getByLabel('Date').fill('2027-01-14');
  await dialog.getByRole('button', { name: 'Planifier la séance' }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: 'Séance 4 – Codev' })).toBeVisible();

  const sessions = await call('GET', `/api/v1/circles/${circle.id}/sessions`);
  expect(sessions.items.map((s: { title: string }) => s.title)).toEqual(['Séance 4 – Codev']);
  expect(pageProblems).toEqual([]);
});
