import { readFileSync } from 'node:fs';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { PollPage } from './pages/poll.page.ts';

/**
 * The glossary vote of a circle: the facilitator creates a sections poll (3 words per letter), a
 * member votes in another browser, the facilitator's page shows the result live, then closes the
 * vote and downloads the CSV.
 */
test('a sections poll: quota per letter, live results in a second browser, close, CSV', async ({
  page,
  browser,
  pageProblems,
}) => {
  const facilitator = newPerson('Florent');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `votes-${Date.now().toString(36)}`;
  const call = async (request: typeof page.request, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  await call(page.request, 'POST', '/api/v1/communities', { name: 'Abécédaire', slug, joinPolicy: 'open' });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Équipe d’animation',
    kind: 'animation_team',
    visibility: 'private',
  });
  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const memberPage = await memberContext.newPage();
  await new AccountPages(memberPage).signUpThroughApi(newPerson('Julie'));
  const me = await call(memberPage.request, 'GET', '/api/v1/me');
  await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(page.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });

  const organiser = new PollPage(page);
  await page.goto(`/circles/${circle.id}`);
  await organiser.createSectionsPoll(
    'Abécédaire : 3 mots par lettre',
    [
      { title: 'A', options: ['Altérité', 'Apprenance', 'Archipel', 'Autonomie'] },
      { title: 'B', options: ['Bienveillant', 'Boussoles', '=Bricolage'] },
    ],
    3,
  );
  const pollUrl = page.url();
  await expect(organiser.results()).toContainText('0 votant');

  const member = new PollPage(memberPage);
  await memberPage.goto(pollUrl);
  await member.choose('A', ['Altérité', 'Apprenance', 'Archipel']);
  await expect(member.section('A')).toContainText('3 / 3 max');
  // The section is full: a fourth word cannot be ticked.
  await expect(member.section('A').getByRole('checkbox', { name: 'Autonomie' })).toBeDisabled();
  await member.choose('B', ['Boussoles', '=Bricolage']);
  await expectAccessible(memberPage, 'poll page (voter)');
  await member.vote();

  // The facilitator's page follows the poll's live topic (no reload).
  await expect(organiser.results()).toContainText('1 votant', { timeout: 15_000 });
  await expect(organiser.results().getByRole('listitem').filter({ hasText: 'Archipel' })).toContainText(
    '1 voix (100 %)',
  );
  await expect(organiser.results().getByRole('listitem').filter({ hasText: 'Autonomie' })).toContainText(
    '0 voix',
  );
  await expectAccessible(page, 'poll page (organiser)');
  await lookAt(page, 'poll-page', { fullPage: true });

  await organiser.close();
  await expect(page.getByText('Clos', { exact: true })).toBeVisible();
  await expect(memberPage.getByRole('button', { name: 'Modifier mon vote' })).toHaveCount(0, {
    timeout: 15_000,
  });
  await expect(member.results()).toContainText('résultats définitifs');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger (CSV)' }).click(),
  ]);
  const csv = readFileSync((await download.path()) ?? '', 'utf8');
  // In French, semicolons: what a spreadsheet set to French splits into columns.
  expect(csv).toContain('A;Archipel;1');
  // A word that a spreadsheet would run as a formula stays text.
  expect(csv).toContain("B;'=Bricolage;1");
  await memberContext.close();
  expect(pageProblems).toEqual([]);
});

/**
 * A shared computer (a town hall's meeting-room laptop): one person votes in an anonymous poll and
 * signs out, the next signs in on the same browser and votes too. Each ballot counts once: the
 * receipt the first person left behind is theirs alone.
 */
test('an anonymous poll on a shared computer: two people, two ballots', async ({ page, browser }) => {
  const organiserContext = await browser.newContext({ locale: 'fr-FR' });
  const organiserPage = await organiserContext.newPage();
  const organiser = newPerson('Odile');
  await new AccountPages(organiserPage).signUpThroughApi(organiser);
  const call = async (request: typeof page.request, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.status() === 204 ? null : response.json();
  };
  const slug = `poste-${Date.now().toString(36)}`;
  await call(organiserPage.request, 'POST', '/api/v1/communities', {
    name: 'Mairie',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(organiserPage.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Salle du conseil',
    kind: 'animation_team',
    visibility: 'private',
  });
  const first = newPerson('Anne');
  const second = newPerson('Bruno');
  const accounts = new AccountPages(page);
  for (const person of [first, second]) {
    await accounts.signUpThroughApi(person);
    const me = await call(page.request, 'GET', '/api/v1/me');
    await call(page.request, 'POST', `/api/v1/communities/${slug}/members`, {});
    await call(organiserPage.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });
    await call(page.request, 'POST', '/api/v1/auth/logout');
  }
  const poll = await call(organiserPage.request, 'POST', `/api/v1/circles/${circle.id}/polls`, {
    title: 'Garder la réunion du lundi ?',
    kind: 'single',
    options: ['Oui', 'Non'],
    anonymous: true,
  });

  const voter = new PollPage(page);
  for (const [person, answer] of [
    [first, 'Oui'],
    [second, 'Non'],
  ] as const) {
    await accounts.signIn(person);
    await page.goto(`/polls/${poll.id}`);
    await page.getByRole('radio', { name: answer }).check();
    await voter.vote();
    await call(page.request, 'POST', '/api/v1/auth/logout');
  }

  await call(organiserPage.request, 'POST', `/api/v1/polls/${poll.id}/close`);
  const results = await call(organiserPage.request, 'GET', `/api/v1/polls/${poll.id}/results`);
  expect(results.voters).toBe(2);
  expect(results.options.map((o: { text: string; count: number }) => [o.text, o.count])).toEqual([
    ['Oui', 1],
    ['Non', 1],
  ]);
  await organiserContext.close();
});

/** A poll tied to a session shows on that session's page, and leads to the poll. */
test('a session’s page lists the polls tied to it', async ({ page, pageProblems }) => {
  await new AccountPages(page).signUpThroughApi(newPerson('Sandrine'));
  const call = async (method: string, path: string, data?: object) => {
    const response = await page.request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  const slug = `seance-${Date.now().toString(36)}`;
  await call('POST', '/api/v1/communities', { name: 'Riposte', slug, joinPolicy: 'open' });
  const circle = await call('POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle des cercles',
    kind: 'learning_circle',
    visibility: 'community',
  });
  const session = await call('POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Retour sur le Cercle des cercles',
    startsAt: '2031-06-15T10:00:00Z',
    endsAt: '2031-06-15T11:00:00Z',
  });
  await call('POST', `/api/v1/circles/${circle.id}/polls`, {
    title: 'Une nouvelle séance pour creuser des pistes ?',
    kind: 'single',
    options: ['Oui', 'Non'],
    sessionId: session.id,
  });
  await call('POST', `/api/v1/circles/${circle.id}/polls`, {
    title: 'Sans séance',
    kind: 'single',
    options: ['a', 'b'],
  });
  await page.goto(`/sessions/${session.id}`);
  const link = page.getByRole('link', { name: 'Une nouvelle séance pour creuser des pistes ?' });
  await expect(link).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sans séance' })).toHaveCount(0);
  await link.click();
  await expect(
    page.getByRole('heading', { name: 'Une nouvelle séance pour creuser des pistes ?' }),
  ).toBeVisible();
  expect(pageProblems).toEqual([]);
});
