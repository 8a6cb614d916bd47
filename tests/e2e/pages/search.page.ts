import { expect, type Locator, type Page } from '@playwright/test';

/** The search page: its form, its ranked results with their matches marked. */
export class SearchPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Rechercher' })).toBeVisible();
  }

  /** The results list (an ordered list after the count). */
  results(): Locator {
    return this.page
      .getByRole('list')
      .filter({ has: this.page.getByRole('link') })
      .last();
  }

  result(title: string): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  async searchFor(words: string, kind?: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Mots recherchés' }).fill(words);
    if (kind) await this.page.getByLabel('Type').selectOption({ label: kind });
    await this.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  }

  /** Narrows by community, then one of its circles, or by territory (a code: "33", "R75"). */
  async narrow(filters: { community?: string; circle?: string; territory?: string }): Promise<void> {
    if (filters.community !== undefined)
      await this.page.getByLabel('Communauté').selectOption({ label: filters.community });
    if (filters.circle !== undefined)
      await this.page.getByLabel('Cercle', { exact: true }).selectOption({ label: filters.circle });
    if (filters.territory !== undefined)
      await this.page.getByLabel('Territoire').selectOption(filters.territory);
    await this.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  }

  async open(title: string): Promise<void> {
    await this.page.getByRole('link', { name: title, exact: true }).click();
  }
}
