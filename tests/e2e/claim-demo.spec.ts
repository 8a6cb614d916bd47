import type { Page } from '@playwright/test';
import {
  expect,
  expectAccessible,
  instanceAdmin,
  lookAt,
  type Person,
  screenshotsDir,
  test,
} from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { AdminAnimatorsPage, ClaimPage, PlaceholderPanel } from './pages/stewards.page.ts';

const demo = { slug: 'riposte-creative-territoriale', name: 'Riposte créative territoriale' };
const bernardsNextSteps = [
  'abécédaire (gros travail) et dernière séquence Boussole',
  'évaluation au sein des cercles',
  'scénario pédagogique du REX',
];
const shoot = (target: Page, name: string) => lookAt(target, name, { fullPage: true });
const bernard: Person = {
  name: 'Bernard Alix',
  email: `bernard.${Date.now().toString(36)}@example.org`,
  password: 'un cercle bienveillant',
};
/** The invitation link, as the animator's screen offers it to copy (the outbox is not needed). */
let link = '';

// One story in steps, each on its own page: the invitation link passes from one step to the next.
test.describe.configure({ mode: 'serial' });
// Full-page pictures take seconds each on a loaded machine: only then is the story given more time.
test.slow(Boolean(screenshotsDir), 'taking screenshots');

test('the first account, instance admin, names itself animator of the demo community', async ({
  page,
  pageProblems,
}) => {
  await new AccountPages(page).signIn(instanceAdmin);

  // The first account is instance admin: it names itself animator of the demo community.
  const admin = new AdminAnimatorsPage(page);
  await admin.open(instanceAdmin);
  await admin.nameAnimator(demo.name, instanceAdmin);
  await expectAccessible(page, 'admin animators');
  await shoot(page, 'admin-animators');
  expect(pageProblems).toEqual([]);
});

test('as animator, it sees the demo people to invite, with what is theirs', async ({
  page,
  pageProblems,
}) => {
  await new AccountPages(page).signIn(instanceAdmin);
  const panel = new PlaceholderPanel(page);
  await panel.openFromCommunity(demo.slug, demo.name);
  // Bernard's three next steps, the 15 June meeting and the September REX he is invited to.
  await expect(
    page.getByText('3 prochains pas · 3 séances · Équipe d’animation', { exact: true }),
  ).toBeVisible();
  await expectAccessible(page, 'people to invite');
  await shoot(page, 'community-people-to-invite');
  expect(pageProblems).toEqual([]);
});

test('as animator, it invites the real Bernard Alix and gets the link to pass on', async ({
  page,
  pageProblems,
}) => {
  await new AccountPages(page).signIn(instanceAdmin);
  const panel = new PlaceholderPanel(page);
  await panel.openFromCommunity(demo.slug, demo.name);
  link = await panel.invite(bernard.name, bernard.email);
  await expectAccessible(page, 'invite dialog');
  await shoot(page, 'invite-dialog');
  await panel.closeDialog();
  await expect(page.getByText(`Invitation envoyée à ${bernard.email}`)).toBeVisible();
  expect(pageProblems).toEqual([]);
});

test('Bernard opens the link, registers there, accepts and finds his three next steps', async ({
  page: second,
  pageProblems,
}) => {
  const claim = new ClaimPage(second);
  await claim.open(link, demo.name);
  await expectAccessible(second, 'claim page (signed out)');
  await shoot(second, 'claim-signed-out');
  await claim.signUpAndAccept(bernard);
  await expectAccessible(second, 'claim page (accepted)');
  await shoot(second, 'claim-accepted');
  await second.getByRole('main').getByRole('link', { name: 'Mes actions' }).click();
  await expect(second.getByRole('heading', { level: 1, name: 'Mes actions' })).toBeVisible();
  for (const title of bernardsNextSteps) await expect(second.getByText(title, { exact: true })).toBeVisible();
  // The link served once.
  await claim.open(link, demo.name);
  await expect(second.getByText('Invitation déjà acceptée')).toBeVisible();
  expect(pageProblems).toEqual([]);
});

test('the new animator plans the team’s next session, where Bernard’s next steps come back', async ({
  page,
  pageProblems,
}) => {
  await new AccountPages(page).signIn(instanceAdmin);
  await page.goto(`/c/${demo.slug}`);
  await page.getByRole('link', { name: 'Équipe d’animation', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Équipe d’animation' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nommer un·e facilitateur·rice' })).toBeVisible();
  // The community's members are read when the form is asked for; focus lands on its picker.
  await page.getByRole('button', { name: 'Choisir parmi les membres de la communauté' }).click();
  const picker = page.getByRole('combobox', { name: 'Membre de la communauté' });
  await expect(picker).toBeFocused();
  // Bernard, who joined by his invitation, may be named; Florent already facilitates.
  await expect(picker.getByRole('option', { name: 'Bernard Alix' })).toHaveCount(1);
  await expect(picker.getByRole('option', { name: 'Florent Merlet' })).toHaveCount(0);
  await expectAccessible(page, 'circle page (animator)');
  await shoot(page, 'circle-facilitators');
  await page.getByRole('button', { name: 'Planifier une séance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Planifier une séance' });
  await dialog.getByRole('textbox', { name: 'Titre' }).fill('Équipe d’animation : la suite');
  await dialog.getByLabel('Date', { exact: true }).fill('2027-01-14');
  await dialog.getByLabel('Heure de début').fill('10:00');
  await dialog.getByLabel('Heure de fin').fill('11:30');
  await dialog.getByRole('button', { name: 'Planifier la séance' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Équipe d’animation : la suite' })).toBeVisible();
  const review = page.getByRole('region', { name: 'À revoir : prochains pas des séances précédentes' });
  for (const title of bernardsNextSteps) await expect(review.getByText(title, { exact: true })).toBeVisible();
  await expect(review.getByText('Porté par Bernard Alix')).toHaveCount(3);
  expect(pageProblems).toEqual([]);
});
