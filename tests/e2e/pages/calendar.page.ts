import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import ICAL from 'ical.js';

/** The calendar parts of the session and profile pages. */
export class CalendarPages {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Clicks "Ajouter à mon agenda" and parses the downloaded file with ical.js. */
  async downloadSessionCalendar() {
    const downloading = this.page.waitForEvent('download');
    await this.page.getByRole('link', { name: 'Ajouter à mon agenda' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^seance-\d{4}-\d{2}-\d{2}\.ics$/);
    const path = await download.path();
    const ics = await readFile(path, 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const [vevent] = calendar.getAllSubcomponents('vevent');
    if (!vevent) throw new Error('no VEVENT in the download');
    return { ics, event: new ICAL.Event(vevent) };
  }

  /** Types the visio link in the session form and saves (the dialog stays open on an error). */
  async setVideoLink(url: string): Promise<void> {
    let dialog = this.page.getByRole('dialog', { name: 'Modifier la séance' });
    if ((await dialog.count()) === 0) {
      await this.page.getByRole('button', { name: 'Modifier la séance' }).click();
      dialog = this.page.getByRole('dialog', { name: 'Modifier la séance' });
    }
    await dialog.getByRole('textbox', { name: /^Lien de visio/ }).fill(url);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  }

  async cancelSession(reason: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Annuler la séance' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Annuler la séance' });
    await dialog.getByRole('textbox', { name: /^Motif/ }).fill(reason);
    await dialog.getByRole('button', { name: "Confirmer l'annulation" }).click();
    await expect(this.page.getByText('Cette séance est annulée.')).toBeVisible();
  }

  async openMyCalendar(): Promise<void> {
    await this.page.goto('/profile');
    await expect(this.page.getByRole('heading', { level: 2, name: 'Mon agenda' })).toBeVisible();
  }

  feedUrlField() {
    return this.page.getByRole('textbox', { name: "Lien d'abonnement à votre agenda" });
  }

  async rotateFeed(): Promise<void> {
    await this.page.getByRole('button', { name: 'Générer un nouveau lien' }).click();
    const confirm = this.page.getByRole('alertdialog', { name: 'Générer un nouveau lien ?' });
    await confirm.getByRole('button', { name: 'Générer un nouveau lien' }).click();
    await expect(this.page.getByText("Nouveau lien créé. L'ancien ne fonctionne plus.")).toBeVisible();
  }
}
