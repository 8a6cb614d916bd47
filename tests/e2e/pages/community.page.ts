import { expect, type Page } from '@playwright/test';

export class CommunityPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Creates a community through the form; returns its slug (suggested from the name). */
  async create(input: { name: string; description: string }): Promise<string> {
    await this.page.goto('/communities/new');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Créer une communauté' })).toBeVisible();
    await this.page.getByLabel('Nom de la communauté', { exact: true }).fill(input.name);
    await this.page.getByRole('textbox', { name: /^Présentation/ }).fill(input.description);
    await this.page.getByRole('button', { name: 'Créer la communauté' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: input.name })).toBeVisible();
    const slug = new URL(this.page.url()).pathname.split('/').pop();
    if (!slug) throw new Error(`no slug in ${this.page.url()}`);
    return slug;
  }

  async open(slug: string, name: string): Promise<void> {
    await this.page.goto(`/c/${slug}`);
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  async join(): Promise<void> {
    await this.page.getByRole('button', { name: 'Rejoindre la communauté' }).click();
    await expect(
      this.page.getByText('Bienvenue ! Vous êtes maintenant membre de la communauté.'),
    ).toBeVisible();
  }

  async createCircle(input: { name: string; intention: string; capacity: number }): Promise<void> {
    await this.page.getByRole('button', { name: 'Créer un cercle' }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Créer un cercle' })).toBeVisible();
    await dialog.getByLabel('Nom du cercle', { exact: true }).fill(input.name);
    await dialog.getByRole('radio', { name: /Cercle d'apprentissage/ }).check();
    await dialog.getByLabel('Méthode', { exact: true }).selectOption({ label: 'Codev' });
    await dialog.getByRole('textbox', { name: /^Intention/ }).fill(input.intention);
    await dialog.getByRole('textbox', { name: /^Nombre de places/ }).fill(String(input.capacity));
    await dialog.getByRole('radio', { name: /^Communauté/ }).check();
    await dialog.getByRole('button', { name: 'Créer le cercle' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: input.name })).toBeVisible();
  }
}
