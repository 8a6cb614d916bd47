import { expect, type Page } from '@playwright/test';

/** The instance admins' console (/admin): its tabs, the accounts and the audit log. */
export class AdminConsolePage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** From the header's navigation, where admins find it. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Admin' })
      .click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Console d’administration' }),
    ).toBeVisible();
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name, selected: true })).toBeVisible();
  }

  async findUser(text: string): Promise<void> {
    await this.tab('Comptes');
    await this.page.getByRole('searchbox', { name: 'Rechercher un compte' }).fill(text);
  }

  async disable(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Désactiver ${name}` }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Désactiver' }).click();
    await expect(this.page.getByText(`Le compte de ${name} est désactivé.`)).toBeVisible();
    await expect(this.page.getByRole('row', { name: new RegExp(name) }).getByText('Désactivé')).toBeVisible();
  }

  async auditFor(kind: string): Promise<void> {
    await this.tab('Journal d’audit');
    await this.page.getByLabel('Type d’évènement').selectOption({ label: kind });
  }
}
