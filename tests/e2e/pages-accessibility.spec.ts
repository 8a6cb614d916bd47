import {
  expect,
  expectAccessible,
  instanceAdmin,
  lookAt,
  newPerson,
  operatorSignInLink,
  test,
} from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

const demoSlug = 'riposte-creative-territoriale';

test('visitor pages have no serious accessibility violation and no CSP violation', async ({
  page,
  pageProblems,
}) => {
  const visits: [string, string][] = [
    ['/', 'Archipel, la gare centrale de vos cercles'],
    [`/c/${demoSlug}`, 'Riposte créative territoriale'],
    ['/sign-in', 'Se connecter'],
    ['/sign-up', 'Créer un compte'],
    ['/forgot-password', 'Mot de passe oublié'],
    ['/nowhere-at-all', ''],
  ];
  for (const [path, heading] of visits) {
    await page.goto(path);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveCount(1);
    if (heading) await expect(h1).toHaveText(heading);
    await expectAccessible(page, path);
  }
  // The demo's circles, opened from the community page.
  await page.goto(`/c/${demoSlug}`);
  await page.getByRole('link', { name: 'Équipe d’animation', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Équipe d’animation' })).toBeVisible();
  await expect(page.getByText('Sandrine Demoulin-Noirclerc')).toBeVisible();
  await expectAccessible(page, 'demo circle');
  expect(pageProblems).toEqual([]);
});

test('signed-in pages', async ({ page, pageProblems }) => {
  const person = newPerson('Isabelle');
  await new AccountPages(page).signUp(person);
  for (const [path, heading] of [
    ['/profile', 'Mon profil'],
    ['/my-circles', 'Mes cercles'],
    ['/my-sessions', 'Mes séances'],
    ['/my-actions', 'Mes actions'],
    ['/communities/new', 'Créer une communauté'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page, path);
  }
  // Not an admin: the outbox is refused.
  await page.goto('/admin/outbox');
  await expect(
    page.getByText("Cette page est réservée aux administrateur·rices de l'instance."),
  ).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  expect(pageProblems).toEqual([]);
});

test('without SMTP, admins see that a sign-in link went out but not the link; the operator hands one over', async ({
  page,
  browser,
  baseURL,
  pageProblems,
}) => {
  const person = newPerson('Bruno');
  const signUp = await browser.newContext({ locale: 'fr-FR' });
  await new AccountPages(await signUp.newPage()).signUp(person);
  await signUp.close();

  await page.goto('/sign-in');
  await page
    .getByRole('tab', { name: 'Lien par courriel' })
    .or(page.getByRole('radio', { name: 'Lien par courriel' }))
    .click();
  await page.getByLabel('Adresse électronique').fill(person.email);
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await expect(page.getByText(/un lien vient de lui être envoyé/)).toBeVisible();

  const adminContext = await browser.newContext({ locale: 'fr-FR' });
  const admin = await adminContext.newPage();
  await new AccountPages(admin).signIn(instanceAdmin);
  await admin.getByRole('link', { name: 'Admin' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Console d’administration' })).toBeVisible();
  await admin.getByRole('tab', { name: 'Tâches et courriels' }).click();
  await expect(admin.getByRole('heading', { level: 2, name: 'Courriels envoyés' })).toBeVisible();
  const row = admin
    .getByRole('row')
    .filter({ hasText: person.email })
    .filter({ hasText: 'Votre lien de connexion' });
  await expect(row.first()).toBeVisible();
  await expect(
    row.first().getByText(/Courriel de compte : son contenu n'appartient qu'à son destinataire/),
  ).toBeVisible();
  await expect(admin.getByText(/sign-in\/link\?token=|magic-link\/verify/)).toHaveCount(0);
  await expectAccessible(admin, 'admin outbox');
  await lookAt(admin, 'admin-outbox-withheld', { fullPage: true });
  await adminContext.close();

  // The operator, on the machine, makes a link for that person.
  const link = await operatorSignInLink(baseURL ?? '', person.email);
  expect(link).toMatch(/\/sign-in\/link\?token=/);
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter avec votre lien' })).toBeVisible();
  await expectAccessible(page, 'sign-in link page');
  await lookAt(page, 'sign-in-link', { fullPage: true });
  // Opening the page signed no one in; the button does.
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Bonjour, ${person.name}` })).toBeVisible();

  // Used once: the same link now says so.
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await expect(page.getByText('Ce lien de connexion ne fonctionne plus')).toBeVisible();
  expect(pageProblems).toEqual([]);
});

test('keyboard: the skip link moves focus to the main content, and the language switch works', async ({
  page,
}) => {
  await page.goto('/');
  // Wait for the lazy route and the session check, so the first Tab meets the settled page.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Archipel, la gare centrale de vos cercles' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Se connecter' }).first()).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  await page
    .getByRole('button', { name: 'EN' })
    .or(page.getByRole('radio', { name: 'EN' }))
    .click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(
    'Archipel, la gare centrale de vos cercles',
  );
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
