import { describe, expect, it } from 'vitest';
import { createAgendaTitleMatcher } from './agenda-title-matching.ts';

const match = createAgendaTitleMatcher([
  'Un tour de météo',
  'Retour sur le Cercle des cercles',
  "Retour sur l'abécédaire du 31 et suites",
  "Mise en place d'un retour d'expérience des cercles d'apprentissage (fin septembre ?)",
  "Comment évaluer les cercles d'apprentissage ?",
]);

describe('agenda title matching', () => {
  it('matches headings that repeat a title, whatever the accents, case and punctuation', () => {
    expect(match('Retour sur le Cercle des cercles', false)).toBe(1);
    expect(match("RETOUR SUR L'ABECEDAIRE DU 31 ET SUITES", true)).toBe(2);
    expect(
      match("Mise en place d'un retour d'expérience des cercles d'apprentissage fin septembre ?", false),
    ).toBe(3);
    expect(match("comment evaluer les cercles d'apprentissage", false)).toBe(4);
  });

  it('ignores numbering, times and emphasis around the title', () => {
    expect(match('2. **Retour sur le Cercle des cercles** :', false)).toBe(1);
    expect(match('[12h00 > 12h10] Un tour de météo', false)).toBe(0);
  });

  it('accepts a close wording for plain lines, and a shortened one for marked headings', () => {
    expect(match("Mise en place d'un retour d'expérience des cercles d'apprentissage", false)).toBe(3);
    expect(match('Météo', true)).toBe(0);
    expect(match('Météo', false)).toBeNull();
    expect(match("L'abécédaire", true)).toBe(2);
  });

  it('does not take ordinary sentences of the notes for headings', () => {
    expect(match('Qui porte la Riposte le jour j ?', false)).toBeNull();
    expect(
      match(
        "Comment les cercles peuvent être mis en oeuvre dans les territoires ? (défi porté pendant l'Université).",
        false,
      ),
    ).toBeNull();
    expect(match('Les cercles mobilisent peu de monde.', false)).toBeNull();
    expect(match('Divers', true)).toBeNull();
    expect(match('Cercles', true)).toBeNull();
    expect(match('', true)).toBeNull();
  });
});
