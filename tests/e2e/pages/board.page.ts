import { expect, type Locator, type Page } from '@playwright/test';

/** A board's page: legend, post-its in columns, dots, facilitation. */
export class BoardPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(boardId: string, title: string | RegExp): Promise<void> {
    await this.page.goto(`/boards/${boardId}`);
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    // The wall is the board's first view; these steps use the columns (its accessible equivalent).
    await this.page.getByRole('tab', { name: 'Colonnes' }).click();
  }

  note(text: string | RegExp): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByText(text, { exact: false }) })
      .filter({
        has: this.page.getByRole('button', { name: /gommette|Modifier|action/ }),
      });
  }

  async addNote(text: string, category?: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Votre post-it' }).fill(text);
    if (category)
      await this.page.getByRole('combobox', { name: 'Catégorie' }).selectOption({ label: category });
    await this.page.getByRole('button', { name: 'Ajouter le post-it' }).click();
    await expect(this.page.getByRole('textbox', { name: 'Votre post-it' })).toHaveValue('');
  }

  async addDot(text: string): Promise<void> {
    await this.page.getByRole('button', { name: `Ajouter une gommette à « ${text.slice(0, 40)} »` }).click();
  }
}

/** "Créer un tableau" on a circle's page. */
export async function createBoardFromCircle(
  page: Page,
  circleId: string,
  title: string,
  options: { silent?: boolean } = {},
): Promise<string> {
  await page.goto(`/circles/${circleId}`);
  await page.getByRole('button', { name: 'Créer un tableau' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouveau tableau' });
  await dialog.getByRole('textbox', { name: 'Titre du tableau' }).fill(title);
  if (options.silent) await dialog.getByRole('checkbox', { name: /Brainstorm silencieux/ }).check();
  await dialog.getByRole('button', { name: 'Créer le tableau' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('tab', { name: 'Colonnes' }).click();
  const id = new URL(page.url()).pathname.split('/').pop();
  if (!id) throw new Error('no board id in the address');
  return id;
}
