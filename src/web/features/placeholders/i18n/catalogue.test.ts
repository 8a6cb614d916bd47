import { describe, expect, it } from 'vitest';
import main from '../../../i18n/fr.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

/** Every leaf key ("a.b.c"), plural suffixes stripped, since languages differ in plural forms. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key}`.replace(/_(zero|one|two|few|many|other)$/, '')],
  );
}

describe('the claims screens’ catalogue (loaded with them)', () => {
  it('has the same keys in English as in French', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(fr))].sort());
  });

  it('adds namespaces of its own, never overriding the main catalogue', () => {
    for (const namespace of Object.keys(fr)) expect(Object.keys(main)).not.toContain(namespace);
  });
});
