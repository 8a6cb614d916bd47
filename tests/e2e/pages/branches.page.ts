import { expect, type Locator, type Page } from '@playwright/test';
import { lookAt } from '../fixtures.ts';

/** A community's territorial branches: founding one from the parent's page, joining one there. */
export class BranchesPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Antennes territoriales' });
  }

  branchCard(name: string): Locator {
    return this.section.getByRole('listitem').filter({ has: this.page.getByRole('link', { name }) });
  }

  /** From the parent's page: "Créer une antenne", the form with the parent chosen, then create. */
  async found(input: { name: string; parentName: string }): Promise<void> {
    await this.section.getByRole('link', { name: 'Créer une antenne' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Créer une communauté' })).toBeVisible();
    await this.page.getByLabel('Nom de la communauté', { exact: true }).fill(input.name);
    await expect(this.page.getByLabel('Antenne de')).toHaveValue(/.+/);
    await expect(this.page.getByLabel('Antenne de').locator('option:checked')).toHaveText(input.parentName);
    await this.page.getByRole('radio', { name: /^Sur demande/ }).check();
    await lookAt(this.page, 'branch-form', { fullPage: true });
    await this.page.getByRole('button', { name: 'Créer la communauté' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: input.name })).toBeVisible();
  }

  /** "Rejoindre" on a branch's card; the card then says the reader is a member. */
  async joinInOneClick(name: string): Promise<void> {
    const card = this.branchCard(name);
    await card.getByRole('button', { name: `Rejoindre ${name}` }).click();
    await expect(card.getByText('Membre', { exact: true })).toBeVisible();
  }
}
