import { expect, lookAt, test } from './fixtures.ts';
import { call, setUpFacilitator } from './pages/first-hour.page.ts';

/** What a new facilitator met in their first hour (issue 9, item 12), checked end to end. */

// Each test first builds a circle with one of everything through the API, then walks a journey.

test('a private link opened signed out asks to sign in, then comes back to the page', async ({
  page,
  browser,
  pageProblems,
}) => {
  // Eleven pages opened one after the other, on a shared machine: more than the default 30 s.
  test.setTimeout(120_000);
  const space = await setUpFacilitator(page);
  const visitor = await browser.newContext({ locale: 'fr-FR' });
  const guest = await visitor.newPage();

  const privatePages = [
    `/boards/${space.boardId}`,
    `/sessions/${space.sessionId}`,
    `/sessions/${space.sessionId}/minutes`,
    `/circles/${space.circleId}`,
    `/circles/${space.circleId}/import`,
    `/polls/${space.pollId}`,
    `/date-polls/${space.datePollId}`,
    `/signup-sheets/${space.sheetId}`,
    '/my-actions',
    '/my-sessions',
    '/profile',
  ];
  for (const path of privatePages) {
    await guest.goto(`${path}?tab=x#part`);
    await expect(guest, path).toHaveURL((url) => url.pathname === '/sign-in');
    expect(new URL(guest.url()).searchParams.get('next'), path).toBe(`${path}?tab=x#part`);
    await expect(guest.getByText('Connectez-vous pour continuer')).toBeVisible();
    await expect(guest.getByText(/session a expiré/)).toHaveCount(0);
    if (path === privatePages[0]) await lookAt(guest, 'sign-in-to-continue');
  }

  // An address that matches no screen stays a plain "not found".
  await guest.goto('/nulle-part');
  await expect(guest.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();

  await guest.goto(`/boards/${space.boardId}`);
  await guest.getByLabel('Adresse électronique').fill(space.facilitator.email);
  await guest.getByRole('textbox', { name: 'Mot de passe' }).fill(space.facilitator.password);
  await guest.getByRole('button', { name: 'Se connecter' }).last().click();
  await expect(guest).toHaveURL(new RegExp(`/boards/${space.boardId}$`));
  await expect(guest.getByRole('heading', { level: 1, name: 'Idées' })).toBeVisible();
  await lookAt(guest, 'board-after-sign-in');

  // A "next" pointing elsewhere is ignored: no open redirect.
  await visitor.clearCookies();
  await guest.goto('/sign-in?next=//evil.example/');
  await guest.getByLabel('Adresse électronique').fill(space.facilitator.email);
  await guest.getByRole('textbox', { name: 'Mot de passe' }).fill(space.facilitator.password);
  await guest.getByRole('button', { name: 'Se connecter' }).last().click();
  await expect(guest.getByRole('heading', { level: 1, name: /^Bonjour/ })).toBeVisible();
  expect(new URL(guest.url()).origin).toBe(new URL(page.url()).origin);
  await visitor.close();
  expect(pageProblems).toEqual([]);
});

test('a method template is previewed in the agenda editor; “Annuler” saves nothing', async ({
  page,
  pageProblems,
}) => {
  const space = await setUpFacilitator(page, 'Tamara');
  await page.goto(`/sessions/${space.sessionId}`);
  await page.getByRole('button', { name: "Modifier l'ordre du jour" }).click();
  await page.getByLabel("Partir d'un modèle de méthode").selectOption('codev');
  await page.getByRole('button', { name: 'Appliquer le modèle' }).click();
  const editor = page.getByRole('form', { name: "Éditeur de l'ordre du jour" });
  await expect(page.getByText(/Aperçu du modèle « Codéveloppement \(Codev\) »/)).toBeVisible();
  await expect(editor.getByRole('textbox', { name: 'Intitulé' }).nth(1)).toHaveValue(
    'Exposé de la situation par le client',
  );
  await lookAt(page, 'template-preview', { fullPage: true });
  await editor.getByRole('button', { name: 'Annuler' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Séance de rentrée' })).toBeVisible();
  await expect(page.getByText('Exposé de la situation par le client')).toHaveCount(0);
  const agenda = await (await page.request.get(`/api/v1/sessions/${space.sessionId}`)).json();
  expect(agenda.agenda).toEqual([]);

  // Saved on purpose, it is kept.
  await page.getByRole('button', { name: "Modifier l'ordre du jour" }).click();
  await page.getByLabel("Partir d'un modèle de méthode").selectOption('plain');
  await page.getByRole('button', { name: 'Appliquer le modèle' }).click();
  await page.getByRole('button', { name: "Enregistrer l'ordre du jour" }).click();
  await expect(page.getByText('Sujets du jour').first()).toBeVisible();
  expect((await (await page.request.get(`/api/v1/sessions/${space.sessionId}`)).json()).agenda).toHaveLength(
    3,
  );

  // "Terminer la séance" asks first; cancelling keeps the session live.
  await page.getByRole('button', { name: 'Démarrer la séance' }).click();
  await page.getByRole('button', { name: 'Terminer la séance' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Terminer la séance ?' });
  await expect(confirm).toBeVisible();
  await lookAt(page, 'end-session-confirm');
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  expect((await (await page.request.get(`/api/v1/sessions/${space.sessionId}`)).json()).status).toBe('live');
  await page.getByRole('button', { name: 'Terminer la séance' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Terminer', exact: true }).click();
  await expect(page.getByText('La séance est terminée.').first()).toBeVisible();
  expect(pageProblems).toEqual([]);
});

test('a date poll refuses a slot in the past or ending before it starts, at the field', async ({
  page,
  pageProblems,
}) => {
  const space = await setUpFacilitator(page, 'Paulo');
  await page.goto(`/circles/${space.circleId}`);
  await page.getByRole('button', { name: 'Proposer des dates' }).click();
  const dialog = page.getByRole('dialog', { name: 'Proposer des dates' });
  await dialog.getByLabel('Titre').fill('Trop tôt');
  await dialog.getByLabel('Date du créneau 1').fill('2020-03-02');
  await dialog.getByRole('button', { name: 'Ajouter un créneau' }).click();
  await dialog.getByLabel('Date du créneau 2').fill('2030-03-04');
  await dialog.getByLabel('Début').nth(1).fill('15:00');
  await dialog.getByLabel('Fin').nth(1).fill('14:00');
  await dialog.getByRole('button', { name: 'Créer le sondage' }).click();
  await expect(dialog.getByText('Ce créneau est déjà passé : choisissez une date à venir.')).toBeVisible();
  await expect(dialog.getByLabel('Début').first()).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText("L'heure de fin doit venir après l'heure de début.")).toBeVisible();
  await expect(dialog.getByLabel('Fin').nth(1)).toHaveAttribute('aria-invalid', 'true');
  await lookAt(page, 'date-poll-slot-errors');
  const polls = await (await page.request.get(`/api/v1/circles/${space.circleId}/date-polls`)).json();
  expect(polls.items.map((p: { title: string }) => p.title)).not.toContain('Trop tôt');
  expect(pageProblems).toEqual([]);
});

test('a next step is edited after creation by its author', async ({ page, pageProblems }) => {
  const space = await setUpFacilitator(page, 'Edith');
  await page.goto(`/sessions/${space.sessionId}`);
  const add = page.getByRole('form', { name: 'Ajouter un prochain pas' });
  await add.getByLabel('Quoi ?').fill('Envoyer le compte rendu');
  await add.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText('Prochain pas ajouté : « Envoyer le compte rendu ».')).toBeVisible();
  await page.getByRole('button', { name: 'Modifier « Envoyer le compte rendu »' }).click();
  const form = page.getByRole('form', { name: 'Modifier « Envoyer le compte rendu »' });
  await form.getByLabel('Quoi ?').fill('Envoyer et archiver le compte rendu');
  await form.getByLabel('Pour le').fill('2030-01-01');
  await form.getByRole('checkbox', { name: space.facilitator.name }).check();
  await lookAt(page, 'action-edit', { fullPage: true });
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Envoyer et archiver le compte rendu', { exact: true })).toBeVisible();
  await expect(page.getByText(`Porté par ${space.facilitator.name}`)).toBeVisible();
  await expect(page.getByText('Pour le 1er janvier 2030')).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Modifier « Envoyer et archiver le compte rendu »' }),
  ).toBeFocused();
  expect(pageProblems).toEqual([]);
});

test('leaving a form with unsaved changes asks first; closing the tab gets the browser’s question', async ({
  page,
  pageProblems,
}) => {
  const space = await setUpFacilitator(page, 'Ulysse');
  await page.goto(`/sessions/${space.sessionId}`);
  const synthesis = page.getByLabel('Texte de la synthèse');
  await synthesis.fill('Nous avons choisi le thème de la coopération.');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Mes actions' })
    .click();
  const prompt = page.getByRole('alertdialog', { name: 'Quitter sans enregistrer ?' });
  await expect(prompt).toBeVisible();
  await lookAt(page, 'unsaved-changes');
  await prompt.getByRole('button', { name: 'Rester sur la page' }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${space.sessionId}$`));
  await expect(synthesis).toHaveValue('Nous avons choisi le thème de la coopération.');

  let dialogType = '';
  page.on('dialog', (dialog) => {
    dialogType = dialog.type();
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogType).toBe('beforeunload');
  expect(pageProblems).toEqual([]);
});

test('saved forms leave without a question', async ({ page }) => {
  const space = await setUpFacilitator(page, 'Victor');
  await page.goto(`/sessions/${space.sessionId}`);
  await page.getByLabel('Texte de la synthèse').fill('Synthèse enregistrée.');
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect(page.getByText('Synthèse enregistrée', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Modifications non enregistrées')).toHaveCount(0);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Mes actions' })
    .click();
  await expect(page).toHaveURL(/\/my-actions$/);
});

test('Markdown in imported notes and minutes is shown formatted, never as markup', async ({
  page,
  pageProblems,
}) => {
  const space = await setUpFacilitator(page, 'Marc');
  await call(page.request, 'PATCH', `/api/v1/sessions/${space.sessionId}`, {
    synthesis: 'Nous gardons **deux** pistes.',
    notes: [
      '### Tour de météo',
      '**A :** soleil',
      '**B :** <img src=x onerror=alert(1)> nuageux',
      '',
      '- relire [le pad](https://pad.example/p)',
      '- [piège](javascript:alert(1))',
    ].join('\n'),
  });
  for (const path of [`/sessions/${space.sessionId}/minutes`, `/sessions/${space.sessionId}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Tour de météo' }).first()).toBeVisible();
    await expect(page.locator('strong', { hasText: 'A :' }).first()).toBeVisible();
    // (The facilitator's own editor below keeps the text as written, in its textarea.)
    await expect(page.locator('p, li, h3, h4, h5', { hasText: '### Tour' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'le pad' }).first()).toHaveAttribute(
      'href',
      'https://pad.example/p',
    );
    await expect(page.getByRole('link', { name: 'piège' })).toHaveCount(0);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.getByText('<img src=x onerror=alert(1)> nuageux').first()).toBeVisible();
  }
  await lookAt(page, 'markdown-session', { fullPage: true });
  await page.goto(`/sessions/${space.sessionId}/minutes`);
  await lookAt(page, 'markdown-minutes', { fullPage: true });
  expect(pageProblems).toEqual([]);
});
