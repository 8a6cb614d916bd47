import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

/**
 * Guests by a code (decision 051): a facilitator opens a session to guests from its page; someone
 * without an account joins with the code and a name, shares their weather and writes a post-it on
 * the session's board; closing the code ends their access at once.
 */
test('a guest without an account joins a session by its code, checks in and adds a post-it', async ({
  page,
  browser,
  pageProblems,
}) => {
  const facilitator = newPerson('Fanny');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `guests-${Date.now().toString(36)}`;
  const call = async (method: string, path: string, data?: object) => {
    const response = await page.request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  await call('POST', '/api/v1/communities', { name: 'Cercles ouverts', slug, joinPolicy: 'open' });
  const circle = await call('POST', `/api/v1/communities/${slug}/circles`, {
    name: 'REX des cercles',
    kind: 'learning_circle',
    visibility: 'private',
  });
  const starts = new Date(Date.now() + 3600_000);
  const session = await call('POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Retour d’expérience',
    startsAt: starts.toISOString(),
    endsAt: new Date(starts.getTime() + 2 * 3600_000).toISOString(),
  });
  const board = await call('POST', `/api/v1/circles/${circle.id}/boards`, {
    title: 'Ce que je retiens',
    sessionId: session.id,
  });

  await call('POST', `/api/v1/circles/${circle.id}/polls`, {
    title: 'Prochaine séance',
    kind: 'single',
    options: ['Mardi', 'Jeudi'],
    sessionId: session.id,
  });

  // The facilitator opens the session to guests from its page.
  await page.goto(`/sessions/${session.id}`);
  const panel = page.getByRole('complementary').filter({ hasText: 'Invité·es sans compte' });
  await panel.getByRole('button', { name: 'Ouvrir aux invité·es' }).click();
  const shown = page.getByTestId('guest-code');
  await expect(shown).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const code = (await shown.textContent()) ?? '';
  await expect(
    page.getByRole('img', { name: `QR code pour rejoindre la séance avec le code ${code}` }),
  ).toBeVisible();
  await lookAt(panel, 'guest-code-panel');

  // A guest, in a browser that never signed in, types the code and a name.
  const guestContext = await browser.newContext({ locale: 'fr-FR' });
  const guest = await guestContext.newPage();
  await guest.goto('/rejoindre');
  await expect(guest.getByRole('heading', { level: 1, name: 'Rejoindre une séance' })).toBeVisible();
  await expectAccessible(guest, 'guest join page');
  await lookAt(guest, 'guest-join', { fullPage: true });
  await guest.getByLabel('Code de la séance').fill(code.toLowerCase());
  await guest.getByLabel('Votre nom').fill('Gaëlle Invitée');
  await guest.getByRole('button', { name: 'Rejoindre la séance' }).click();
  await expect(guest.getByRole('heading', { level: 1, name: 'Retour d’expérience' })).toBeVisible();
  await expect(guest.getByText('Vous participez en tant que Gaëlle Invitée')).toBeVisible();

  // Their weather and a post-it, marked as a guest's.
  await guest.getByRole('radio', { name: 'Soleil' }).check();
  await guest.getByRole('textbox', { name: /^Un mot/ }).fill('curieuse');
  await guest.getByRole('button', { name: 'Partager ma météo' }).click();
  await expect(guest.getByText('Votre météo est partagée.')).toBeVisible();
  await guest.getByLabel('Votre post-it').fill('Ouvrir les cercles aux agents du CNFPT');
  await guest.getByRole('button', { name: 'Ajouter le post-it' }).click();
  const note = guest
    .getByRole('list', { name: 'Post-its de « Ce que je retiens »' })
    .getByRole('listitem')
    .filter({ hasText: 'Ouvrir les cercles aux agents du CNFPT' });
  // The wall shows it too, where the guest was looking.
  await expect(
    guest.getByRole('region', { name: /^Mur du tableau/ }).getByRole('group', { name: /Ouvrir les cercles/ }),
  ).toBeAttached();
  await expect(note).toContainText('invité·e');
  // A vote on the session's poll.
  await guest.getByRole('radio', { name: 'Jeudi' }).check();
  await guest.getByRole('button', { name: 'Voter' }).click();
  await expect(guest.getByText('Votre vote est enregistré.')).toBeVisible();

  // The shared notes, written live with the facilitator's.
  await guest.getByRole('button', { name: 'Ouvrir les notes' }).click();
  const editor = guest.getByRole('textbox', { name: 'Notes communes de la séance' });
  await editor.click();
  await editor.press('End');
  await editor.pressSequentially('Note de Gaëlle');
  await expect(editor).toContainText('Note de Gaëlle');
  await expectAccessible(guest, 'guest session view');
  await lookAt(guest, 'guest-session', { fullPage: true });
  // On a phone, as most guests in a room will be.
  await guest.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(guest, 'guest session view on a phone');
  await lookAt(guest, 'guest-session-phone', { fullPage: true });
  await guest.setViewportSize({ width: 1280, height: 720 });

  // The facilitator sees both, under the guest's name.
  const seen = await call('GET', `/api/v1/boards/${board.id}`);
  expect(seen.notes.map((n: { author: { name: string } }) => n.author.name)).toEqual(['Gaëlle Invitée']);
  const detail = await call('GET', `/api/v1/sessions/${session.id}`);
  expect(JSON.stringify(detail.checkins)).toContain('curieuse');

  // Outside the session, the guest finds nothing.
  expect((await guest.request.get(`/api/v1/circles/${circle.id}`)).status()).toBe(404);
  expect((await guest.request.get(`/api/v1/communities/${slug}`)).status()).toBe(404);

  // On the board and in the weather round, the facilitator sees the guest's contributions marked.
  await page.goto(`/boards/${board.id}`);
  await expect(page.getByText('Ouvrir les cercles aux agents du CNFPT')).toBeVisible();
  await expect(page.getByText(/Gaëlle Invitée\s*invité·e/)).toBeVisible();
  await lookAt(page, 'guest-on-board', { fullPage: true });
  await page.goto(`/sessions/${session.id}`);
  await expect(page.getByRole('listitem').filter({ hasText: 'curieuse' })).toContainText('invité·e');

  // Closing the code ends the guest's access at once.
  await page.getByRole('button', { name: 'Fermer l’accès maintenant' }).click();
  await expect(page.getByText('Accès fermé')).toBeVisible();
  await guest.reload();
  await expect(guest.getByRole('heading', { level: 1, name: 'Accès terminé' })).toBeVisible();

  // Later, the guest creates an account in the same browser and takes their contributions.
  const gaelle = newPerson('Gaelle');
  await new AccountPages(guest).signUpThroughApi(gaelle);
  await guest.goto('/rejoindre');
  await guest.getByRole('button', { name: 'Rattacher mes contributions' }).click();
  await expect(guest.getByText('Vos contributions sont maintenant celles de votre compte.')).toBeVisible();
  const claimed = await call('GET', `/api/v1/boards/${board.id}`);
  expect(claimed.notes.map((n: { author: { name: string } }) => n.author.name)).toEqual([gaelle.name]);
  await guestContext.close();
  expect(pageProblems).toEqual([]);
});
