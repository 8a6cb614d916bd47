import { expect, type Page } from '@playwright/test';

/** A sign-up sheet's page and the dialog that opens one. */
export class SignupSheetPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** From the circle page: topics given as [title, places or ''] pairs. */
  async create(title: string, topics: [string, string][]): Promise<void> {
    await this.page.getByRole('button', { name: 'Ouvrir une feuille d’inscription' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Ouvrir une feuille d’inscription' });
    await dialog.getByLabel('Titre').fill(title);
    for (const [index, [topic, places]] of topics.entries()) {
      if (index > 1) await dialog.getByRole('button', { name: 'Ajouter un sujet' }).click();
      await dialog.getByRole('textbox', { name: `Sujet ${index + 1}`, exact: true }).fill(topic);
      await dialog
        .getByLabel(/^Places/)
        .nth(index)
        .fill(places);
    }
    await dialog.getByRole('button', { name: 'Ouvrir la feuille' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  topic(title: string) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: title }) });
  }
}
