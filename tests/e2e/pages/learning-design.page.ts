import { expect, type Page } from '@playwright/test';

/** The learning-design library, its form and a design's page (French interface). */
export class LearningDesignPages {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async createDesign(slug: string, title: string, sequences: { title: string; minutes: number }[]) {
    await this.page.goto(`/c/${slug}/learning-designs`);
    await this.page.getByRole('button', { name: 'Nouveau scénario' }).click();
    await this.page.getByRole('textbox', { name: 'Titre', exact: true }).fill(title);
    for (const [index, sequence] of sequences.entries()) {
      if (index > 0) await this.page.getByRole('button', { name: 'Ajouter une séquence' }).click();
      const item = this.page.getByRole('listitem').filter({ hasText: `Séquence ${index + 1}` });
      await item.getByLabel('Titre de la séquence').fill(sequence.title);
      await item.getByLabel('Durée (minutes)').fill(String(sequence.minutes));
    }
  }

  async runningTotal() {
    return this.page.getByText(/^Total : /).textContent();
  }

  async moveDown(number: number) {
    await this.page.getByRole('button', { name: `Descendre la séquence ${number}` }).click();
  }

  async save() {
    await this.page.getByRole('button', { name: 'Créer le scénario' }).click();
    await expect(this.page).toHaveURL(/\/learning-designs\/[^/]+$/);
  }

  async planSession(circleName: string, date: string, time: string) {
    await this.page.getByLabel('Cercle').selectOption({ label: circleName });
    await this.page.getByLabel('Date').fill(date);
    await this.page.getByLabel('Heure de début').fill(time);
    await this.page.getByRole('button', { name: 'Planifier la séance' }).click();
    await expect(this.page).toHaveURL(/\/sessions\/[^/]+$/);
  }
}
