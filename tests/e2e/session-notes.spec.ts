import type { APIRequestContext, Page } from '@playwright/test';
import { expect, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

test('two members write in the shared notes and each sees the other’s text', async ({
  page,
  browser,
  pageProblems,
}) => {
  const call = async (request: typeof page.request, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  const facilitator = newPerson('Thierry');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `notes-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Cercle des notes',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle arpentage',
    kind: 'learning_circle',
    visibility: 'community',
  });
  const session = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Lecture partagée',
    startsAt: '2026-12-15T09:00:00+01:00',
    endsAt: '2026-12-15T11:00:00+01:00',
  });
  await call(page.request, 'POST', `/api/v1/sessions/${session.id}/agenda/template`, {
    template: 'arpentage',
  });

  const otherContext = await browser.newContext({ locale: 'fr-FR' });
  const other = await otherContext.newPage();
  const reader = newPerson('Isabelle');
  await new AccountPages(other).signUpThroughApi(reader);
  await call(other.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(other.request, 'POST', `/api/v1/circles/${circle.id}/members`, {});

  for (const browserPage of [page, other]) {
    await browserPage.goto(`/sessions/${session.id}`);
    await browserPage.getByRole('button', { name: 'Ouvrir les notes communes' }).click();
  }
  const editorOf = (p: typeof page) => p.getByRole('textbox', { name: 'Notes communes de la séance' });
  // The notes start with one heading per agenda item.
  await expect(editorOf(page)).toContainText('Mots-clés et débat');
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Thierry : la boussole comme fil rouge.');
  await expect(editorOf(other)).toContainText('la boussole comme fil rouge', { timeout: 15_000 });
  await editorOf(other).click();
  await other.keyboard.press('Control+End');
  await other.keyboard.press('Enter');
  await other.keyboard.type('Isabelle : relire le chapitre 3.');
  await expect(editorOf(page)).toContainText('relire le chapitre 3', { timeout: 15_000 });
  await expect(page.getByRole('list', { name: 'Dans les notes :' }).getByText('Isabelle Test')).toBeVisible();
  await expect(page.getByText('Tout est enregistré.')).toBeVisible();

  // A fresh visit reads the notes back from the server.
  const third = await otherContext.newPage();
  await third.goto(`/sessions/${session.id}`);
  await third.getByRole('button', { name: 'Ouvrir les notes communes' }).click();
  await expect(editorOf(third)).toContainText('relire le chapitre 3');
  await otherContext.close();
  expect(pageProblems).toEqual([]);
});

/** The letters of a text, sorted: what two people typed at once, whatever their interleaving. */
const lettersOf = (text: string) => [...text].sort().join('');

test('two people typing into the same paragraph at once: both screens and the minutes hold exactly what they typed', async ({
  page,
  browser,
  pageProblems,
}) => {
  const call = async (request: APIRequestContext, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.headers()['content-type']?.includes('json') ? response.json() : response.text();
  };
  await call(page.request, 'POST', '/api/v1/auth/register', newPerson('Quentin'));
  const slug = `notes-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Cercle des notes',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle boussoles',
    kind: 'learning_circle',
    visibility: 'community',
  });
  // No agenda: the notes start as one empty paragraph, where both will type.
  const session = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Séance à deux claviers',
    startsAt: '2026-12-16T09:00:00+01:00',
    endsAt: '2026-12-16T11:00:00+01:00',
  });
  const otherContext = await browser.newContext({ locale: 'fr-FR' });
  const other = await otherContext.newPage();
  await call(other.request, 'POST', '/api/v1/auth/register', newPerson('Xavier'));
  await call(other.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(other.request, 'POST', `/api/v1/circles/${circle.id}/members`, {});

  const editorOf = (p: Page) => p.getByRole('textbox', { name: 'Notes communes de la séance' });
  for (const p of [page, other]) {
    await p.goto(`/sessions/${session.id}`);
    await p.getByRole('button', { name: 'Ouvrir les notes communes' }).click();
    await expect(p.getByText('Tout est enregistré.')).toBeVisible();
  }
  const lastParagraphOf = async (p: Page) =>
    ((await editorOf(p).locator('p').last().textContent()) ?? '').trim();
  /** Both type at once, key by key, at the end of the notes; both screens must agree on exactly their keys. */
  async function typeTogether(first: string, second: string): Promise<string> {
    for (const p of [page, other]) {
      await editorOf(p).focus();
      await p.keyboard.press('Control+End');
    }
    await Promise.all([page.keyboard.type(first, { delay: 30 }), other.keyboard.type(second, { delay: 30 })]);
    const expected = lettersOf(first + second);
    await expect
      .poll(async () => {
        const [mine, theirs] = await Promise.all([lastParagraphOf(page), lastParagraphOf(other)]);
        return { mine: lettersOf(mine), theirs: lettersOf(theirs), isSame: mine === theirs };
      })
      .toEqual({ mine: expected, theirs: expected, isSame: true });
    return lastParagraphOf(page);
  }

  // Into the paragraph the notes were seeded with…
  const seeded = await typeTogether('Quentin22', 'Xavier11');
  // …then into a paragraph one of them has just created.
  await editorOf(page).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await expect(editorOf(other).locator('p')).toHaveCount(2);
  const created = await typeTogether('Quentin33', 'Xavier44');

  for (const p of [page, other]) await expect(p.getByText('Tout est enregistré.')).toBeVisible();
  const minutes = await call(page.request, 'GET', `/api/v1/sessions/${session.id}/minutes.md`);
  expect(minutes).toContain(`${seeded}\n\n${created}\n`);
  await otherContext.close();
  expect(pageProblems).toEqual([]);
});
