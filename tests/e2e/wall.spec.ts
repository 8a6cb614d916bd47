import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, screenshotsDir, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

/** The wall's view transform, as the page exposes it (data attributes on the viewport). */
async function viewOf(page: Page) {
  const wall = page.getByRole('region', { name: /^Mur du tableau/ });
  return {
    x: Number(await wall.getAttribute('data-wall-x')),
    y: Number(await wall.getAttribute('data-wall-y')),
    scale: Number(await wall.getAttribute('data-wall-scale')),
  };
}

/**
 * Two browsers on a board's wall: a drag, a zone and a facilitator's focus reach the other person
 * live; the wall works by keyboard alone; PNG and CSV exports download; axe finds nothing serious.
 */
test('two people on the wall: drag, zones, focus, keyboard, exports', async ({
  page,
  browser,
  pageProblems,
}) => {
  test.setTimeout(120_000);
  const facilitator = newPerson('Fanny');
  await new AccountPages(page).signUpThroughApi(facilitator);
  const slug = `wall-${Date.now().toString(36)}`;
  const call = async (request: typeof page.request, method: string, path: string, data?: object) => {
    const response = await request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.status() === 204 ? null : response.json();
  };
  await call(page.request, 'POST', '/api/v1/communities', { name: 'Le mur', slug, joinPolicy: 'open' });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle du mur',
    kind: 'animation_team',
    visibility: 'private',
  });
  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const memberPage = await memberContext.newPage();
  const member = newPerson('Julien');
  await new AccountPages(memberPage).signUpThroughApi(member);
  const me = await call(memberPage.request, 'GET', '/api/v1/me');
  await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(page.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });

  // A board from the retro template, through the dialog.
  await page.goto(`/circles/${circle.id}`);
  await page.getByRole('button', { name: 'Créer un tableau' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouveau tableau' });
  await dialog.getByRole('textbox', { name: 'Titre du tableau' }).fill('Rétro de la saison');
  await dialog.getByRole('combobox', { name: 'Modèle' }).selectOption({ label: 'Rétrospective' });
  await dialog.getByRole('button', { name: 'Créer le tableau' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rétro de la saison' })).toBeVisible();
  const boardId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const wall = page.getByRole('region', { name: /^Mur du tableau/ });
  await expect(wall.getByRole('group', { name: 'Zone « Ce qui a bien marché »', exact: true })).toBeVisible();

  // Some post-its to look at (through the API: the form is tested below by keyboard).
  const texts = [
    ['Le forum ouvert a bien fonctionné', 'VERT', 'L'],
    ['Trop de réunions en visio', 'ROSE', 'M'],
    ['Un défi sur les territoires', 'JAUNE', 'M'],
    ['Essaimer le cercle', 'BLEU', 'S'],
    ['Des binômes pour les nouveaux', 'JAUNE', 'S'],
  ] as const;
  const board = await call(page.request, 'GET', `/api/v1/boards/${boardId}`);
  const categoryId = (name: string) => board.categories.find((c: { name: string }) => c.name === name).id;
  for (const [index, [text, category, size]] of texts.entries()) {
    const zone = board.zones[board.categories.findIndex((c: { name: string }) => c.name === category)];
    await call(page.request, 'POST', `/api/v1/boards/${boardId}/notes`, {
      text,
      categoryId: categoryId(category),
      size,
      wallX: zone.x + 40 + (index % 2) * 260,
      wallY: zone.y + 80 + (index % 2) * 120,
    });
  }
  await memberPage.goto(`/boards/${boardId}`);
  const memberWall = memberPage.getByRole('region', { name: /^Mur du tableau/ });
  const memberNote = memberWall.getByRole('group', { name: /Trop de réunions en visio/ });
  await expect(memberNote).toBeVisible();
  await page.getByRole('button', { name: 'Tout voir' }).click();

  // The member drags a post-it: the facilitator sees it move.
  await memberNote.scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Tout voir' }).scrollIntoViewIfNeeded();
  const before = await page.locator(`[data-wall-note-id]`, { hasText: 'Trop de réunions' }).boundingBox();
  const box = await memberNote.boundingBox();
  if (!box || !before) throw new Error('no post-it on screen');
  await memberPage.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await memberPage.mouse.down();
  await memberPage.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 6 });
  await memberPage.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80, { steps: 6 });
  await memberPage.mouse.up();
  await expect
    .poll(
      async () =>
        (await page.locator(`[data-wall-note-id]`, { hasText: 'Trop de réunions' }).boundingBox())?.x,
    )
    .toBeGreaterThan(before.x + 10);

  // The facilitator draws a zone: the member sees it.
  await page.getByRole('textbox', { name: 'Titre de la nouvelle zone' }).fill('Parking');
  await page.getByRole('button', { name: 'Ajouter une zone' }).click();
  await expect(memberWall.getByRole('group', { name: 'Zone « Parking »', exact: true })).toBeAttached();

  // Focus: the facilitator brings everyone to a zone; the member's view moves and says so.
  await memberPage.getByRole('button', { name: 'Tout voir' }).click();
  const memberBefore = await viewOf(memberPage);
  await wall.getByRole('group', { name: 'Zone « Actions »', exact: true }).focus();
  await page.getByRole('button', { name: 'Amener tout le monde ici' }).click();
  await expect(
    memberPage.getByRole('status').filter({ hasText: /vous amène à la zone « Actions »/ }),
  ).toBeVisible();
  await expect.poll(async () => (await viewOf(memberPage)).scale).not.toBe(memberBefore.scale);
  await lookAt(memberPage, 'wall-focused-member');

  // Keyboard only: write a post-it, Tab to it on the wall, move it with the arrows.
  await memberPage.getByRole('textbox', { name: 'Votre post-it' }).focus();
  await memberPage.keyboard.type('Au clavier seulement');
  await memberPage.keyboard.press('Control+Enter');
  const typed = memberWall.getByRole('group', { name: /Au clavier seulement/ });
  await expect(typed).toBeVisible();
  await expect(page.getByRole('group', { name: /Au clavier seulement/ })).toBeAttached();
  await typed.focus();
  await expect(typed).toBeFocused();
  const id = await typed.locator('xpath=..').getAttribute('data-wall-note-id');
  const start = (await call(memberPage.request, 'GET', `/api/v1/boards/${boardId}`)).notes.find(
    (n: { id: string }) => n.id === id,
  );
  for (let i = 0; i < 3; i += 1) await memberPage.keyboard.press('ArrowRight');
  await memberPage.keyboard.press('Shift+ArrowDown');
  await expect(memberPage.getByText(/Post-it déplacé en/)).toBeVisible();
  await expect
    .poll(async () =>
      (await call(page.request, 'GET', `/api/v1/boards/${boardId}`)).notes.find(
        (n: { id: string }) => n.id === id,
      ),
    )
    .toMatchObject({ wallX: start.wallX + 60, wallY: start.wallY + 100 });
  // +/- zoom from the keyboard.
  const zoomBefore = (await viewOf(memberPage)).scale;
  await memberPage.keyboard.press('+');
  await expect.poll(async () => (await viewOf(memberPage)).scale).toBeGreaterThan(zoomBefore);

  // Exports: PNG drawn in the browser, CSV from the server.
  const png = memberPage.waitForEvent('download');
  await memberPage.getByRole('button', { name: 'Image PNG' }).click();
  const pngFile = await (await png).path();
  const bytes = await readFile(pngFile);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  if (screenshotsDir) await writeFile(join(screenshotsDir, 'wall-export.png'), bytes);
  const pdf = memberPage.waitForEvent('download');
  await memberPage.getByRole('button', { name: 'PDF' }).click();
  expect((await readFile(await (await pdf).path())).subarray(0, 5).toString()).toBe('%PDF-');
  const csv = memberPage.waitForEvent('download');
  await memberPage.getByRole('link', { name: 'Tableur CSV' }).click();
  const csvText = await readFile(await (await csv).path(), 'utf8');
  expect(csvText).toContain('text,category,color,author,size,x,y,zone,dots,created_at');
  expect(csvText).toContain('Au clavier seulement');
  expect(csvText).toMatch(
    /Le forum ouvert a bien fonctionné,VERT,green,Fanny[^,]*,L,\d+,\d+,Ce qui a bien marché/,
  );

  // Import: the facilitator adds post-its from a Klaxoon-style CSV (semicolons, French headers).
  await page.locator('input[type="file"]').setInputFiles({
    name: 'klaxoon.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Contenu;Couleur;Auteur\nIdée importée de Klaxoon;jaune;Marie\n', 'utf8'),
  });
  await expect(page.getByText('1 post-it importé.')).toBeVisible();
  await expect(memberWall.getByRole('group', { name: /Idée importée de Klaxoon/ })).toBeAttached();

  await expectAccessible(page, 'the wall (facilitator)');
  await expectAccessible(memberPage, 'the wall (member)');
  await page.getByRole('button', { name: 'Tout voir' }).click();
  await lookAt(page, 'wall-desktop');
  await memberPage.setViewportSize({ width: 390, height: 844 });
  await memberPage.reload();
  await memberWall.scrollIntoViewIfNeeded();
  // A wide wall on a phone starts readable (its top left corner), not as a thumbnail.
  await expect.poll(async () => (await viewOf(memberPage)).scale).toBeGreaterThanOrEqual(0.5);
  await lookAt(memberPage, 'wall-phone');
  expect(pageProblems).toEqual([]);
  await memberContext.close();
});

