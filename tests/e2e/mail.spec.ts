import type { APIRequestContext } from '@playwright/test';
import { createUnsubscribeToken } from '../../src/server/mail/unsubscribe-token.ts';
import {
  expect,
  expectAccessible,
  instanceAdmin,
  lookAt,
  newPerson,
  type Person,
  screenshotsDir,
  test,
} from './fixtures.ts';
import { e2eAuthSecret } from './instance.ts';
import { AccountPages } from './pages/account.page.ts';
import { MailPages } from './pages/mail.page.ts';

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.status() === 204 ? null : response.json();
}

async function registered(browser: import('@playwright/test').Browser, person: Person) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  await call(context.request, 'POST', '/api/v1/auth/register', person);
  return context;
}

test('a person chooses their mails, a facilitator sets the reminder, a mail link unsubscribes', async ({
  page,
  browser,
  pageProblems,
}) => {
  const mail = new MailPages(page);
  const facilitator = newPerson('Florent');
  await new AccountPages(page).signUp(facilitator);

  // Profile: the digest only, kept after a reload.
  await mail.choosePreference('Le récapitulatif du lundi seulement');
  await page.reload();
  await expect(
    mail.preferenceGroup().getByRole('radio', { name: 'Le récapitulatif du lundi seulement' }),
  ).toBeChecked();
  await expectAccessible(page, 'profile with mail preference');
  await lookAt(page, 'profile-mail', { fullPage: true });

  // Circle edit dialog: no reminder for this circle.
  const slug = `mail-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Riposte Gironde',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle codev',
    kind: 'learning_circle',
    capacity: 1,
    visibility: 'public',
  });
  await mail.setCircleReminder(circle.id, 'Cercle codev', 'Pas de rappel');
  await expectAccessible(page, 'circle edit dialog with the reminder');
  if (screenshotsDir) {
    await page.getByLabel('Rappel avant chaque séance').scrollIntoViewIfNeeded();
    await lookAt(page.getByRole('dialog'), 'circle-reminder');
  }
  await mail.saveCircle();
  expect(await call(page.request, 'GET', `/api/v1/circles/${circle.id}/reminders`)).toEqual({
    reminderHours: null,
  });

  // A waitlist promotion mail (queued, sent by the background runner to the outbox) carries the link.
  const first = newPerson('Bruno');
  const second = newPerson('Sandrine');
  const firstContext = await registered(browser, first);
  const secondContext = await registered(browser, second);
  for (const context of [firstContext, secondContext]) {
    await call(context.request, 'POST', `/api/v1/communities/${slug}/members`);
    await call(context.request, 'POST', `/api/v1/circles/${circle.id}/members`);
  }
  await call(firstContext.request, 'DELETE', `/api/v1/circles/${circle.id}/members/me`);
  const adminContext = await browser.newContext({ locale: 'fr-FR' });
  await call(adminContext.request, 'POST', '/api/v1/auth/login', {
    email: instanceAdmin.email,
    password: instanceAdmin.password,
  });
  await expect(async () => {
    const outbox = await call(adminContext.request, 'GET', '/api/v1/admin/outbox');
    const promotion = outbox.items.find((m: { to: string }) => m.to === second.email);
    // Admins see that it went, not the recipient's unsubscribe link.
    expect(promotion?.text ?? '').toContain('/unsubscribe/[redacted]');
  }).toPass({ timeout: 15_000 });
  // The link as the recipient's mailbox has it, signed with the instance's secret.
  const secondId = (await call(secondContext.request, 'GET', '/api/v1/me')).user.id;
  const link = `/unsubscribe/${createUnsubscribeToken(e2eAuthSecret, secondId)}`;

  // The link opens without signing in, asks, then unsubscribes.
  const visitor = await browser.newContext({ locale: 'fr-FR' });
  const unsubscribe = await visitor.newPage();
  await unsubscribe.goto(link);
  await expect(
    unsubscribe.getByRole('heading', { level: 1, name: 'Ne plus recevoir de courriels' }),
  ).toBeVisible();
  await expect(
    unsubscribe.getByText("Aujourd'hui, vous recevez tous les courriels d'Archipel."),
  ).toBeVisible();
  await expectAccessible(unsubscribe, 'unsubscribe page');
  await lookAt(unsubscribe, 'unsubscribe', { fullPage: true });
  await unsubscribe.getByRole('button', { name: 'Ne plus rien recevoir' }).click();
  await expect(
    unsubscribe.getByText("C'est fait : vous ne recevrez plus que les courriels liés à votre compte."),
  ).toBeVisible();
  expect(await call(secondContext.request, 'GET', '/api/v1/me/mail-preference')).toEqual({
    preference: 'none',
  });
  await unsubscribe.goto(`${link}x`);
  await expect(unsubscribe.getByText('Lien non valide')).toBeVisible();

  // Admins see failed jobs beside the outbox.
  const adminPage = await adminContext.newPage();
  await adminPage.goto('/admin/outbox');
  await expect(adminPage.getByRole('heading', { level: 2, name: 'Tâches en échec' })).toBeVisible();
  await expectAccessible(adminPage, 'admin outbox with failed jobs');
  await lookAt(adminPage, 'admin-jobs', { fullPage: true });

  for (const context of [firstContext, secondContext, adminContext, visitor]) await context.close();
  expect(pageProblems).toEqual([]);
});
