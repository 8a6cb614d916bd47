import { expect, type Locator, type Page } from '@playwright/test';

/** `/c/:slug/map`: the drawing, its legend and the table of circles and members per territory. */
export class CommunityMapPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(slug: string, communityName: string): Promise<void> {
    await this.page.goto(`/c/${slug}`);
    await this.page.getByRole('link', { name: 'Carte des cercles', exact: true }).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: `Les territoires de ${communityName}` }),
    ).toBeVisible();
    // The drawing arrives in its own chunk after the page.
    await expect(this.drawing()).toBeVisible();
  }

  drawing(): Locator {
    return this.page.getByRole('figure').locator('svg').first();
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Cercles et membres par territoire' });
  }

  row(name: string | RegExp): Locator {
    return this.table().getByRole('row', { name });
  }

  /** A shape of the drawing that links to its line of the table. */
  shapeLink(name: string | RegExp): Locator {
    return this.drawing().getByRole('link', { name });
  }
}

/** The territory picker of a form: search by name or number, tick, untick. */
export class TerritoryPicker {
  private readonly scope: Locator;

  constructor(scope: Locator) {
    this.scope = scope;
  }

  async choose(search: string, option: string | RegExp): Promise<void> {
    await this.scope.getByLabel('Rechercher un territoire par nom ou numéro').fill(search);
    await this.scope.getByRole('checkbox', { name: option }).check();
  }

  chosen(): Locator {
    return this.scope.getByRole('list', { name: 'Territoires choisis' });
  }
}
