import { expect, type Page } from '@playwright/test';
import type { Person } from '../fixtures.ts';
import { e2eOidc } from '../instance.ts';

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

  /**
   * Set-up, not the sign-up form (journey.spec.ts and the accessibility pages go through the form):
   * registers through the API in this page's browser context, which is then signed in. No screen
   * is loaded, so the next step opens one.
   */
  async signUpThroughApi(person: Person): Promise<void> {
    const response = await this.page.request.post('/api/v1/auth/register', { data: person });
    expect(response.status(), `register ${person.email}: ${await response.text()}`).toBe(201);
  }

  async signIn(person: Person): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('Adresse électronique').fill(person.email);
    await this.page.getByRole('textbox', { name: 'Mot de passe' }).fill(person.password);
    await this.page.getByRole('button', { name: 'Se connecter' }).last().click();
    await expect(this.page.getByRole('heading', { level: 1, name: `Bonjour, ${person.name}` })).toBeVisible();
  }

  /**
   * Signs in through the instance's OpenID Connect provider (global-setup.ts): the sign-in page's
   * button, the provider's own login form (any password), and back into the app, signed in.
   */
  async signInWithProvider(person: Pick<Person, 'name' | 'email'>): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByRole('link', { name: `Se connecter avec ${e2eOidc.label}` }).click();
    await this.page.getByPlaceholder('Enter any login').fill(person.email);
    await this.page.getByPlaceholder('and password').fill('any password');
    await this.page.getByRole('button', { name: 'Sign-in' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: `Bonjour, ${person.name}` })).toBeVisible();
  }
}
