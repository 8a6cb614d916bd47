import { expect, type Page } from '@playwright/test';

/** The mail screens: the profile's "Courriels" section, the circle's reminder, the unsubscribe page. */
export class MailPages {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  preferenceGroup() {
    return this.page.getByRole('group', { name: 'Je souhaite recevoir' });
  }

  async choosePreference(label: string): Promise<void> {
    await this.page.goto('/profile');
    await this.preferenceGroup().getByRole('radio', { name: label }).check();
    await this.page.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await expect(this.page.getByText('Vos choix de courriels sont enregistrés.')).toBeVisible();
  }

  async setCircleReminder(circleId: string, circleName: string, option: string): Promise<void> {
    await this.page.goto(`/circles/${circleId}`);
    await expect(this.page.getByRole('heading', { level: 1, name: circleName })).toBeVisible();
    await this.page.getByRole('button', { name: 'Modifier le cercle' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Modifier le cercle' });
    await dialog.getByLabel('Rappel avant chaque séance').selectOption({ label: option });
  }

  async saveCircle(): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: 'Modifier le cercle' });
    await dialog.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect(dialog).toBeHidden();
  }
}
