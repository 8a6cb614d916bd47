import { describe, expect, it } from 'vitest';
import { splitPadLines, stripEmphasis } from './pad-lines.ts';

describe('pad lines', () => {
  it('splits CRLF, CR and LF line endings and drops the BOM', () => {
    const lines = splitPadLines('\uFEFFTitre\r\nLigne deux\rLigne trois\nfin');
    expect(lines.map((line) => line.raw)).toEqual(['Titre', 'Ligne deux', 'Ligne trois', 'fin']);
    expect(lines[0]?.index).toBe(0);
    expect(lines[3]?.index).toBe(3);
  });

  it('reads bullets of every pad style and their indentation', () => {
    const [dash, star, plus, dot, numbered, nested, tabbed] = splitPadLines(
      '- tiret\n* étoile\n+ plus\n• puce\n2. numéro\n - sous-point\n\t\t- tabulé',
    );
    expect([dash?.bullet, star?.bullet, plus?.bullet, dot?.bullet, numbered?.bullet]).toEqual([
      'dash',
      'star',
      'plus',
      'dot',
      'number',
    ]);
    expect(numbered?.body).toBe('numéro');
    expect(nested?.indent).toBe(1);
    expect(tabbed?.indent).toBe(8);
    expect(tabbed?.body).toBe('tabulé');
  });

  it('does not take bold text, years or time ranges for bullets', () => {
    const [bold, year, time] = splitPadLines('**Synthèse**\n2021. Bilan\n12h00 - 12h10 Météo');
    expect(bold?.bullet).toBeNull();
    expect(bold?.body).toBe('**Synthèse**');
    expect(year?.bullet).toBeNull();
    expect(time?.bullet).toBeNull();
  });

  it('reads Markdown task boxes and treats an empty bullet as blank', () => {
    const [open, done, empty] = splitPadLines('- [ ] Envoyer le CR\n- [x] Réserver la salle\n- ');
    expect(open?.checkbox).toBe('open');
    expect(open?.body).toBe('Envoyer le CR');
    expect(done?.checkbox).toBe('checked');
    expect(empty?.isBlank).toBe(true);
  });

  it('keeps agenda brackets, which are not task boxes', () => {
    const [item] = splitPadLines('- [12h00 > 12h10] **Un tour de météo**');
    expect(item?.checkbox).toBeNull();
    expect(item?.body).toBe('[12h00 > 12h10] **Un tour de météo**');
  });

  it('removes emphasis markers but not underscores inside words or URLs', () => {
    expect(stripEmphasis("**Mise en place d'un retour d'expérience** des cercles")).toBe(
      "Mise en place d'un retour d'expérience des cercles",
    );
    expect(stripEmphasis('Post-it **BLEU**')).toBe('Post-it BLEU');
    expect(stripEmphasis('__Synthèse__')).toBe('Synthèse');
    expect(stripEmphasis('*important* et _souligné_')).toBe('important et souligné');
    expect(stripEmphasis('voir https://exemple.fr/mon_fichier_v2')).toBe(
      'voir https://exemple.fr/mon_fichier_v2',
    );
    expect(stripEmphasis('3 * 4 = 12')).toBe('3 * 4 = 12');
  });
});
