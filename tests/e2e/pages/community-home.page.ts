import { expect, type Locator, type Page } from '@playwright/test';

/** The community page as a gare centrale: its search box and its sections of links. */
export class CommunityHomePage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(slug: string, name: string): Promise<void> {
    await this.page.goto(`/c/${slug}`);
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(this.page.getByRole('region', { name: 'Prochaines séances' })).toBeVisible();
  }

  /** A section of the home, by its heading. */
  section(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  link(section: string, name: string): Locator {
    return this.section(section).getByRole('link', { name, exact: true });
  }

  async search(words: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Rechercher dans la communauté' }).fill(words);
    await this.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  }
}
