import { expect, type Page } from '@playwright/test';

export class CirclePage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async openFromCommunity(name: string): Promise<void> {
    await this.page.getByRole('link', { name }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  async join(): Promise<void> {
    await this.page.getByRole('button', { name: 'Rejoindre le cercle' }).click();
    await expect(this.page.getByText("C'est fait : vous êtes membre du cercle.")).toBeVisible();
  }

  /** The "Membres (n)" list of the circle page. */
  membersHeading() {
    return this.page.getByRole('heading', { name: /^Membres \(\d+\)$/ });
  }
}
