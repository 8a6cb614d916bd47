import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { APIRequestContext, Page } from '@playwright/test';
import { registrationTokenOf } from '../../src/server/features/events/registrations.commands.ts';
import { expect, expectAccessible, instanceAdmin, lookAt, newPerson, test } from './fixtures.ts';
import { e2eAuthSecret } from './instance.ts';

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.status() === 204 ? null : response.json();
}

/** Screenshots at a desktop width and at a phone's (390 px), for a person to look at. */
async function lookWideAndNarrow(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await lookAt(page, `${name}-wide`, { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // The phone's layout is another page to a screen reader: the timetable as a list, tables that scroll.
  await expectAccessible(page, `${name} at 390 px`);
  await lookAt(page, `${name}-phone`, { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a guest registers to a public event and confirms from the mail; a member registers in one click', async ({
  browser,
  pageProblems,
}) => {
  // The organiser's public event: two sites, a plenary for all, two workshops side by side.
  const organiser = await browser.newContext({ locale: 'fr-FR' });
  await call(organiser.request, 'POST', '/api/v1/auth/register', newPerson('Odile'));
  const slug = `universite-${Date.now().toString(36)}`;
  await call(organiser.request, 'POST', '/api/v1/communities', {
    name: 'Riposte Gironde',
    slug,
    joinPolicy: 'open',
  });
  const year = new Date().getUTCFullYear() + 1;
  const at = (time: string) => `${year}-11-17T${time}:00+01:00`;
  const event = await call(organiser.request, 'POST', `/api/v1/communities/${slug}/events`, {
    title: 'Université de l’innovation publique territoriale',
    description: 'Une journée **sur plusieurs sites** pour inspirer les cercles.',
    startsAt: at('09:00'),
    endsAt: at('17:30'),
    timeZone: 'Europe/Paris',
    visibility: 'public',
    capacity: 200,
  });
  const eventPath = `/api/v1/events/${event.id}`;
  const bordeaux = await call(organiser.request, 'POST', `${eventPath}/sites`, {
    name: 'Bordeaux',
    address: '14 rue François de Sourdis, Bordeaux',
    capacity: 80,
  });
  const online = await call(organiser.request, 'POST', `${eventPath}/sites`, {
    name: 'En ligne',
    onlineUrl: 'https://visio.example.org/universite',
  });
  await call(organiser.request, 'POST', `${eventPath}/slots`, {
    title: 'Ouverture',
    kind: 'plenary',
    startsAt: at('09:30'),
    endsAt: at('10:30'),
    speakers: ['Claire Martin'],
  });
  await call(organiser.request, 'POST', `${eventPath}/slots`, {
    title: 'Porter les cercles sur les territoires',
    kind: 'workshop',
    startsAt: at('11:00'),
    endsAt: at('12:30'),
    siteId: bordeaux.id,
    capacity: 20,
    speakers: ['Hugo Bernard', 'Nadia Roux'],
  });
  await call(organiser.request, 'POST', `${eventPath}/slots`, {
    title: 'Le codéveloppement à distance',
    kind: 'workshop',
    startsAt: at('11:00'),
    endsAt: at('12:30'),
    siteId: online.id,
    capacity: 12,
  });
  await call(organiser.request, 'POST', `${eventPath}/slots`, {
    title: 'Déjeuner',
    kind: 'break',
    startsAt: at('12:30'),
    endsAt: at('14:00'),
  });

  // The community's events page: by month, the feed to subscribe to, "Nouvel événement" for its animators.
  const organiserPage = await organiser.newPage();
  await organiserPage.goto(`/c/${slug}/events`);
  await expect(organiserPage.getByRole('heading', { level: 2, name: `Novembre ${year}` })).toBeVisible();
  await expect(organiserPage.getByRole('link', { name: event.title })).toBeVisible();
  await expect(organiserPage.getByRole('link', { name: 'S’abonner (.ics)' })).toBeVisible();
  await expect(organiserPage.getByRole('link', { name: 'Nouvel événement' })).toBeVisible();
  await expectAccessible(organiserPage, 'events list');
  await lookWideAndNarrow(organiserPage, 'events-list');

  // A visitor without an account opens the public event: the timetable, and a guest's form.
  const guest = await browser.newContext({ locale: 'fr-FR' });
  const guestPage = await guest.newPage();
  await guestPage.goto(`/events/${event.id}`);
  await expect(guestPage.getByRole('heading', { level: 1, name: event.title })).toBeVisible();
  const programme = guestPage.getByRole('region', { name: 'Programme' });
  await expect(
    programme.getByRole('heading', { level: 4, name: 'Porter les cercles sur les territoires' }),
  ).toBeVisible();
  await expect(programme.getByText('0/20 places')).toBeVisible();
  // The visio link is for registered people only.
  await expect(guestPage.getByRole('link', { name: 'Lien de visio' })).toHaveCount(0);
  await expectAccessible(guestPage, 'event page (visitor)');
  await lookWideAndNarrow(guestPage, 'event-visitor');

  const email = `julie.${Date.now().toString(36)}@example.org`;
  await guestPage.getByLabel('Votre nom').fill('Julie Garnier');
  await guestPage.getByLabel('Votre adresse électronique').fill(email);
  await guestPage.getByRole('checkbox', { name: /Porter les cercles sur les territoires/ }).check();
  await guestPage.getByRole('button', { name: 'M’inscrire' }).click();
  await expect(guestPage.getByText('Vérifiez votre boîte aux lettres')).toBeVisible();
  await expect(guestPage.getByText('dans les 48 h')).toBeVisible();

  // The mail goes to the outbox; the instance admin sees it went, not the guest's link.
  const admin = await browser.newContext({ locale: 'fr-FR' });
  await call(admin.request, 'POST', '/api/v1/auth/login', {
    email: instanceAdmin.email,
    password: instanceAdmin.password,
  });
  await expect(async () => {
    const outbox = await call(admin.request, 'GET', '/api/v1/admin/outbox');
    const mail = outbox.items.find((m: { to: string }) => m.to === email);
    expect(mail?.text).toContain('/registrations/link/[redacted]');
  }).toPass({ timeout: 30_000 });

  // The link as the guest's mailbox has it: the registration's nonce signed with the instance's secret.
  const database = new DatabaseSync(join(process.env.E2E_DATA_DIR ?? '', 'archipel.sqlite'), {
    readOnly: true,
  });
  const row = database
    .prepare('SELECT token_nonce FROM event_registrations WHERE guest_email = ?')
    .get(email);
  database.close();
  const token = registrationTokenOf(e2eAuthSecret, String(row?.token_nonce));

  await guestPage.goto(`/registrations/link/${token}`);
  // Before it is confirmed, the page does not repeat the name typed with the address.
  await expect(guestPage.getByRole('heading', { level: 2, name: 'Votre inscription' })).toBeVisible();
  await expect(guestPage.getByText('Julie Garnier')).toHaveCount(0);
  await expect(guestPage.getByText('À confirmer', { exact: true })).toBeVisible();
  await expect(guestPage.getByRole('link', { name: 'Voir l’événement' })).toHaveAttribute(
    'href',
    `/events/${event.id}`,
  );
  await expectAccessible(guestPage, 'registration link page');
  await lookWideAndNarrow(guestPage, 'registration-link');
  await guestPage.getByRole('button', { name: 'Confirmer mon inscription' }).click();
  await expect(guestPage.getByText('C’est confirmé : votre place est réservée.')).toBeVisible();
  await expect(guestPage.getByText('Confirmé', { exact: true }).first()).toBeVisible();
  await expect(guestPage.getByRole('button', { name: 'Confirmer mon inscription' })).toHaveCount(0);
  await expect(
    guestPage.getByRole('heading', { level: 2, name: 'Inscription de Julie Garnier' }),
  ).toBeVisible();
  await lookAt(guestPage, 'registration-link-confirmed', { fullPage: true });
  // An unknown link says so.
  await guestPage.goto(`/registrations/link/${token.slice(0, -3)}xyz`);
  await expect(guestPage.getByRole('heading', { level: 1, name: 'Lien inconnu' })).toBeVisible();

  // The organiser watches the event page while a member registers: the list fills without a reload.
  await organiserPage.goto(`/events/${event.id}`);
  const table = organiserPage.getByRole('table', { name: `Inscriptions à « ${event.title} »` });
  await expect(table.getByRole('rowheader', { name: /Julie Garnier/ })).toBeVisible();

  // A member registers in one click; two overlapping workshops are refused with both named.
  const member = await browser.newContext({ locale: 'fr-FR' });
  await call(member.request, 'POST', '/api/v1/auth/register', newPerson('Marc'));
  await call(member.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  const memberPage = await member.newPage();
  await memberPage.goto(`/events/${event.id}`);
  await memberPage.getByRole('checkbox', { name: /Porter les cercles sur les territoires/ }).check();
  await memberPage.getByRole('checkbox', { name: /Le codéveloppement à distance/ }).check();
  await memberPage.getByRole('button', { name: 'M’inscrire' }).click();
  await expect(
    memberPage.getByRole('alert').filter({
      hasText:
        /« Le codéveloppement à distance » et « Porter les cercles sur les territoires » se chevauchent/,
    }),
  ).toBeVisible();
  await memberPage.getByRole('checkbox', { name: /Porter les cercles sur les territoires/ }).uncheck();
  await memberPage.getByRole('button', { name: 'M’inscrire' }).click();
  await expect(memberPage.getByText('Mon inscription :')).toBeVisible();
  await expect(memberPage.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' })).toBeVisible();
  // Registered: the online site's visio link shows.
  await expect(memberPage.getByRole('link', { name: 'Lien de visio' })).toBeVisible();
  // They change their mind: the other workshop instead.
  await memberPage.getByRole('button', { name: 'Changer mes créneaux' }).click();
  await memberPage.getByRole('checkbox', { name: /Le codéveloppement à distance/ }).uncheck();
  await memberPage.getByRole('checkbox', { name: /Porter les cercles sur les territoires/ }).check();
  await memberPage.getByRole('button', { name: 'Enregistrer mes créneaux' }).click();
  const mySlots = memberPage.getByRole('list', { name: 'Mes créneaux' });
  await expect(mySlots).toContainText('Porter les cercles sur les territoires');
  await expect(mySlots).not.toContainText('Le codéveloppement à distance');
  await expect(memberPage.getByRole('region', { name: 'Programme' }).getByText('2/20 places')).toBeVisible();
  await expectAccessible(memberPage, 'event page (registered member)');
  await lookWideAndNarrow(memberPage, 'event-member');

  // The organiser's page followed (topic event:<id>): both registrations, the guest's among them.
  await expect(table.getByRole('rowheader', { name: /Marc Test/ })).toBeVisible();
  await expect(organiserPage.getByText('2/20 places')).toBeVisible();
  await table.getByRole('button', { name: 'Présent·e : Julie Garnier' }).click();
  await expect(table.getByRole('button', { name: 'Présent·e : Julie Garnier' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(organiserPage.getByRole('link', { name: 'Télécharger (CSV)' })).toBeVisible();
  await expectAccessible(organiserPage, 'event page (organiser)');
  await lookWideAndNarrow(organiserPage, 'event-organiser');

  // The guest cancels from the same link: their place goes back.
  await guestPage.goto(`/registrations/link/${token}`);
  await guestPage.getByRole('button', { name: 'Annuler mon inscription' }).click();
  await guestPage.getByRole('alertdialog').getByRole('button', { name: 'Annuler mon inscription' }).click();
  await expect(guestPage.getByText('Votre inscription est annulée.')).toBeVisible();
  await expect(organiserPage.getByText('1/20 places')).toBeVisible();

  for (const context of [organiser, guest, admin, member]) await context.close();
  expect(pageProblems).toEqual([]);
});

test('an organiser creates an event, its sites and its programme through the forms', async ({
  browser,
  pageProblems,
}) => {
  const organiser = await browser.newContext({ locale: 'fr-FR' });
  await call(organiser.request, 'POST', '/api/v1/auth/register', newPerson('Agathe'));
  const slug = `forum-${Date.now().toString(36)}`;
  await call(organiser.request, 'POST', '/api/v1/communities', {
    name: 'Riposte Landes',
    slug,
    joinPolicy: 'open',
  });
  const page = await organiser.newPage();
  const year = new Date().getUTCFullYear() + 1;

  await page.goto(`/c/${slug}`);
  await page.getByRole('link', { name: 'Événements' }).click();
  await expect(page.getByText('Aucun événement pour l’instant')).toBeVisible();
  await page.getByRole('link', { name: 'Nouvel événement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouvel événement' })).toBeVisible();
  // The end before the start is refused under its field.
  await page.getByLabel('Titre').fill('Forum ouvert en ligne');
  await page.getByLabel('Description').fill('Un temps **inspirant** avant l’université.');
  await page.getByLabel('Date de début').fill(`${year}-10-05`);
  await page.getByLabel('Heure de début').fill('14:00');
  await page.getByLabel('Heure de fin').fill('13:00');
  await page.getByRole('button', { name: 'Créer l’événement' }).click();
  await expect(page.getByText("L'heure de fin doit venir après l'heure de début.")).toBeVisible();
  await page.getByLabel('Heure de fin').fill('17:00');
  await page.getByRole('radio', { name: 'Communauté' }).check();
  await page.getByLabel('Nombre de places').fill('30');
  await expectAccessible(page, 'new event form');
  await lookAt(page, 'event-new', { fullPage: true });
  await page.getByRole('button', { name: 'Créer l’événement' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Forum ouvert en ligne' })).toBeVisible();
  await expect(page.getByText(`5 octobre ${year}, 14:00 – 17:00`)).toBeVisible();
  await expect(page.getByText('Communauté', { exact: true })).toBeVisible();
  await expect(page.getByText('30 places restantes')).toBeVisible();

  // A site online, then a slot on it, through the organisers' dialogs.
  await page.getByRole('button', { name: 'Ajouter un site' }).click();
  const siteDialog = page.getByRole('dialog', { name: 'Ajouter un site' });
  await siteDialog.getByLabel('Nom du site').fill('Salle virtuelle');
  await siteDialog.getByLabel('Lien de visio').fill('javascript:alert(1)');
  await siteDialog.getByRole('button', { name: 'Ajouter le site' }).click();
  await expect(siteDialog.getByText('Saisissez une adresse web commençant par https://.')).toBeVisible();
  await siteDialog.getByLabel('Lien de visio').fill('https://visio.example.org/forum');
  await siteDialog.getByRole('button', { name: 'Ajouter le site' }).click();
  await expect(siteDialog).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Sites :' }).getByText('Salle virtuelle')).toBeVisible();

  await page.getByRole('button', { name: 'Ajouter un créneau' }).click();
  const slotDialog = page.getByRole('dialog', { name: 'Ajouter un créneau' });
  await slotDialog.getByLabel('Titre du créneau').fill('Place du marché');
  await slotDialog.getByLabel('Type').selectOption({ label: 'Forum ouvert' });
  await slotDialog.getByLabel('Début', { exact: true }).fill('14:15');
  await slotDialog.getByLabel('Fin', { exact: true }).fill('15:00');
  await slotDialog.getByLabel('Intervenant·es').fill('Agathe, Youssef');
  await slotDialog.getByLabel(/^Places/).fill('10');
  await expectAccessible(page, 'slot dialog');
  await slotDialog.getByRole('button', { name: 'Ajouter le créneau' }).click();
  await expect(slotDialog).toHaveCount(0);
  const programme = page.getByRole('region', { name: 'Programme' });
  await expect(programme.getByRole('heading', { level: 4, name: 'Place du marché' })).toBeVisible();
  await expect(programme.getByText('Agathe, Youssef')).toBeVisible();
  await expect(programme.getByText('0/10 places')).toBeVisible();

  // Edited: the description changes; then cancelled, with its banner.
  await page.getByRole('link', { name: 'Modifier l’événement' }).click();
  await page.getByLabel('Description').fill('Un temps inspirant, **en ligne**.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Forum ouvert en ligne' })).toBeVisible();
  await expect(page.getByText('en ligne', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Annuler l’événement' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Annuler l’événement' }).click();
  await expect(page.getByText('Cet événement est annulé')).toBeVisible();
  await lookAt(page, 'event-cancelled', { fullPage: true });

  await organiser.close();
  expect(pageProblems).toEqual([]);
});

test('a visitor reads the demo Université: three days on five sites, the forum within it', async ({
  page,
  pageProblems,
}) => {
  await page.goto('/c/riposte-creative-territoriale/events');
  await expect(page.getByRole('heading', { level: 2, name: 'Novembre 2021' })).toBeVisible();
  await page.getByRole('link', { name: /Université de l’innovation publique territoriale/ }).click();
  const programme = page.getByRole('region', { name: 'Programme' });
  for (const day of ['Mardi 16 novembre 2021', 'Mercredi 17 novembre 2021', 'Jeudi 18 novembre 2021']) {
    await expect(programme.getByRole('heading', { level: 3, name: day })).toBeVisible();
  }
  // Over: no guest form any more.
  await expect(page.getByText('Cet événement est terminé : les inscriptions sont closes.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'M’inscrire' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Événements dans l’événement' })).toContainText(
    'Forum ouvert de la Riposte',
  );
  await expectAccessible(page, 'demo Université');
  await lookWideAndNarrow(page, 'demo-universite');
  expect(pageProblems).toEqual([]);
});
