import { expect, expectAccessible, instanceAdmin, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { BoardPage, createBoardFromCircle } from './pages/board.page.ts';

/**
 * Two browsers on one board: post-its, dots and the reveal of a silent brainstorm reach the other
 * person through the live connection (the page does not poll).
 */
test('two people on one board see each other’s post-its, dots and the reveal of a silent brainstorm', async ({
  page,
  browser,
  pageProblems,
}) => {
  const facilitator = newPerson('Florent');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `boards-${Date.now().toString(36)}`;
  const call = async (request: typeof page.request, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Tableaux en direct',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle des cercles',
    kind: 'animation_team',
    visibility: 'private',
  });

  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const memberPage = await memberContext.newPage();
  const member = newPerson('Julie');
  await new AccountPages(memberPage).signUpThroughApi(member);
  const me = await call(memberPage.request, 'GET', '/api/v1/me');
  await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(page.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });

  const boardId = await createBoardFromCircle(page, circle.id, 'Idées pour l’Université', { silent: true });
  const facilitatorBoard = new BoardPage(page);
  const memberBoard = new BoardPage(memberPage);
  await memberBoard.open(boardId, 'Idées pour l’Université');

  // Silent brainstorm: each writes alone; the other sees a count, never the text.
  await memberBoard.addNote('Un forum ouvert pour l’Université', 'BLEU : prochains pas');
  await expect(page.getByText('1 post-it privé attend la révélation.')).toBeVisible();
  await expect(page.getByText('Un forum ouvert pour l’Université')).toHaveCount(0);
  await facilitatorBoard.addNote('Un défi sur les territoires', 'JAUNE : idées');
  await expect(memberPage.getByText('1 post-it privé attend la révélation.')).toBeVisible();
  await expect(memberPage.getByText('Un défi sur les territoires')).toHaveCount(0);
  await expectAccessible(memberPage, 'board during a silent brainstorm (member)');

  await page.getByRole('button', { name: 'Révéler les 2 post-its privés' }).click();
  await expect(memberPage.getByText('Un défi sur les territoires')).toBeVisible();
  await expect(page.getByText('Un forum ouvert pour l’Université')).toBeVisible();
  await expect(memberPage.getByText('Brainstorm silencieux', { exact: true })).toHaveCount(0);

  // A post-it added now appears for the other at once.
  await facilitatorBoard.addNote('Essaimer sur les territoires', 'JAUNE : idées');
  await expect(memberPage.getByText('Essaimer sur les territoires')).toBeVisible();

  // Dots: the member votes; the facilitator sees the total move.
  await memberBoard.addDot('Un défi sur les territoires');
  await memberBoard.addDot('Un défi sur les territoires');
  await expect(memberPage.getByText('Il vous reste 3 gommettes sur 5.')).toBeVisible();
  await expect(facilitatorBoard.note('Un défi sur les territoires')).toContainText('2 gommettes');
  await page.getByRole('tab', { name: 'Résultats du vote' }).click();
  await expect(page.getByRole('tabpanel').getByRole('listitem').first()).toContainText(
    'Un défi sur les territoires',
  );
  await page.getByRole('tab', { name: 'Colonnes' }).click();

  // Keyboard: focus a post-it and move it to the other category with the arrow keys.
  const mine = memberBoard.note('Un forum ouvert pour l’Université');
  await mine.focus();
  await memberPage.keyboard.press('ArrowRight');
  await expect(memberPage.getByRole('region', { name: 'JAUNE' })).toContainText(
    'Un forum ouvert pour l’Université',
  );
  await expect(page.getByRole('region', { name: 'JAUNE' })).toContainText(
    'Un forum ouvert pour l’Université',
  );
  await expect(memberBoard.note('Un forum ouvert pour l’Université')).toBeFocused();
  // Once the member writes elsewhere, what others add does not pull the focus back to that post-it.
  const draft = memberPage.getByRole('textbox', { name: 'Votre post-it' });
  await draft.focus();
  await call(page.request, 'POST', `/api/v1/boards/${boardId}/notes`, { text: 'Un mot de plus' });
  await expect(memberPage.getByText('Un mot de plus')).toBeVisible();
  await expect(draft).toBeFocused();

  // Group post-its in a cluster, from the keyboard-reachable menu of each post-it.
  await memberPage.getByRole('textbox', { name: 'Nouveau regroupement' }).fill('Territoires');
  await memberPage.getByRole('button', { name: 'Créer', exact: true }).click();
  const essaimer = memberBoard.note('Essaimer sur les territoires');
  await essaimer.getByText('Options du post-it').click();
  await essaimer.getByRole('combobox', { name: 'Regrouper dans' }).selectOption({ label: 'Territoires' });
  await expect(facilitatorBoard.note('Essaimer sur les territoires')).toContainText(
    'Regroupement : Territoires',
  );

  // Post-it → action, with an owner among the circle's members.
  const defi = facilitatorBoard.note('Un défi sur les territoires');
  await defi.getByText('Options du post-it').click();
  await defi.getByRole('button', { name: 'En faire une action' }).click();
  const dialog = page.getByRole('dialog', { name: 'Faire de ce post-it une action' });
  await dialog.getByRole('checkbox', { name: member.name }).check();
  await dialog.getByRole('textbox', { name: /Échéance/ }).fill('2026-12-15');
  await dialog.getByRole('button', { name: 'Créer l’action' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(memberBoard.note('Un défi sur les territoires')).toContainText('Devenu action');
  const actions = await call(memberPage.request, 'GET', '/api/v1/me/actions');
  expect(actions.items.map((a: { title: string }) => a.title)).toContain('Un défi sur les territoires');

  // Deleting from the keyboard leaves the focus on a neighbouring post-it, not lost.
  const extra = facilitatorBoard.note('Un mot de plus');
  await extra.getByText('Options du post-it').click();
  await extra.getByRole('button', { name: 'Supprimer' }).press('Enter');
  await expect(page.getByText('Un mot de plus')).toHaveCount(0);
  await expect(page.locator('[data-note-id]:focus')).toHaveCount(1);

  await expectAccessible(page, 'board (facilitator)');
  await expectAccessible(memberPage, 'board (member)');
  await lookAt(page, 'board-facilitator', { fullPage: true });
  await memberPage.goto(`/circles/${circle.id}`);
  const section = memberPage.getByRole('region', { name: 'Tableaux' });
  await expect(section.getByRole('link', { name: 'Idées pour l’Université' })).toBeVisible();
  await expect(section).toContainText('3 post-its');
  await lookAt(memberPage, 'board-circle', { fullPage: true });
  await memberContext.close();
  expect(pageProblems).toEqual([]);
});

test('the demo board of the Cercle des cercles shows its legend, ideas and blue next steps', async ({
  page,
  pageProblems,
}) => {
  await new AccountPages(page).signIn(instanceAdmin);
  const circles = await (
    await page.request.get('/api/v1/communities/riposte-creative-territoriale/circles')
  ).json();
  const team = circles.items.find((c: { kind: string }) => c.kind === 'animation_team');
  const boards = await (await page.request.get(`/api/v1/circles/${team.id}/boards`)).json();
  const board = new BoardPage(page);
  await board.open(boards.items[0].id, /Cercle des cercles/);
  await expect(page.getByRole('region', { name: 'Légende' })).toContainText('Prochains pas');
  await expect(page.getByRole('region', { name: 'BLEU' })).toContainText('scénario pédagogique du REX');
  await expect(page.getByRole('region', { name: 'JAUNE' })).toContainText('forum ouvert');
  await expectAccessible(page, 'demo board');
  await lookAt(page, 'board-demo', { fullPage: true });
  // The same post-its on the wall, laid out by category until someone moves them.
  await page.getByRole('tab', { name: 'Mur' }).click();
  await expect(page.getByRole('group', { name: /scénario pédagogique du REX/ })).toBeVisible();
  await expectAccessible(page, 'demo board, wall');
  await lookAt(page.getByRole('region', { name: /^Mur du tableau/ }), 'board-demo-wall');
  await page.getByRole('link', { name: 'Voir la séance liée' }).click();
  await expect(page.getByRole('link', { name: /^Tableau : Cercle des cercles/ })).toBeVisible();
  expect(pageProblems).toEqual([]);
});

/**
 * "Modifier le tableau": a facilitator renames a category and adds one, and the member's page shows
 * the new legend at once; removing a category says its post-its stay, without a category.
 */
test('a facilitator edits the legend and the other browser sees the new legend live', async ({
  page,
  browser,
  pageProblems,
}) => {
  const facilitator = newPerson('Amandine');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `legend-${Date.now().toString(36)}`;
  const call = async (request: typeof page.request, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  await call(page.request, 'POST', '/api/v1/communities', { name: 'Légendes', slug, joinPolicy: 'open' });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle des légendes',
    kind: 'animation_team',
    visibility: 'private',
  });
  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const memberPage = await memberContext.newPage();
  await new AccountPages(memberPage).signUpThroughApi(newPerson('Karim'));
  const me = await call(memberPage.request, 'GET', '/api/v1/me');
  await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(page.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });

  const boardId = await createBoardFromCircle(page, circle.id, 'Rétrospective de novembre');
  const memberBoard = new BoardPage(memberPage);
  await memberBoard.open(boardId, 'Rétrospective de novembre');
  await memberBoard.addNote('Garder les cafés du jeudi', 'JAUNE : idées');
  await memberBoard.addNote('Écrire le compte rendu', 'BLEU : prochains pas');
  // Only the stewards edit the board.
  await expect(memberPage.getByRole('button', { name: 'Modifier le tableau' })).toHaveCount(0);

  const open = page.getByRole('button', { name: 'Modifier le tableau' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Modifier le tableau' });
  await expect(dialog.getByRole('textbox', { name: 'Titre du tableau' })).toHaveValue(
    'Rétrospective de novembre',
  );
  await dialog.getByRole('textbox', { name: 'Titre du tableau' }).fill('Rétrospective du 28 novembre');
  await dialog.getByRole('textbox', { name: 'Nom de la catégorie 2' }).fill('IDÉES');
  await dialog.getByRole('textbox', { name: 'Signification de la catégorie 2' }).fill('à garder');
  await dialog.getByRole('button', { name: 'Ajouter une catégorie' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Nom de la catégorie 3' })).toBeFocused();
  await page.keyboard.type('VERT');
  await dialog.getByRole('combobox', { name: 'Couleur de la catégorie 3' }).selectOption({ label: 'vert' });
  await dialog.getByRole('textbox', { name: 'Signification de la catégorie 3' }).fill('à creuser');
  // Reorder from the keyboard: the new category goes first; the focus stays on its button.
  await dialog.getByRole('button', { name: 'Monter la catégorie 3' }).press('Enter');
  await expect(dialog.getByRole('button', { name: 'Monter la catégorie 2' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'Nom de la catégorie 1' })).toHaveValue('VERT');
  await expect(dialog.getByRole('button', { name: 'Descendre la catégorie 1' })).toBeFocused();
  await dialog.getByRole('spinbutton', { name: 'Gommettes par participant' }).fill('3');
  await dialog.getByRole('spinbutton', { name: /Gommettes maximum par post-it/ }).fill('4');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toContainText('Au plus le nombre de gommettes par participant.');
  await dialog.getByRole('spinbutton', { name: /Gommettes maximum par post-it/ }).fill('2');
  await expect(dialog).not.toContainText('Au plus le nombre de gommettes par participant.');
  await expectAccessible(page, 'edit board dialog');
  await lookAt(page, 'board-edit-dialog-bottom');
  await dialog.getByRole('heading', { name: 'Modifier le tableau' }).scrollIntoViewIfNeeded();
  await lookAt(page, 'board-edit-dialog');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();

  // The member's page follows: title, renamed category with its post-it, new category first.
  await expect(
    memberPage.getByRole('heading', { level: 1, name: 'Rétrospective du 28 novembre' }),
  ).toBeVisible();
  const legend = memberPage.getByRole('region', { name: 'Légende' });
  await expect(legend).toContainText('IDÉES');
  await expect(legend).toContainText('à garder');
  await expect(legend.getByRole('term').first()).toContainText('VERT');
  await expect(memberPage.getByRole('region', { name: 'IDÉES' })).toContainText('Garder les cafés du jeudi');
  await expect(memberPage.getByRole('region', { name: 'VERT' })).toBeVisible();
  await expect(memberPage.getByText('Il vous reste 3 gommettes sur 3.')).toBeVisible();
  await expectAccessible(memberPage, 'board after the legend changed (member)');
  await lookAt(memberPage, 'board-after-legend-edit', { fullPage: true });

  // Removing a category asks first, and says where its post-its go.
  await open.click();
  await dialog.getByRole('button', { name: 'Retirer la catégorie 2' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Nom de la catégorie 2' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  const confirmation = dialog.getByRole('alert').filter({ hasText: 'Vous retirez' });
  await expect(confirmation).toContainText(
    'Vous retirez la catégorie « BLEU ». Ses post-its restent sur le tableau, sans catégorie. 1 post-it y est classé.',
  );
  await expect(dialog.getByRole('button', { name: 'Retirer et enregistrer' })).toBeFocused();
  await expectAccessible(page, 'edit board dialog, removal confirmation');
  await lookAt(page, 'board-edit-confirm');

  // A refusal from the server is explained, and the dialog stays open.
  await page.route(`**/api/v1/boards/${boardId}`, (route) =>
    route.request().method() === 'PATCH'
      ? route.fulfill({
          status: 403,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'FORBIDDEN', message: 'Only the board’s facilitators' } }),
        })
      : route.continue(),
  );
  await dialog.getByRole('button', { name: 'Retirer et enregistrer' }).click();
  await expect(dialog).toContainText(
    'Seuls les animateurs du tableau et la personne qui l’a créé peuvent le modifier.',
  );
  await page.unroute(`**/api/v1/boards/${boardId}`);
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await dialog.getByRole('button', { name: 'Retirer et enregistrer' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(memberPage.getByRole('region', { name: 'BLEU' })).toHaveCount(0);
  await expect(memberPage.getByRole('region', { name: 'Sans catégorie' })).toContainText(
    'Écrire le compte rendu',
  );
  await memberContext.close();
  expect(pageProblems).toEqual([]);
});
