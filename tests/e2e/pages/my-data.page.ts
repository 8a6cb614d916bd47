import { type Download, expect, type Page } from '@playwright/test';

/** "Mes données" on the profile page: the download and the deletion dialog. */
export class MyDataPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(): Promise<void> {
    await this.page.goto('/profile');
    await expect(this.page.getByRole('heading', { level: 2, name: 'Mes données' })).toBeVisible();
  }

  async download(): Promise<Download> {
    const arriving = this.page.waitForEvent('download');
    await this.page.getByRole('link', { name: 'Télécharger mes données' }).click();
    return arriving;
  }

  /** Without a password: a single sign-on account, signed in less than ten minutes ago. */
  async deleteAccount(password?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Supprimer mon compte…' }).click();
    const dialog = this.page.getByRole('alertdialog', { name: 'Supprimer définitivement votre compte ?' });
    await expect(dialog).toBeVisible();
    if (password !== undefined) await dialog.getByLabel('Votre mot de passe').fill(password);
    await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
  }
}
