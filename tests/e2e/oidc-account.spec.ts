import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, expectAccessible, lookAt, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { MyDataPage } from './pages/my-data.page.ts';

/**
 * A person of a public administration signs in with their administration's identity (the test
 * OpenID Connect provider of global-setup.ts) and lands signed in, with an account made from what
 * the provider says; then downloads their data and deletes their account, which the fresh sign-in
 * at the provider allows without a password.
 */
test('a person signs in with the identity provider, exports their data and deletes their account', async ({
  page,
  pageProblems,
}) => {
  const unique = Date.now().toString(36);
  // The provider names people from their address: "camille.agent…" → "Camille Agent…".
  const person = { email: `camille.agent${unique}@collectivite.example`, name: `Camille Agent${unique}` };
  const account = new AccountPages(page);

  await test.step('the sign-in page offers the provider', async () => {
    await page.goto('/sign-in');
    await expect(page.getByRole('link', { name: 'Se connecter avec Agents Connect' })).toBeVisible();
    await expectAccessible(page, 'sign-in with single sign-on');
    await lookAt(page, 'oidc-sign-in-page');
  });

  await test.step('signing in at the provider brings the person back signed in', async () => {
    await account.signInWithProvider(person);
    await lookAt(page, 'oidc-signed-in');
    const me = await page.request.get('/api/v1/me');
    expect((await me.json()).user).toMatchObject({ email: person.email, name: person.name });
  });

  const myData = new MyDataPage(page);
  await test.step('the person downloads everything about them', async () => {
    await myData.open();
    const download = await myData.download();
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const data = JSON.parse(strFromU8(files['archipel-export.json'] as Uint8Array));
    expect(data.sections.profile[0]).toMatchObject({ name: person.name, email: person.email });
  });

  await test.step('and deletes their account, with no password to give', async () => {
    await myData.deleteAccount();
    await expect(page.getByRole('heading', { level: 1, name: 'Votre compte est supprimé' })).toBeVisible();
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  });
  expect(pageProblems).toEqual([]);
});

test('signing out also ends the session at the identity provider', async ({ page }) => {
  const unique = Date.now().toString(36);
  const person = {
    email: `dominique.sortie${unique}@collectivite.example`,
    name: `Dominique Sortie${unique}`,
  };
  await new AccountPages(page).signInWithProvider(person);

  await page.getByRole('button', { name: new RegExp(person.name) }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  // The provider asks whether to end its own session too, then sends the browser home.
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' }).first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
});

test('a refused single sign-on lands on a readable message', async ({ page }) => {
  await page.goto('/sign-in?sso=unverified');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('La connexion n’a pas abouti');
  await expect(alert).toContainText('adresse électronique vérifiée');
  await lookAt(page, 'oidc-refused');
});
