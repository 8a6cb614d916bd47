import type { APIRequestContext } from '@playwright/test';
import { createUnsubscribeToken, newsletterSubject } from '../../src/server/mail/unsubscribe-token.ts';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { e2eAuthSecret } from './instance.ts';
import { AccountPages } from './pages/account.page.ts';
import { NewsletterPages } from './pages/newsletter.page.ts';

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/**
 * An animator flags an item "à communiquer" in a session, composes the community's newsletter
 * from it, reads the mail's preview and sends it once.
 */
test('flag an item in a session, compose a newsletter, preview and send it', async ({
  page,
  pageProblems,
}) => {
  const animator = newPerson('Sandrine');
  await new AccountPages(page).signUpThroughApi(animator);
  const slug = `lettre-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Riposte en test',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle Codev',
    kind: 'learning_circle',
  });
  const session = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Séance de juin',
    startsAt: '2027-06-15T10:00:00Z',
    endsAt: '2027-06-15T12:00:00Z',
  });

  const letters = new NewsletterPages(page);
  const region = await letters.flagOnSession(session.id, 'Le cercle Codev essaime en Gironde');
  await expect(region.getByText('Signalé par Sandrine Test')).toBeVisible();
  await expectAccessible(page, 'the session with a flagged item');
  await lookAt(region, 'newsletter-session-flag');

  await letters.compose(
    slug,
    'Lettre de juin',
    '## Nouvelles\n\nBienvenue **à tous**.',
    'Le cercle Codev essaime',
  );
  await expect(page.getByText(/sera envoyé à tous les membres qui reçoivent la lettre/)).toBeVisible();
  await expectAccessible(page, 'the newsletter form');
  await lookAt(page, 'newsletter-compose', { fullPage: true });
  await letters.createDraft();

  await expect(page.getByRole('heading', { level: 1, name: 'Lettre de juin' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Nouvelles' })).toBeVisible();
  const preview = page.getByRole('region', { name: 'Aperçu du courriel' });
  await expect(preview).toContainText('- Le cercle Codev essaime en Gironde (Cercle Codev, Séance de juin)');
  await expect(preview).toContainText('NOUVELLES');
  await expectAccessible(page, 'the draft newsletter');
  await lookAt(page, 'newsletter-draft', { fullPage: true });

  await letters.send();
  await expect(page.getByText('Envoyée', { exact: true })).toBeVisible();
  await expect(page.getByText(/Envoyée le .* à 1 destinataire$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Envoyer la lettre' })).toHaveCount(0);
  await lookAt(page, 'newsletter-sent', { fullPage: true });

  await page.goto(`/c/${slug}/newsletters`);
  await expect(
    page.getByRole('region', { name: 'Lettres envoyées' }).getByRole('link', { name: 'Lettre de juin' }),
  ).toBeVisible();
  await expectAccessible(page, 'the newsletter archive');
  await lookAt(page, 'newsletter-archive', { fullPage: true });
  expect(pageProblems).toEqual([]);
});

/** The letter's unsubscribe link, opened without signing in, stops newsletters and nothing else. */
test('a newsletter’s unsubscribe link stops newsletters only', async ({ page, browser, pageProblems }) => {
  const reader = newPerson('Julie');
  await new AccountPages(page).signUpThroughApi(reader);
  const me = (await call(page.request, 'GET', '/api/v1/me')).user;
  const visitor = await browser.newContext();
  const unsubscribe = await visitor.newPage();
  await unsubscribe.goto(`/unsubscribe/${createUnsubscribeToken(e2eAuthSecret, newsletterSubject(me.id))}`);
  await expect(unsubscribe.getByText(/Ce lien concerne les lettres de vos communautés/)).toBeVisible();
  await expect(
    unsubscribe.getByRole('button', { name: 'Garder seulement le récapitulatif du lundi' }),
  ).toHaveCount(0);
  await expectAccessible(unsubscribe, 'the newsletter unsubscribe page');
  await unsubscribe.getByRole('button', { name: 'Ne plus recevoir les lettres' }).click();
  await expect(unsubscribe.getByText(/C'est fait : vous ne recevrez plus les lettres/)).toBeVisible();
  await lookAt(unsubscribe, 'newsletter-unsubscribe', { fullPage: true });
  expect(await call(page.request, 'GET', '/api/v1/me/newsletters')).toEqual({ accepts: false });
  expect(await call(page.request, 'GET', '/api/v1/me/mail-preference')).toEqual({ preference: 'all' });
  // The profile shows the same switch, off, and turns it back on.
  await page.goto('/profile');
  const letters = page.getByRole('region', { name: 'Lettres des communautés' });
  const box = letters.getByRole('checkbox', { name: 'Recevoir par courriel les lettres de mes communautés' });
  await expect(box).not.toBeChecked();
  await box.check();
  await expect(letters.getByText('Préférence enregistrée.')).toBeVisible();
  await lookAt(letters, 'newsletter-profile');
  await visitor.close();
  expect(pageProblems).toEqual([]);
});
