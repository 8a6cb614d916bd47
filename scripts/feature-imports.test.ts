import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { featureCycles, featureGraph } from './feature-imports.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const made: string[] = [];

/** A scratch tree holding the given files (path → text) under a fresh directory. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'feature-imports-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('feature cycles', () => {
  it('names a cycle through the features’ public modules', () => {
    const dir = tree({
      'a/a.routes.ts': "import { b } from '../b/b.public.ts';\nexport const a = b;\n",
      'a/a.public.ts': "export { a } from './a.routes.ts';\n",
      'b/b.commands.ts': "import { c } from '../c/c.public.ts';\nexport const b = c;\n",
      'b/b.public.ts': "export { b } from './b.commands.ts';\n",
      'c/c.public.ts': "import { a } from '../a/a.public.ts';\nexport const c = a;\n",
    });
    expect(featureCycles(featureGraph(dir))).toEqual(['a → b → c → a']);
  });

  it('finds none when the features form layers', () => {
    const dir = tree({
      'a/a.routes.ts': "import { b } from '../b/b.public.ts';\nimport { c } from '../c/c.public.ts';\n",
      'b/b.public.ts': "import { c } from '../c/c.public.ts';\nexport const b = c;\n",
      'c/c.public.ts': "import { z } from '../../db/schema.ts';\nexport const c = z;\n",
    });
    expect(featureCycles(featureGraph(dir))).toEqual([]);
  });

  it('holds for the server’s features', () => {
    expect(featureCycles(featureGraph(join(root, 'src/server/features')))).toEqual([]);
  });
});

describe('the public-module rule (biome.json)', () => {
  /** Biome's diagnostics for one feature file importing `specifier`, with the project's config. */
  function lint(specifier: string): string[] {
    const dir = tree({
      'src/server/features/circles/circles.queries.ts': 'export const y = 1;\n',
      'src/server/features/circles/circles.public.ts': "export { y } from './circles.queries.ts';\n",
      'src/server/features/boards/scratch.ts': `import { y } from '${specifier}';\n\nexport const x = y;\n`,
    });
    copyFileSync(join(root, 'biome.json'), join(dir, 'biome.json'));
    const biome = join(root, 'node_modules/.bin/biome');
    const result = spawnSync(biome, ['lint', '--reporter=json', 'src'], { cwd: dir, encoding: 'utf8' });
    const report = z
      .object({ diagnostics: z.array(z.object({ category: z.string() })) })
      .parse(JSON.parse(result.stdout));
    return report.diagnostics.map((diagnostic) => diagnostic.category);
  }

  it('refuses a feature importing another feature’s inner file', () => {
    expect(lint('../circles/circles.queries.ts')).toEqual(['lint/style/noRestrictedImports']);
  });

  it('lets a feature import another feature’s public module', () => {
    expect(lint('../circles/circles.public.ts')).toEqual([]);
  });
});
