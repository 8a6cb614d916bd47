import { expect, expectAccessible, instanceAdmin, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { AdminConsolePage } from './pages/admin-console.page.ts';

test('an admin finds a person, disables them and reads it in the audit log; the console is accessible', async ({
  page,
  browser,
  pageProblems,
}) => {
  const person = newPerson('Desiree');
  const context = await browser.newContext({ locale: 'fr-FR' });
  expect((await context.request.post('/api/v1/auth/register', { data: person })).status()).toBe(201);

  await new AccountPages(page).signIn(instanceAdmin);
  const adminConsole = new AdminConsolePage(page);
  await adminConsole.open();
  await adminConsole.findUser(person.email);
  await expect(page.getByRole('row', { name: new RegExp(person.name) })).toBeVisible();
  await expectAccessible(page, 'console: accounts');
  await lookAt(page, 'admin-console-users', { fullPage: true });
  await adminConsole.disable(person.name);

  // The person's open session has ended, and they cannot sign in again.
  expect((await context.request.get('/api/v1/me')).status()).toBe(401);
  const again = await context.request.post('/api/v1/auth/login', {
    data: { email: person.email, password: person.password },
  });
  expect(again.status()).toBe(401);

  await adminConsole.auditFor('Compte désactivé');
  const entry = page.getByRole('row', { name: /Compte désactivé/ });
  await expect(entry.first()).toContainText(instanceAdmin.name);
  await expectAccessible(page, 'console: audit log');
  await expect(page.getByRole('link', { name: 'Télécharger en CSV' })).toHaveAttribute(
    'href',
    /\/api\/v1\/admin\/audit\.csv\?kind=admin\.user-disable/,
  );
  await lookAt(page, 'admin-console-audit', { fullPage: true });

  for (const tab of ['Communautés', 'Tâches et courriels', 'Paramètres']) {
    await adminConsole.tab(tab);
    await expectAccessible(page, `console: ${tab}`);
  }
  await lookAt(page, 'admin-console-settings', { fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await adminConsole.tab('Comptes');
  await expectAccessible(page, 'console at 390 px');
  await lookAt(page, 'admin-console-390', { fullPage: true });
  await adminConsole.tab('Journal d’audit');
  await lookAt(page, 'admin-console-audit-390', { fullPage: true });
  // Wide tables scroll inside their own region: the page itself never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(pageProblems).toEqual([]);
  await context.close();
});

test('the footer of every page leads to the legal notice, the privacy policy and the accessibility statement', async ({
  page,
  pageProblems,
}) => {
  await page.goto('/');
  const footer = page.getByRole('contentinfo');
  await footer.getByRole('link', { name: 'Mentions légales' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mentions légales' })).toBeVisible();
  await expectAccessible(page, 'legal notice');

  await footer.getByRole('link', { name: 'Confidentialité' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Politique de confidentialité' })).toBeVisible();
  await expect(page.getByText(/pendant 365 jours/)).toBeVisible();
  await expectAccessible(page, 'privacy');

  await footer.getByRole('link', { name: /^Accessibilité : / }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Déclaration d’accessibilité' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Voies de recours' })).toBeVisible();
  await expect(page.getByText(/Défenseur des droits, Libre réponse 71120/)).toBeVisible();
  await expectAccessible(page, 'accessibility statement');
  await lookAt(page, 'accessibility-statement', { fullPage: true });
  expect(pageProblems).toEqual([]);
});
