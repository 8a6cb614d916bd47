import { expect, type Page } from '@playwright/test';

type Answer = 'Oui' | 'Si besoin' | 'Non';

/** A date poll's page, its guest pages, and the "Proposer des dates" dialog. */
export class DatePollPage {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  grid() {
    return this.page.getByRole('region', { name: 'Tableau des disponibilités' });
  }

  /** From the circle page: a poll with slots given as [date, start, end] in Europe/Paris. */
  async create(title: string, slots: [string, string, string][]): Promise<void> {
    await this.page.getByRole('button', { name: 'Proposer des dates' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Proposer des dates' });
    await dialog.getByLabel('Titre').fill(title);
    for (const [index, [date, start, end]] of slots.entries()) {
      if (index > 0) await dialog.getByRole('button', { name: 'Ajouter un créneau' }).click();
      await dialog.getByLabel(`Date du créneau ${index + 1}`).fill(date);
      await dialog.getByLabel('Début').nth(index).fill(start);
      await dialog.getByLabel('Fin').nth(index).fill(end);
    }
    await dialog.getByRole('button', { name: 'Créer le sondage' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  /** Picks an answer for the slot at `index` (0-based, in time order) in the reader's row. */
  async choose(index: number, answer: Answer): Promise<void> {
    await this.grid().getByRole('group').nth(index).getByRole('radio', { name: answer, exact: true }).check();
  }

  async save(label = 'Enregistrer mes réponses'): Promise<void> {
    await this.page.getByRole('button', { name: label }).click();
  }

  async shareLink(): Promise<string> {
    return this.page.getByLabel('Lien du sondage').inputValue();
  }

  /** The guest's first answer through the shareable link; returns their private edit link. */
  async answerAsGuest(name: string, answers: [number, Answer][]): Promise<string> {
    await this.page.getByLabel('Votre nom').fill(name);
    for (const [index, answer] of answers) await this.choose(index, answer);
    await this.save('Envoyer ma réponse');
    await expect(this.page.getByText('Merci, votre réponse est enregistrée')).toBeVisible();
    return this.page.getByLabel('Votre lien pour modifier votre réponse').inputValue();
  }

  /** Ticks exactly the slots whose labels match (the best one comes ticked), then closes. */
  async close(...slotLabels: RegExp[]): Promise<void> {
    const group = this.page.getByRole('group', { name: 'Créneaux retenus' });
    const boxes = group.getByRole('checkbox');
    for (const box of await boxes.all()) await box.uncheck();
    for (const label of slotLabels) await group.getByRole('checkbox', { name: label }).check();
    const submit =
      slotLabels.length === 1
        ? 'Clore et créer la séance'
        : `Clore et créer les ${slotLabels.length} séances`;
    await this.page.getByRole('button', { name: submit }).click();
  }
}
