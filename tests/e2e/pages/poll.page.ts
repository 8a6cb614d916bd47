import { expect, type Page } from '@playwright/test';

/** The poll page and the "Lancer un vote" dialog of a circle page. */
export class PollPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** From a circle page: a sections poll with a quota per section, through the creation dialog. */
  async createSectionsPoll(title: string, sections: { title: string; options: string[] }[], quota: number) {
    await this.page.getByRole('button', { name: 'Lancer un vote' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Lancer un vote' });
    await dialog.getByRole('textbox', { name: 'Question' }).fill(title);
    await dialog.getByRole('combobox', { name: 'Type de vote' }).selectOption('sections');
    for (const [index, section] of sections.entries()) {
      if (index > 0) await dialog.getByRole('button', { name: 'Ajouter une rubrique' }).click();
      await dialog.getByRole('textbox', { name: `Titre de la rubrique ${index + 1}` }).fill(section.title);
      await dialog
        .getByRole('textbox', { name: `Propositions de la rubrique ${section.title}` })
        .fill(section.options.join('\n'));
    }
    await dialog.getByRole('spinbutton', { name: /Choix au plus par rubrique/ }).fill(String(quota));
    await dialog.getByRole('button', { name: 'Créer le vote' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  section(title: string) {
    return this.page.getByRole('group', { name: new RegExp(`^${title}`) });
  }

  async choose(section: string, words: string[]) {
    for (const word of words) await this.section(section).getByRole('checkbox', { name: word }).check();
  }

  async vote() {
    await this.page.getByRole('button', { name: /^(Voter|Modifier mon vote)$/ }).click();
    await expect(this.page.getByText('Votre vote est enregistré.')).toBeVisible();
  }

  results() {
    return this.page.getByRole('region', { name: 'Résultats' });
  }

  async close() {
    await this.page.getByRole('button', { name: 'Clore le vote' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Clore le vote' }).click();
  }
}
