import type { Page } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

test('two members format the notes with the toolbar, see each other’s names and colours, and comment', async ({
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
  const slug = `toolbar-${Date.now().toString(36)}`;
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
  await new AccountPages(other).signUpThroughApi(newPerson('Isabelle'));
  await call(other.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(other.request, 'POST', `/api/v1/circles/${circle.id}/members`, {});

  const editorOf = (p: Page) => p.getByRole('textbox', { name: 'Notes communes de la séance' });
  const tool = (p: Page, name: string) =>
    p.getByRole('toolbar', { name: 'Mise en forme' }).getByRole('button', { name, exact: true });
  for (const p of [page, other]) {
    await p.goto(`/sessions/${session.id}`);
    await p.getByRole('button', { name: 'Ouvrir les notes communes' }).click();
    await expect(editorOf(p)).toContainText('Mots-clés et débat');
  }

  // Each sees the other in the legend, and the other's caret carries their name.
  await expect(page.getByRole('list', { name: 'Dans les notes :' }).getByText('Isabelle Test')).toBeVisible();
  await expect(other.getByRole('list', { name: 'Dans les notes :' }).getByText('Thierry Test')).toBeVisible();

  // A heading, a bulleted list with bold, a checklist and a link, from the toolbar.
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await tool(page, 'Sous-titre').click();
  await expect(tool(page, 'Sous-titre')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.type('Décisions');
  await page.keyboard.press('Enter');
  await tool(page, 'Liste à puces').click();
  await tool(page, 'Gras').click();
  await page.keyboard.type('Important');
  await tool(page, 'Gras').click();
  await page.keyboard.type(' : relire le chapitre 3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await tool(page, 'Liste de cases à cocher').click();
  await page.keyboard.type('Créer le sondage');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await tool(page, 'Lien').click();
  const address = page.getByLabel('Adresse du lien');
  await address.fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Appliquer le lien' }).click();
  await expect(page.getByRole('alert')).toContainText('https://');
  await address.fill('https://framadate.org/abc');
  await page.getByRole('button', { name: 'Appliquer le lien' }).click();

  // Keyboard shortcuts keep working beside the toolbar.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+i');
  await page.keyboard.type('au plus vite');
  await expect(editorOf(other).locator('em')).toHaveText('au plus vite', { timeout: 15_000 });
  await page.keyboard.press('Control+i');
  await page.keyboard.type(' oups');
  await expect(editorOf(other)).toContainText('oups', { timeout: 15_000 });
  // Yjs groups edits made close together: undo may take back more than " oups", redo gives it all back.
  await tool(page, 'Annuler').click();
  await expect(editorOf(other)).not.toContainText('oups', { timeout: 15_000 });
  await tool(page, 'Rétablir').click();
  await expect(editorOf(other)).toContainText('au plus vite oups', { timeout: 15_000 });

  await expect(editorOf(other).getByRole('heading', { name: 'Décisions' })).toBeVisible({ timeout: 15_000 });
  await expect(editorOf(other).locator('li strong')).toHaveText('Important');
  await expect(editorOf(other).locator('ul[data-type="taskList"] li')).toContainText('Créer le sondage');
  await expect(editorOf(other).getByRole('link', { name: 'https://framadate.org/abc' })).toHaveAttribute(
    'rel',
    'noopener noreferrer nofollow',
  );
  // The other ticks the checklist's box; the first sees it ticked.
  await editorOf(other).locator('ul[data-type="taskList"] input[type="checkbox"]').check();
  await expect(editorOf(page).locator('ul[data-type="taskList"] li[data-checked="true"]')).toHaveCount(1, {
    timeout: 15_000,
  });

  // Pointing at a passage says who wrote it.
  await editorOf(other).click();
  await other.keyboard.press('Control+End');
  await other.keyboard.press('Enter');
  await other.keyboard.type('Isabelle était là');
  const hers = editorOf(page).getByText('Isabelle était là');
  await expect(hers).toBeVisible({ timeout: 15_000 });
  await hers.hover({ position: { x: 6, y: 6 } });
  await expect(page.getByText('Passage écrit par Isabelle Test')).toBeVisible();

  // Arrow keys move along the toolbar; undo takes back one's own edit.
  await tool(page, 'Titre').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tool(page, 'Sous-titre')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tool(page, 'Rétablir')).toBeFocused();

  // The table of contents scrolls to an agenda heading.
  const outline = page.getByRole('navigation', { name: 'Sommaire' });
  await expect(outline.getByRole('button', { name: 'Décisions' })).toBeVisible();
  await outline.getByRole('button', { name: 'Mots-clés et débat' }).click();
  await expect(editorOf(page).getByRole('heading', { name: 'Mots-clés et débat' })).toBeInViewport();

  // A comment on a passage: the other sees it live, with the passage, and resolves it.
  await editorOf(page).locator('li', { hasText: 'relire le chapitre 3' }).click({ clickCount: 3 });
  await page.getByRole('button', { name: 'Commenter la sélection' }).click();
  await page.getByLabel('Votre commentaire').fill('Qui relit le chapitre 3 ? Avant jeudi.');
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  const openComments = (p: Page) => p.getByRole('list', { name: 'Commentaires ouverts' });
  await expect(openComments(page)).toContainText('Qui relit le chapitre 3 ?');
  await expect(openComments(other)).toContainText('Qui relit le chapitre 3 ? Avant jeudi.', {
    timeout: 15_000,
  });
  await expect(openComments(other)).toContainText('relire le chapitre 3');
  await expect(openComments(other)).toContainText('Thierry Test');
  await expect(other.getByRole('heading', { name: 'Commentaires (1 ouvert)' })).toBeVisible();

  await expect(page.getByText('Tout est enregistré.')).toBeVisible();
  await lookAt(
    page.locator('section', { has: page.getByRole('heading', { name: 'Notes communes' }) }),
    'notes-toolbar',
  );
  await lookAt(
    other.locator('section', { has: other.getByRole('heading', { name: 'Notes communes' }) }),
    'notes-other',
  );
  await expectAccessible(page, 'the shared notes');
  await other.getByRole('button', { name: 'Résoudre' }).click();
  await expect(page.getByText('1 commentaire résolu')).toBeVisible({ timeout: 15_000 });
  await expect(openComments(page)).toHaveCount(0);

  // The minutes page offers them as PDF and ODT.
  await page.goto(`/sessions/${session.id}/minutes`);
  for (const [name, type, start] of [
    ['Télécharger en PDF', 'application/pdf', '%PDF-'],
    ['Télécharger pour traitement de texte (.odt)', 'application/vnd.oasis.opendocument.text', 'PK'],
  ] as const) {
    const href = await page.getByRole('link', { name }).getAttribute('href');
    const file = await page.request.get(href ?? '');
    expect(file.headers()['content-type']).toBe(type);
    expect((await file.body()).subarray(0, start.length).toString('latin1')).toBe(start);
  }
  await lookAt(page, 'minutes');
  await otherContext.close();
  expect(pageProblems).toEqual([]);
});
