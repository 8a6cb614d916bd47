import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { MyDataPage } from './pages/my-data.page.ts';

test('a person downloads their data, deletes their account with their password, and cannot sign in again', async ({
  page,
  pageProblems,
}) => {
  const person = newPerson('Zoe');
  const account = new AccountPages(page);
  await account.signUp(person);
  const myData = new MyDataPage(page);
  await myData.open();
  await expectAccessible(page, 'profile with my data');
  await lookAt(page, 'my-data-profile', { fullPage: true });

  // The download arrives, and it is a ZIP holding my profile.
  const download = await myData.download();
  expect(download.suggestedFilename()).toBe('archipel-export.zip');
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files).sort()).toEqual(['archipel-export.json', 'index.html']);
  const data = JSON.parse(strFromU8(files['archipel-export.json'] as Uint8Array));
  expect(data.sections.profile[0]).toMatchObject({ name: person.name, email: person.email });
  // The page in the ZIP reads on its own, offline.
  const reader = await page.context().newPage();
  await reader.setContent(strFromU8(files['index.html'] as Uint8Array));
  await expect(reader.getByRole('heading', { level: 1, name: 'Mes données sur Archipel' })).toBeVisible();
  await expect(reader.getByRole('cell', { name: person.email })).toBeVisible();
  await expectAccessible(reader, 'the exported page');
  await lookAt(reader, 'my-data-export-page', { fullPage: true });
  await reader.close();

  // A wrong password is refused in the dialog; the right one deletes the account.
  await page.getByRole('button', { name: 'Supprimer mon compte…' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByLabel('Votre mot de passe').fill('pas le bon mot de passe');
  await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(dialog.getByText('Ce mot de passe n’est pas le bon.')).toBeVisible();
  await expectAccessible(page, 'delete account dialog');
  await lookAt(page, 'my-data-dialog');
  await dialog.getByRole('button', { name: 'Annuler' }).click();

  await myData.deleteAccount(person.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Votre compte est supprimé' })).toBeVisible();
  await lookAt(page, 'my-data-deleted');

  // Signed out, and the password no longer opens anything.
  await page.goto('/sign-in');
  await page.getByLabel('Adresse électronique').fill(person.email);
  await page.getByRole('textbox', { name: 'Mot de passe' }).fill(person.password);
  await page.getByRole('button', { name: 'Se connecter' }).last().click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Adresse électronique ou mot de passe incorrect.' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(pageProblems).toEqual([]);
});
