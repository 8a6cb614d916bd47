import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { APIRequestContext } from '@playwright/test';
import { createUnsubscribeToken, guestSubject } from '../../src/server/mail/unsubscribe-token.ts';
import { expect, expectAccessible, instanceAdmin, lookAt, newPerson, test } from './fixtures.ts';
import { e2eAuthSecret } from './instance.ts';

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.status() === 204 ? null : response.json();
}

test('a poll guest gets the invitation by mail and forgets their address from its link', async ({
  browser,
  pageProblems,
}) => {
  // The organiser's poll, answered by a guest who leaves an address, then closed on that slot.
  const organiser = await browser.newContext({ locale: 'fr-FR' });
  await call(organiser.request, 'POST', '/api/v1/auth/register', newPerson('Florent'));
  const slug = `guest-mail-${Date.now().toString(36)}`;
  await call(organiser.request, 'POST', '/api/v1/communities', {
    name: 'Riposte Gironde',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(organiser.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle codev',
    kind: 'learning_circle',
    visibility: 'public',
  });
  const year = new Date().getUTCFullYear() + 1;
  const poll = await call(organiser.request, 'POST', `/api/v1/circles/${circle.id}/date-polls`, {
    title: 'Séance de rentrée',
    timeZone: 'Europe/Paris',
    slots: [{ startsAt: `${year}-09-08T10:00:00+02:00`, endsAt: `${year}-09-08T12:00:00+02:00` }],
  });
  const email = `julie.${Date.now().toString(36)}@example.org`;
  const slotId = poll.slots[0].id;
  const visitor = await browser.newContext({ locale: 'fr-FR' });
  await call(visitor.request, 'POST', `/api/v1/date-polls/${poll.id}/guest-answers`, {
    name: 'Julie',
    email,
    shareToken: poll.shareToken,
    answers: [{ slotId, value: 'yes' }],
  });
  await call(organiser.request, 'POST', `/api/v1/date-polls/${poll.id}/close`, { slotId });

  // The background runner sends the invitation, .ics attached, to the outbox.
  const admin = await browser.newContext({ locale: 'fr-FR' });
  await call(admin.request, 'POST', '/api/v1/auth/login', {
    email: instanceAdmin.email,
    password: instanceAdmin.password,
  });
  await expect(async () => {
    const outbox = await call(admin.request, 'GET', '/api/v1/admin/outbox');
    const invitation = outbox.items.find((m: { to: string }) => m.to === email);
    expect(invitation?.subject).toMatch(/^Invitation : Séance de rentrée/);
    // Admins see that it went, not the guest's links (the poll's share link, the unsubscribe link).
    expect(invitation?.text).toContain('/unsubscribe/[redacted]');
    expect(invitation?.text).not.toContain(poll.shareToken);
  }).toPass({ timeout: 30_000 });
  // The link as the guest's mailbox has it: their answer's id signed with the instance's secret.
  const database = new DatabaseSync(join(process.env.E2E_DATA_DIR ?? '', 'archipel.sqlite'), {
    readOnly: true,
  });
  const answer = database.prepare('SELECT id FROM date_poll_responses WHERE guest_email = ?').get(email);
  database.close();
  const link = `/unsubscribe/${createUnsubscribeToken(e2eAuthSecret, guestSubject(String(answer?.id)))}`;

  // The link names no account: one choice, forget the address; no digest, no profile.
  const page = await visitor.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Ne plus recevoir de courriels' })).toBeVisible();
  await expect(page.getByText('en répondant à un sondage de dates')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Garder seulement le récapitulatif du lundi' })).toHaveCount(
    0,
  );
  await expect(page.getByRole('link', { name: 'Modifier mes choix dans mon profil' })).toHaveCount(0);
  await expectAccessible(page, 'guest unsubscribe page');
  await lookAt(page, 'unsubscribe-guest', { fullPage: true });
  await page.getByRole('button', { name: 'Oublier mon adresse' }).click();
  await expect(page.getByText("C'est fait : votre adresse est oubliée")).toBeVisible();
  await page.reload();
  await expect(page.getByText('Votre adresse a été oubliée')).toBeVisible();
  await lookAt(page, 'unsubscribe-guest-done', { fullPage: true });

  for (const context of [organiser, visitor, admin]) await context.close();
  expect(pageProblems).toEqual([]);
});
