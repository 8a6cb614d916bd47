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
  await new AccountPages(page).signUp(facilitator);
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
  await new AccountPages(other).signUp(reader);
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
  await expect(editorOf(other)).toContainText('la boussole comme fil rouge', { timeout: 5_000 });
  await editorOf(other).click();
  await other.keyboard.press('Control+End');
  await other.keyboard.press('Enter');
  await other.keyboard.type('Isabelle : relire le chapitre 3.');
  await expect(editorOf(page)).toContainText('relire le chapitre 3', { timeout: 5_000 });
  await expect(page.getByText(/Dans les notes : .*Isabelle Test/)).toBeVisible();
  await expect(page.getByText('Tout est enregistré.')).toBeVisible();

  // A fresh visit reads the notes back from the server.
  const third = await otherContext.newPage();
  await third.goto(`/sessions/${session.id}`);
  await third.getByRole('button', { name: 'Ouvrir les notes communes' }).click();
  await expect(editorOf(third)).toContainText('relire le chapitre 3');
  await otherContext.close();
  expect(pageProblems).toEqual([]);
});
