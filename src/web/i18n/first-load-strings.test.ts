import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shell and the home page (in the first-load chunk, app.tsx) render without waiting for the
 * features' strings. This test reads their module graphs and the keys they quote, and fails
 * when one would show a feature key, which would flash raw until the features' chunk arrived.
 */
const web = resolve(import.meta.dirname, '..');

function catalogueFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (!entry.isDirectory()) return [];
    if (entry.name === 'i18n' && existsSync(join(path, 'fr.json'))) return [path];
    return catalogueFolders(path);
  });
}

function leafKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? leafKeys(value, `${prefix}${key}.`)
      : [`${prefix}${key}`.replace(/_(zero|one|two|few|many|other)$/, '')],
  );
}

/** Every key and key prefix of each feature catalogue, mapped to its folder. */
function keyOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const folder of catalogueFolders(join(web, 'features'))) {
    const fr = JSON.parse(readFileSync(join(folder, 'fr.json'), 'utf8')) as object;
    for (const key of leafKeys(fr)) {
      const parts = key.split('.');
      for (let i = 1; i <= parts.length; i += 1) owners.set(parts.slice(0, i).join('.'), folder);
    }
  }
  return owners;
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const path = resolve(dirname(from), specifier);
  return /\.tsx?$/.test(path) && existsSync(path) ? path : undefined;
}

const staticImport = /from\s+'([^']+)'/g;
const dynamicImport = /import\(\s*'([^']+)'/g;
const quotedKey = /['"`]([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)\.?/g;

/** The feature keys (as "file: key") quoted anywhere in a module graph. */
function featureKeysQuoted(
  entry: string,
  owners: Map<string, string>,
  { followDynamic }: { followDynamic: boolean },
): Set<string> {
  const quoted = new Set<string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || file.endsWith('.test.ts')) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const imports = [
      ...source.matchAll(staticImport),
      ...(followDynamic ? source.matchAll(dynamicImport) : []),
    ];
    for (const [, specifier] of imports) {
      const target = specifier && resolveImport(file, specifier);
      if (target) queue.push(target);
    }
    for (const [, key] of source.matchAll(quotedKey)) {
      const owner = key && owners.get(key);
      if (owner) quoted.add(`${relative(web, file)}: ${key} (${relative(web, owner)})`);
    }
  }
  return quoted;
}

describe('the strings of the first load', () => {
  const owners = keyOwners();
  const app = readFileSync(join(web, 'app.tsx'), 'utf8');
  const home = join(web, 'routes', 'home.tsx');

  it('loads the home page with the shell', () => {
    expect(app).toMatch(/^import \{ HomePage \} from '\.\/routes\/home\.tsx';$/m);
  });

  it('shows in the shell (header, footer, frame) core strings only', () => {
    expect([...featureKeysQuoted(join(web, 'main.tsx'), owners, { followDynamic: false })]).toEqual([]);
  });

  it('shows on the home page core strings only, in what it opens later too', () => {
    // What the home page opens later (its dialogs) does not wait for them either.
    expect([...featureKeysQuoted(home, owners, { followDynamic: true })]).toEqual([]);
  });
});
