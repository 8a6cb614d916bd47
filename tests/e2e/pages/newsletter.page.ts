import { expect, type Page } from '@playwright/test';

/** "À communiquer" on a session page, the community's newsletter page and a newsletter's page (French). */
export class NewsletterPages {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async flagOnSession(sessionId: string, text: string) {
    await this.page.goto(`/sessions/${sessionId}`);
    const region = this.page.getByRole('region', { name: 'À communiquer' });
    await region.getByRole('textbox', { name: 'Nouvel élément à communiquer' }).fill(text);
    await region.getByRole('button', { name: 'Signaler à communiquer' }).click();
    await expect(region.getByText('Élément ajouté à la liste « À communiquer ».')).toBeVisible();
    return region;
  }

  async compose(slug: string, subject: string, body: string, itemText: string) {
    await this.page.goto(`/c/${slug}/newsletters`);
    await this.page.getByRole('button', { name: 'Composer une lettre' }).click();
    await this.page.getByRole('textbox', { name: 'Objet' }).fill(subject);
    await this.page.getByRole('textbox', { name: /^Texte/ }).fill(body);
    await this.page.getByRole('checkbox', { name: new RegExp(itemText) }).check();
  }

  async createDraft() {
    await this.page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await expect(this.page).toHaveURL(/\/newsletters\/[\w-]+$/);
  }

  async send() {
    await this.page.getByRole('button', { name: 'Envoyer la lettre' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Envoyer', exact: true }).click();
  }
}
