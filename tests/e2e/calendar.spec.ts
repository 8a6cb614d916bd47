import { request as playwrightRequest } from '@playwright/test';
import { expect, expectAccessible, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { CalendarPages } from './pages/calendar.page.ts';

test('a session goes into my calendar, is cancelled there, and my feed link can be replaced', async ({
  page,
  pageProblems,
}) => {
  const facilitator = newPerson('Florence');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const call = async (method: string, path: string, data?: object) => {
    const response = await page.request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  const slug = `agenda-${Date.now().toString(36)}`;
  await call('POST', '/api/v1/communities', { name: 'Agendas partagés', slug, joinPolicy: 'open' });
  const circle = await call('POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle des boussoles',
    kind: 'learning_circle',
    visibility: 'public',
  });
  // 01:30 summer time to 03:30 winter time, across the night the clocks go back: three real hours.
  const session = await call('POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Boussole de nuit',
    startsAt: '2026-10-24T23:30:00Z',
    endsAt: '2026-10-25T02:30:00Z',
    timeZone: 'Europe/Paris',
  });

  const calendar = new CalendarPages(page);
  await page.goto(`/sessions/${session.id}`);
  await calendar.setVideoLink('http://visio.example.org/boussole');
  await expect(page.getByText('Saisissez un lien complet commençant par https://.')).toBeVisible();
  await calendar.setVideoLink('https://visio.example.org/boussole');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Rejoindre la visio/ })).toHaveAttribute(
    'href',
    'https://visio.example.org/boussole',
  );
  const first = await calendar.downloadSessionCalendar();
  expect(first.event.uid).toMatch(new RegExp(`^session-${session.id}@`));
  expect(first.event.startDate.zone?.tzid).toBe('Europe/Paris');
  expect(first.event.startDate.toJSDate().toISOString()).toBe('2026-10-24T23:30:00.000Z');
  expect(first.event.endDate.toJSDate().toISOString()).toBe('2026-10-25T02:30:00.000Z');
  expect(first.event.location).toContain('https://visio.example.org/boussole');
  expect(first.event.description).toContain('https://visio.example.org/boussole');
  expect(first.ics).not.toMatch(/^(ATTENDEE|ORGANIZER)/m);

  // The dialog: accessible, asks for a reason, and Escape gives the focus back.
  const cancelButton = page.getByRole('button', { name: 'Annuler la séance' });
  await cancelButton.click();
  const dialog = page.getByRole('dialog', { name: 'Annuler la séance' });
  await dialog.getByRole('button', { name: "Confirmer l'annulation" }).click();
  await expect(dialog.getByText('Ce champ est obligatoire.')).toBeVisible();
  await expectAccessible(page, 'cancel dialog with its error');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(cancelButton).toBeFocused();

  await calendar.cancelSession('Reportée au mois prochain');
  await expect(page.locator('#session-cancelled-notice')).toBeFocused();
  await expect(page.getByText('Motif : Reportée au mois prochain')).toBeVisible();
  await expectAccessible(page, 'cancelled session');
  const second = await calendar.downloadSessionCalendar();
  expect(second.event.uid).toBe(first.event.uid);
  expect(second.event.sequence).toBeGreaterThan(first.event.sequence);
  expect(second.event.component.getFirstPropertyValue('status')).toBe('CANCELLED');

  await page.goto(`/circles/${circle.id}`);
  await expect(page.getByRole('textbox', { name: "S'abonner à l'agenda du cercle" })).toHaveValue(
    new RegExp(`/api/v1/circles/${circle.id}/calendar\\.ics$`),
  );

  await calendar.openMyCalendar();
  const oldUrl = await calendar.feedUrlField().inputValue();
  expect(oldUrl).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
  await expectAccessible(page, 'profile with my calendar');
  // A calendar application has no cookie: the link alone must open the feed.
  const stranger = await playwrightRequest.newContext();
  const feed = await stranger.get(oldUrl);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain(`session-${session.id}@`);

  await calendar.rotateFeed();
  const newUrl = await calendar.feedUrlField().inputValue();
  expect(newUrl).not.toBe(oldUrl);
  expect((await stranger.get(oldUrl)).status()).toBe(404);
  expect((await stranger.get(newUrl)).status()).toBe(200);
  await stranger.dispose();
  expect(pageProblems).toEqual([]);
});
