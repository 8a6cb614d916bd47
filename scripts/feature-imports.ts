/**
 * The features' import rule, beside Biome's: a feature reaches another only through its public
 * module (`features/<f>/<f>.public.ts`, enforced by Biome's noRestrictedImports in biome.json), and
 * the features never depend on each other in a circle. Biome's noImportCycles sees cycles between
 * files only; circles → signups → date-polls → circles went through different files of each
 * feature, so this checks the graph of features. Run by `npm run lint` and by scripts/test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const importPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The feature a file belongs to (its folder right under `featuresDir`), if any. */
function featureOf(featuresDir: string, file: string): string | undefined {
  const path = relative(featuresDir, file);
  if (path.startsWith('..')) return undefined;
  const parts = path.split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Feature → the features it imports, with one importing file per edge to name in the report. */
export function featureGraph(featuresDir: string): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(featuresDir)) {
    const from = featureOf(featuresDir, file);
    if (!from) continue;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const to = featureOf(featuresDir, resolve(dirname(file), match[1] ?? ''));
      if (to && to !== from && !edges.has(to)) edges.set(to, relative(featuresDir, file));
    }
  }
  return graph;
}

/** Every cycle between features, each once, as the path that closes it (`a → b → a`). */
export function featureCycles(graph: Map<string, Map<string, string>>): string[] {
  const cycles = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (state.get(next) === 'open') {
        const loop = path.slice(path.indexOf(next));
        // Written from its smallest name, so the same cycle found twice reads the same.
        const start = loop.indexOf([...loop].sort()[0] ?? next);
        const turned = [...loop.slice(start), ...loop.slice(0, start)];
        cycles.add([...turned, turned[0]].join(' → '));
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return [...cycles];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const featuresDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src/server/features');
  const graph = featureGraph(featuresDir);
  const cycles = featureCycles(graph);
  for (const cycle of cycles) {
    const steps = cycle.split(' → ');
    const files = steps.slice(1).map((to, i) => graph.get(steps[i] ?? '')?.get(to));
    console.error(`features import each other in a cycle: ${cycle}\n  through ${files.join(', ')}`);
  }
  if (cycles.length > 0) process.exit(1);
  console.log(`feature imports: ${graph.size} features, no cycle`);
}
