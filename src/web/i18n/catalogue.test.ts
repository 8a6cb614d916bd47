import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The core catalogue (src/web/i18n) and every feature's (src/web/features/<f>/…/i18n). */
const web = resolve(import.meta.dirname, '..');

function catalogueFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    const path = join(dir, entry.name);
    return entry.name === 'i18n' ? [path] : catalogueFolders(path);
  });
}

const catalogues = [join(web, 'i18n'), ...catalogueFolders(join(web, 'features'))].map((folder) => ({
  name: relative(web, folder),
  fr: JSON.parse(readFileSync(join(folder, 'fr.json'), 'utf8')) as object,
  en: JSON.parse(readFileSync(join(folder, 'en.json'), 'utf8')) as object,
}));

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
  it('finds the core catalogue and the features’', () => {
    expect(catalogues.map((catalogue) => catalogue.name)).toEqual(
      expect.arrayContaining(['i18n', 'features/boards/i18n', 'features/sessions/import/i18n']),
    );
  });

  it.each(catalogues)('$name: English has exactly the keys of French (the reference)', ({ fr, en }) => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(fr))].sort());
  });

  it.each(catalogues)('$name: every translation uses the same placeholders as the French', ({ fr, en }) => {
    const frPlaceholders = placeholders(fr);
    for (const [key, names] of placeholders(en)) {
      const french = frPlaceholders.get(key) ?? frPlaceholders.get(key.replace(/_\w+$/, '_other'));
      expect({ key, names }).toEqual({ key, names: french });
    }
  });

  it.each(catalogues)('$name: has no empty text', ({ fr, en }) => {
    const values = (tree: object): unknown[] =>
      Object.values(tree).flatMap((v) => (typeof v === 'object' && v !== null ? values(v) : [v]));
    for (const value of [...values(fr), ...values(en)]) {
      expect(typeof value === 'string' && value.trim().length > 0).toBe(true);
    }
  });

  it('defines each key in one catalogue only (they merge into one namespace)', () => {
    const owners = new Map<string, string>();
    const twice: string[] = [];
    for (const { name, fr } of catalogues) {
      for (const key of new Set(keys(fr))) {
        const owner = owners.get(key);
        if (owner) twice.push(`${key}: ${owner} and ${name}`);
        owners.set(key, name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('never lets a key of one catalogue be the parent of another’s (a text is not a folder)', () => {
    const all = new Set(catalogues.flatMap(({ fr }) => keys(fr)));
    const clashes = [...all].filter((key) => [...all].some((other) => other.startsWith(`${key}.`)));
    expect(clashes).toEqual([]);
  });
});
