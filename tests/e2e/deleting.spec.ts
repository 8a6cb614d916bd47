import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { BoardPage } from './pages/board.page.ts';

/** A board's facilitator deletes it: a confirmation names what goes, then the circle no longer lists it. */
test('deleting a board asks first, then removes it from the circle', async ({ page, pageProblems }) => {
  await new AccountPages(page).signUpThroughApi(newPerson('Florent'));
  const slug = `delete-${Date.now().toString(36)}`;
  const call = async (method: string, path: string, data?: object) => {
    const response = await page.request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.status() === 204 ? null : response.json();
  };
  await call('POST', '/api/v1/communities', { name: 'Suppressions', slug, joinPolicy: 'open' });
  const circle = await call('POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle des cercles',
    kind: 'animation_team',
    visibility: 'private',
  });
  const board = await call('POST', `/api/v1/circles/${circle.id}/boards`, {
    title: 'Idées en vrac',
    categories: [{ name: 'BLEU', color: 'blue', meaning: 'prochains pas' }],
  });
  await call('POST', `/api/v1/boards/${board.id}/notes`, { text: 'Un forum ouvert' });
  await call('POST', `/api/v1/boards/${board.id}/notes`, { text: 'Un défi sur les territoires' });

  await new BoardPage(page).open(board.id, 'Idées en vrac');
  const deleteButton = page.getByRole('button', { name: 'Supprimer le tableau' });
  await deleteButton.click();
  const dialog = page.getByRole('alertdialog', { name: 'Supprimer ce tableau ?' });
  await expect(dialog).toContainText('« Idées en vrac » et ses 2 post-its seront supprimés définitivement');
  // The safest choice comes first and has the focus.
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await expectAccessible(page, 'board deletion dialog');
  await lookAt(page, 'delete-board-dialog');

  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Un forum ouvert')).toBeVisible();

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cercle des cercles' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Idées en vrac' })).toHaveCount(0);
  expect((await page.request.get(`/api/v1/boards/${board.id}`)).status()).toBe(404);
  expect(pageProblems).toEqual([]);
});