/** On a phone: a finger drags a post-it (real touch events through the DevTools protocol) and pans. */
test('on a phone, a finger drags a post-it and pans the wall', async ({ browser }) => {
  const phone = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await phone.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      problems.push(message.text());
  });
  await new AccountPages(page).signUpThroughApi(newPerson('Paola'));
  const call = async (method: string, path: string, data?: object) => {
    const response = await page.request.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  const slug = `wall-phone-${Date.now().toString(36)}`;
  await call('POST', '/api/v1/communities', { name: 'Le mur mobile', slug, joinPolicy: 'open' });
  const circle = await call('POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle mobile',
    kind: 'animation_team',
    visibility: 'private',
  });
  const board = await call('POST', `/api/v1/circles/${circle.id}/boards`, {
    title: 'Au doigt',
    template: 'swot',
  });
  const note = await call('POST', `/api/v1/boards/${board.id}/notes`, {
    text: 'Glissé au doigt',
    wallX: 60,
    wallY: 100,
  });
  await page.goto(`/boards/${board.id}`);
  const wall = page.getByRole('region', { name: /^Mur du tableau/ });
  const postIt = wall.getByRole('group', { name: /Glissé au doigt/ });
  await postIt.scrollIntoViewIfNeeded();
  const cdp = await phone.newCDPSession(page);
  const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
    });
  const box = await postIt.boundingBox();
  if (!box) throw new Error('no post-it on screen');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await touch('touchStart', x, y);
  for (let step = 1; step <= 8; step += 1) await touch('touchMove', x + step * 10, y + step * 8);
  await touch('touchEnd', x + 80, y + 64);
  await expect
    .poll(async () =>
      (await call('GET', `/api/v1/boards/${board.id}`)).notes.find((n: { id: string }) => n.id === note.id),
    )
    .toMatchObject({ wallX: expect.any(Number), wallY: expect.any(Number) });
  const moved = (await call('GET', `/api/v1/boards/${board.id}`)).notes[0];
  expect(moved.wallX).toBeGreaterThan(60 + 20);
  expect(moved.wallY).toBeGreaterThan(100 + 20);

  // A finger on the background pans the view.
  const before = await viewOf(page);
  const area = await wall.boundingBox();
  if (!area) throw new Error('no wall');
  const startX = area.x + area.width - 20;
  const startY = area.y + area.height - 20;
  await touch('touchStart', startX, startY);
  for (let step = 1; step <= 5; step += 1) await touch('touchMove', startX - step * 20, startY - step * 10);
  await touch('touchEnd', startX - 100, startY - 50);
  await expect.poll(async () => (await viewOf(page)).x).toBeLessThan(before.x - 50);
  await lookAt(page, 'wall-phone-swot');
  expect(problems).toEqual([]);
  await phone.close();
});
