import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shell and the core screens (app.tsx `coreScreen`, the home page) render without waiting for
 * the features' strings. This test reads their module graphs and the keys they quote, and fails
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
  const coreScreens = [...app.matchAll(/coreScreen\(\s*\(\) => import\('([^']+)'\),\s*'(\w+)',?\s*\)/g)].map(
    ([, path, name]) => ({ name: name as string, file: resolve(web, path as string) }),
  );

  it('finds the screens that show core strings only', () => {
    expect(coreScreens.map((screen) => screen.name)).toContain('HomePage');
  });

  it('shows in the shell (header, footer, frame) core strings only', () => {
    expect([...featureKeysQuoted(join(web, 'main.tsx'), owners, { followDynamic: false })]).toEqual([]);
  });

  it('shows on core screens (the home page) core strings only: they do not wait for the features’', () => {
    const quoted = coreScreens.flatMap((screen) => [
      ...featureKeysQuoted(screen.file, owners, { followDynamic: true }),
    ]);
    expect(quoted).toEqual([]);
  });
});
