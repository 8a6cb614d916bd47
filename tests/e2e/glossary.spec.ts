import type { APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/**
 * The abécédaire from a proposal to the printed booklet: members propose words for E, the animator
 * opens a vote with a quota of 3, members vote, the close selects the top three; two members define
 * one word at once and the second merges instead of overwriting; the animator publishes it and
 * prints the booklet.
 */
test('propose, vote letter by letter, define together with a conflict merged, publish, print', async ({
  page,
  browser,
  pageProblems,
}) => {
  const animator = newPerson('Sandrine');
  await new AccountPages(page).signUpThroughApi(animator);
  const slug = `abecedaire-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Abécédaire en test',
    slug,
    joinPolicy: 'open',
  });

  const people = [];
  for (const name of ['Bernard', 'Julie', 'Nadia']) {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const personPage = await context.newPage();
    await new AccountPages(personPage).signUpThroughApi(newPerson(name));
    await call(personPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
    people.push(personPage);
  }
  const [bernard, julie, nadia] = people as [typeof page, typeof page, typeof page];

  // Bernard proposes a word through the page; the same word again is refused, naming the first.
  await bernard.goto(`/c/${slug}/glossary`);
  await bernard.getByLabel('Mot ou expression').fill('Écoute');
  await bernard.getByRole('button', { name: 'Proposer' }).click();
  await expect(bernard.getByText('« Écoute » est proposé.')).toBeVisible();
  await bernard.getByLabel('Mot ou expression').fill('ECOUTE');
  await bernard.getByRole('button', { name: 'Proposer' }).click();
  await expect(bernard.getByText('« Écoute » est déjà dans l’abécédaire.')).toBeVisible();
  for (const [person, term] of [
    [julie, 'Entraide'],
    [nadia, 'Essaimer'],
    [julie, 'Émancipation'],
    [nadia, 'Expérimenter'],
  ] as const) {
    await call(person.request, 'POST', `/api/v1/communities/${slug}/glossary`, { term });
  }

  // "On lance la suite ?": the animator opens the vote on E, three words per letter.
  await page.goto(`/c/${slug}/glossary`);
  await page.getByLabel('Lettres (par exemple E, F, G)').fill('E');
  await page.getByLabel('Mots retenus par lettre').fill('3');
  await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
  await expect(page).toHaveURL(/\/polls\//);
  const pollId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const poll = await call(page.request, 'GET', `/api/v1/polls/${pollId}`);
  const option = (term: string) => poll.options.find((o: { text: string }) => o.text === term).id;
  for (const [person, terms] of [
    [bernard, ['Écoute', 'Entraide', 'Essaimer']],
    [julie, ['Écoute', 'Entraide', 'Expérimenter']],
    [nadia, ['Écoute', 'Essaimer', 'Entraide']],
  ] as const) {
    await call(person.request, 'PUT', `/api/v1/polls/${pollId}/ballot`, { choices: terms.map(option) });
  }
  await call(page.request, 'POST', `/api/v1/polls/${pollId}/close`);

  // The close selects the top three of E; the others stay proposed.
  await page.goto(`/c/${slug}/glossary?letter=E`);
  const entries = page.getByRole('region', { name: 'E' });
  for (const term of ['Écoute', 'Entraide', 'Essaimer']) {
    await expect(entries.getByRole('listitem').filter({ hasText: term })).toContainText('Retenu');
  }
  for (const term of ['Émancipation', 'Expérimenter']) {
    await expect(entries.getByRole('listitem').filter({ hasText: term })).toContainText('Proposé');
  }
  await expectAccessible(page, 'glossary index (animator)');

  // Two members define "Entraide" from the same revision: the second gets the first's text to merge.
  await bernard.goto(`/c/${slug}/glossary`);
  await bernard.getByRole('link', { name: 'Entraide' }).click();
  await expect(bernard.getByRole('heading', { level: 1, name: 'Entraide' })).toBeVisible();
  await expect(bernard.getByText('Retenu par le vote avec 3 voix')).toBeVisible();
  const entryUrl = bernard.url();
  await julie.goto(entryUrl);
  await bernard.getByRole('button', { name: 'Modifier' }).click();
  await julie.getByRole('button', { name: 'Modifier' }).click();
  await bernard.getByLabel('Définition').fill('S’aider les uns les autres, entre pairs.');
  await julie.getByLabel('Définition').fill('Apprendre à plusieurs.');
  await bernard.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(bernard.getByText('Enregistré.')).toBeVisible();
  await julie.getByRole('button', { name: 'Enregistrer' }).click();
  const conflict = julie.getByRole('alert').filter({ hasText: 'Quelqu’un a enregistré ce mot' });
  await expect(conflict).toContainText('S’aider les uns les autres, entre pairs.');
  await expect(conflict).toContainText('Apprendre à plusieurs.');
  await expectAccessible(julie, 'glossary entry in conflict');
  await lookAt(julie, 'glossary-conflict', { fullPage: true });
  await julie
    .getByLabel('Définition')
    .fill('S’aider les uns les autres, entre pairs : apprendre à plusieurs. Voir [[Écoute]].');
  await julie.getByRole('group', { name: 'Mots liés' }).getByLabel('Essaimer').check();
  await julie.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(julie.getByText('Enregistré.')).toBeVisible();
  await expect(
    julie.getByRole('region', { name: 'Mots liés' }).getByRole('link', { name: 'Essaimer' }),
  ).toBeVisible();
  // Bernard's page follows the entry live: Julie's merge arrives without a reload.
  await expect(bernard.getByRole('region', { name: 'Définition' })).toContainText(
    'apprendre à plusieurs. Voir Écoute.',
  );
  // [[Écoute]] is a link to that entry, inside the definition.
  await julie.getByRole('region', { name: 'Définition' }).getByRole('link', { name: 'Écoute' }).click();
  await expect(julie.getByRole('heading', { level: 1, name: 'Écoute' })).toBeVisible();
  await julie.goBack();
  const history = julie.getByRole('region', { name: 'Historique' });
  await expect(history).toContainText('par Julie');
  await expect(history).toContainText('par Bernard');

  // The animator publishes it; the booklet shows it.
  await page.goto(entryUrl);
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByText('Publié', { exact: true })).toBeVisible();
  await page.goto(`/c/${slug}/glossary`);
  await page.getByRole('link', { name: 'Version à imprimer' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Abécédaire de Abécédaire en test' }),
  ).toBeVisible();
  await expect(page.getByRole('article')).toContainText('S’aider les uns les autres, entre pairs');
  await expect(page.getByRole('article')).toHaveCount(1);
  await expectAccessible(page, 'glossary print page');
  await lookAt(page, 'glossary-print', { fullPage: true });
  const markdown = await page.request.get(`/api/v1/communities/${slug}/glossary.md`);
  expect(await markdown.text()).toContain('### Entraide');
  expect(pageProblems).toEqual([]);
});

test('the A–Z index works with the keyboard alone', async ({ page }) => {
  await page.goto('/c/riposte-creative-territoriale/glossary');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('abécédaire');
  const index = page.getByRole('navigation', { name: 'Index de A à Z' });
  await index.getByRole('link', { name: 'Toutes les lettres' }).focus();
  await page.keyboard.press('Tab');
  await expect(index.getByRole('link', { name: 'A : 3 mots' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(index.getByRole('link', { name: 'B : 3 mots' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/letter=B/);
  await expect(page.getByRole('region', { name: 'B' }).getByRole('link')).toHaveText([
    'Bienveillant',
    'Biomimetisme',
    'Boussoles',
  ]);
  await expect(page.getByRole('region', { name: 'A' })).toHaveCount(0);
  // On to the first word of the letter, and into its page.
  await page.getByRole('region', { name: 'B' }).getByRole('link', { name: 'Bienveillant' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Bienveillant' })).toBeVisible();
  await expect(page.getByText('La définition reste à écrire.')).toBeVisible();
});
