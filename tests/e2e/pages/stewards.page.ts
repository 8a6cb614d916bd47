import { expect, type Page } from '@playwright/test';
import type { Person } from '../fixtures.ts';

/** The instance admins' screen that names a community's animators. */
export class AdminAnimatorsPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** From the account menu, where admins find it. */
  async open(me: { name: string }): Promise<void> {
    await this.page.getByRole('button', { name: `${me.name} – Menu du compte` }).click();
    await this.page.getByRole('link', { name: 'Animateur·rices des communautés' }).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Animateur·rices des communautés' }),
    ).toBeVisible();
  }

  async nameAnimator(community: string, person: { name: string }): Promise<void> {
    await this.page.getByLabel('Communauté', { exact: true }).selectOption({ label: community });
    await this.page.getByRole('searchbox', { name: 'Rechercher un compte' }).fill(person.name);
    await this.page.getByRole('button', { name: `Nommer animateur·rice ${person.name}` }).click();
    await expect(
      this.page.getByText(`${person.name} anime désormais «\u00a0${community}\u00a0».`),
    ).toBeVisible();
  }
}

/** "Personnes à inviter", in the community's Animation tab. */
export class PlaceholderPanel {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async openFromCommunity(slug: string, name: string): Promise<void> {
    await this.page.goto(`/c/${slug}`);
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await this.page.getByRole('tab', { name: /^Animation/ }).click();
    await expect(this.page.getByRole('heading', { name: 'Personnes à inviter' })).toBeVisible();
  }

  /** Sends the invitation and returns the link the dialog offers to copy. */
  async invite(name: string, email: string): Promise<string> {
    // By keyboard only: the dialog opens on its address field and Enter sends.
    await this.page.getByRole('button', { name: `Inviter ${name}` }).focus();
    await this.page.keyboard.press('Enter');
    const dialog = this.page.getByRole('dialog', { name: `Inviter ${name}` });
    await expect(dialog.getByRole('textbox', { name: 'Adresse électronique' })).toBeFocused();
    await this.page.keyboard.type(email);
    await this.page.keyboard.press('Enter');
    await expect(dialog.getByText('Invitation envoyée', { exact: true })).toBeVisible();
    const link = await dialog
      .getByRole('textbox', { name: "Lien d'invitation (à transmettre à cette seule personne)" })
      .inputValue();
    expect(link).toMatch(/\/claim\/[A-Za-z0-9_-]{43}$/);
    return link;
  }

  async closeDialog(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).last().click();
    await expect(this.page.getByRole('dialog')).toHaveCount(0);
  }
}

/** The page an invitation link opens. */
export class ClaimPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(link: string, community: string): Promise<void> {
    await this.page.goto(new URL(link).pathname);
    await expect(
      this.page.getByRole('heading', { level: 1, name: `Rejoindre «\u00a0${community}\u00a0»` }),
    ).toBeVisible();
  }

  /** Creates the account in place: name and address come filled in from the invitation. */
  async signUpAndAccept(person: Person): Promise<void> {
    await expect(this.page.getByRole('textbox', { name: /^Nom affiché/ })).toHaveValue(person.name);
    await expect(this.page.getByRole('textbox', { name: 'Adresse électronique' })).toHaveValue(person.email);
    await this.page.getByRole('textbox', { name: 'Mot de passe' }).fill(person.password);
    await this.page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(this.page.getByText(`Vous êtes connecté·e en tant que ${person.name}`)).toBeVisible();
    await this.page.getByRole('button', { name: "Accepter l'invitation" }).click();
    await expect(this.page.getByRole('status').getByText(`Bienvenue, ${person.name}\u00a0!`)).toBeVisible();
  }
}
