import { describe, expect, it } from 'vitest';
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

function placeholders(tree: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of placeholders(value, `${prefix}${key}.`)) found.set(k, v);
    } else if (typeof value === 'string') {
      found.set(
        `${prefix}${key}`,
        [...value.matchAll(/\{\{(\w+)/g)]
          .map((m) => m[1])
          .sort()
          .join(','),
      );
    }
  }
  return found;
}

describe('translation catalogues', () => {
  it('English has exactly the keys of French (the reference)', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(fr))].sort());
  });

  it('every translation uses the same placeholders as the French', () => {
    const frPlaceholders = placeholders(fr);
    for (const [key, names] of placeholders(en)) {
      const french = frPlaceholders.get(key) ?? frPlaceholders.get(key.replace(/_\w+$/, '_other'));
      expect({ key, names }).toEqual({ key, names: french });
    }
  });

  it('has no empty text', () => {
    const values = (tree: object): unknown[] =>
      Object.values(tree).flatMap((v) => (typeof v === 'object' && v !== null ? values(v) : [v]));
    for (const value of [...values(fr), ...values(en)]) {
      expect(typeof value === 'string' && value.trim().length > 0).toBe(true);
    }
  });
});
