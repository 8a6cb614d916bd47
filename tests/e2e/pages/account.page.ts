import { expect, type Page } from '@playwright/test';
import type { Person } from '../fixtures.ts';

export class AccountPages {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async signUp(person: Person): Promise<void> {
    await this.page.goto('/sign-up');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Créer un compte' })).toBeVisible();
    await this.page.getByLabel('Nom affiché').fill(person.name);
    await this.page.getByLabel('Adresse électronique').fill(person.email);
    await this.page.getByRole('textbox', { name: 'Mot de passe' }).fill(person.password);
    await this.page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: `Bonjour, ${person.name}` })).toBeVisible();
  }

  async signIn(person: Person): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('Adresse électronique').fill(person.email);
    await this.page.getByRole('textbox', { name: 'Mot de passe' }).fill(person.password);
    await this.page.getByRole('button', { name: 'Se connecter' }).last().click();
    await expect(this.page.getByRole('heading', { level: 1, name: `Bonjour, ${person.name}` })).toBeVisible();
  }
}
