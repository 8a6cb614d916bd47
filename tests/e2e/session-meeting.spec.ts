import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

/**
 * The meeting view (issue 17, item 2), two browsers: the facilitator runs the session from it,
 * pauses and extends the countdown; the member's screen shows the same time left, and the member
 * asks for the floor, which the facilitator gives.
 */
test('a facilitator runs a session from the meeting view; a member sees the same countdown and asks for the floor', async ({
  page,
  browser,
  pageProblems,
}) => {
  const facilitator = newPerson('Florence');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `salle-${Date.now().toString(36)}`;
  const call = async (request: typeof page.request, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Cercles en salle',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Équipe en salle',
    kind: 'animation_team',
    visibility: 'private',
  });
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const session = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Séance en salle',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
  });
  const agenda = await call(page.request, 'POST', `/api/v1/sessions/${session.id}/agenda/template`, {
    template: 'plain',
  });
  const sheet = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/signup-sheets`, {
    title: 'Qui veut y travailler ?',
    topics: [{ title: 'Atelier' }],
  });

  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const memberPage = await memberContext.newPage();
  const member = newPerson('Julien');
  await new AccountPages(memberPage).signUpThroughApi(member);
  const me = await call(memberPage.request, 'GET', '/api/v1/me');
  await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(page.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });

  // Preparation: the sign-up sheet is linked into the first item.
  await page.goto(`/sessions/${session.id}`);
  await page.getByRole('link', { name: 'Préparer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Préparer la séance' })).toBeVisible();
  const firstTitle = agenda.items[0].title as string;
  await page
    .getByRole('combobox', { name: `Lier à « ${firstTitle} »` })
    .selectOption(`signup-sheet:${sheet.id}`);
  await page.getByRole('button', { name: 'Lier à cet item' }).first().click();
  await expect(page.getByText('Lien ajouté.')).toBeVisible();
  await lookAt(page, 'meeting-prepare', { fullPage: true });
  await expectAccessible(page, 'preparation view');

  await page.getByRole('link', { name: 'Animer la séance' }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${session.id}/meeting$`));
  await memberPage.goto(`/sessions/${session.id}/meeting`);
  await expect(
    memberPage.getByRole('heading', { level: 2, name: "La séance n'a pas encore commencé." }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Démarrer la séance' }).click();
  const now = page.getByRole('region', { name: 'Item en cours' });
  await expect(now.getByRole('heading', { name: firstTitle })).toBeVisible();
  await expect(now).toBeVisible();
  await expect(now.getByRole('link', { name: 'Inscriptions : Qui veut y travailler ?' })).toBeVisible();
  await expect(
    memberPage.getByRole('region', { name: 'Item en cours' }).getByRole('heading', { name: firstTitle }),
  ).toBeVisible({ timeout: 15_000 });

  const clock = page.getByRole('timer');
  const memberClock = memberPage.getByRole('timer');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('meeting-clock')).toContainText('En pause');
  const pausedAt = await clock.textContent();
  await expect(memberPage.getByTestId('meeting-clock')).toContainText('En pause', { timeout: 15_000 });
  await expect(memberClock).toHaveText(pausedAt ?? '');

  await page.getByRole('button', { name: 'Ajouter 2 minutes' }).click();
  const seconds = (text: string | null) => {
    const [m, s] = (text ?? '').split(':').map(Number);
    return (m ?? 0) * 60 + (s ?? 0);
  };
  await expect.poll(async () => seconds(await clock.textContent())).toBe(seconds(pausedAt) + 120);
  const extended = await clock.textContent();
  await expect(memberClock).toHaveText(extended ?? '', { timeout: 15_000 });

  // The météo: the member gives theirs from the meeting view, the facilitator's panel shows it.
  await memberPage.getByText('Donner ma météo').click();
  await memberPage.getByRole('radio', { name: 'Soleil' }).check();
  await memberPage.getByRole('textbox', { name: /^Un mot/ }).fill('curieux');
  await memberPage.getByRole('button', { name: 'Partager ma météo' }).click();
  await expect(page.getByRole('region', { name: 'Météo' })).toContainText('« curieux »', { timeout: 15_000 });

  // The member asks for the floor; the facilitator sees the queue and gives it.
  await memberPage.getByRole('button', { name: 'Je demande la parole' }).click();
  await expect(memberPage.getByText('Vous êtes n° 1 dans la file.')).toBeVisible();
  const queue = page.getByRole('list', { name: '1 demande' });
  await expect(queue).toContainText(member.name, { timeout: 15_000 });
  await lookAt(page, 'meeting-view-facilitator', { fullPage: true });
  await expectAccessible(page, 'meeting view (facilitator)');
  await page.getByRole('button', { name: `Donner la parole à ${member.name}` }).click();
  await expect(memberPage.getByRole('list', { name: '1 demande' })).toContainText('a la parole', {
    timeout: 15_000,
  });
  await lookAt(memberPage, 'meeting-view-member', { fullPage: true });
  await expectAccessible(memberPage, 'meeting view (member)');

  // Projector mode: the same countdown, large, nothing to edit.
  await memberPage.goto(`/sessions/${session.id}/projector`);
  await expect(memberPage.getByRole('heading', { level: 1, name: firstTitle })).toBeVisible();
  await expect(memberPage.getByRole('timer')).toHaveText(extended ?? '');
  await expect(memberPage.getByTestId('projector').getByRole('button')).toHaveCount(0);
  await lookAt(memberPage, 'meeting-projector');
  await expectAccessible(memberPage, 'projector mode');

  await memberPage.keyboard.press('Escape');
  await expect(memberPage).toHaveURL(new RegExp(`/sessions/${session.id}/meeting$`));

  await page.getByRole('button', { name: 'Reprendre' }).click();
  await expect(page.getByTestId('meeting-clock')).toContainText('restant');
  await expect(memberPage.getByTestId('meeting-clock')).toContainText('restant', { timeout: 15_000 });
  await memberContext.close();
  expect(pageProblems).toEqual([]);
});
