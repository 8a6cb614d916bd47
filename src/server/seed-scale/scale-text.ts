/**
 * Deterministic French-looking text for the large-community seed: real words of the circles' work,
 * then made-up ones, drawn by Zipf's law, so the search index holds common and rare words alike and
 * every run writes the same text.
 */

const realWords = (
  'cercle séance ordre jour météo notes synthèse prochains pas action communauté animation ' +
  'facilitateur membre codev arpentage boussole forum ouvert retour expérience évaluation ' +
  'territoire essaimage tableau vote sondage inscription glossaire événement université défi ' +
  'coopération entraide apprentissage pratique collègue agent territorial service public projet ' +
  'usager mairie département région formation atelier question problème solution conseil ' +
  'écoute confiance groupe rôle temps parole lecture livre chapitre idée proposition décision ' +
  'bilan objectif calendrier réunion visio document partage ressource méthode outil expérimentation ' +
  'innovation design politique management équipe transformation numérique accueil citoyen ' +
  'participation concertation démarche posture bienveillance difficulté réussite exemple récit'
).split(' ');

const syllables = ['ba', 'co', 'di', 'fu', 'ga', 'lo', 'mi', 'no', 'pe', 'ra', 'si', 'tu', 'va', 'zo', 'tri'];
const vocabulary: string[] = [...realWords];
for (let i = 0; vocabulary.length < 5000; i++) {
  const pick = (n: number) => syllables[n % syllables.length] ?? 'ba';
  vocabulary.push(`${pick(i)}${pick(Math.floor(i / 15))}${pick(Math.floor(i / 225))}`);
}

export type Random = () => number;

/** Mulberry32: a small deterministic generator, the same sequence for the same seed. */
export function randomFrom(seed: number): Random {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The word of rank r is drawn in proportion to 1/(r + 5). */
export function word(random: Random): string {
  const n = vocabulary.length;
  const rank = Math.floor(5 * ((n + 5) / 5) ** random() - 5);
  return vocabulary[Math.min(n - 1, Math.max(0, rank))] ?? 'cercle';
}

/** Between min and max words (max excluded), separated by spaces. */
export function words(random: Random, min: number, max: number): string {
  const count = min + Math.floor(random() * (max - min));
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(word(random));
  return out.join(' ');
}

/** A sentence: capitalised, ended by a full stop. */
export function sentence(random: Random, min = 6, max = 16): string {
  const text = words(random, min, max);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export const firstNames = (
  'Camille Dominique Claude Sacha Alix Morgan Charlie Lou Noa Eden Jade Louise Emma Léa Chloé Manon ' +
  'Hugo Lucas Louis Jules Adam Arthur Nathan Paul Gabriel Raphaël Inès Sarah Zoé Anaïs Yasmine Malik'
).split(' ');
export const lastNames = (
  'Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre ' +
  'Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent'
).split(' ');
