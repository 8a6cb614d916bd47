import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';

const catalogues = import.meta.glob<object>(['./*.json', '../features/**/i18n/*.json'], {
  eager: true,
  import: 'default',
});
/** Every catalogue of a language: the core's and each feature's (keys never overlap). */
const fr = Object.entries(catalogues).flatMap(([path, tree]) => (path.endsWith('fr.json') ? [tree] : []));
const en = Object.entries(catalogues).flatMap(([path, tree]) => (path.endsWith('en.json') ? [tree] : []));

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'object' && value !== null
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)]],
  );
}

async function translator(lng: 'fr' | 'en') {
  const i18n = createInstance();
  await i18n.init({
    lng,
    resources: {},
    interpolation: { escapeValue: false },
  });
  for (const tree of lng === 'fr' ? fr : en) i18n.addResourceBundle(lng, 'translation', tree, true, false);
  return i18n.t;
}

/** Counts that are not about a number of things ("au moins 3", "2 / 3 max"): no noun to agree. */
const countsWithoutNoun = new Set([
  'validation.min',
  'validation.max',
  'boards.dots.mine',
  'polls.ballot.quota',
  'polls.ballot.moved',
]);

describe('plurals in the catalogues', () => {
  it('gives every {{count}} text a singular and a plural form, so "1" never reads "1 places"', () => {
    for (const catalogue of [fr, en]) {
      const texts = new Map(catalogue.flatMap((tree) => leaves(tree)));
      for (const [key, text] of texts) {
        if (!text.includes('{{count}}') || countsWithoutNoun.has(key)) continue;
        const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
        expect(base, `${key} needs _one/_other forms`).not.toBe(key);
        expect(texts.has(`${base}_one`), `${base}_one`).toBe(true);
        expect(texts.has(`${base}_other`), `${base}_other`).toBe(true);
      }
    }
  });

  it('agrees each number of a sentence with its own words', async () => {
    const t = await translator('fr');
    const summary = (coming: number, excused: number) =>
      t('session.participants.summary', {
        coming: t('session.participants.coming', { count: coming }),
        excused: t('session.participants.excused', { count: excused }),
      });
    expect(summary(1, 1)).toBe('1 vient ou est là, 1 excusé·e.');
    expect(summary(3, 0)).toBe('3 viennent ou sont là, 0 excusé·e.');
    const places = (count: number, capacity: number) =>
      t('signups.topic.places', { count, places: t('signups.topic.capacity', { count: capacity }) });
    expect(places(1, 1)).toBe('1 inscrit·e sur 1 place');
    expect(places(2, 12)).toBe('2 inscrit·es sur 12 places');
  });
});
