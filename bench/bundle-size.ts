/**
 * First-load JavaScript of the home page, gzip: the entry chunk, the home route chunk and everything
 * they import statically, read from Vite's manifest (dist/web/.vite/manifest.json, so run
 * `npm run build` first). Prints a table; exits 1 above the 150 KB budget from PRODUCT.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';

const BUDGET_KB = 150;
const webRoot = join(import.meta.dirname, '..', 'dist', 'web');
const manifestSchema = z.record(
  z.string(),
  z.object({
    file: z.string(),
    isEntry: z.boolean().optional(),
    imports: z.array(z.string()).optional(),
    dynamicImports: z.array(z.string()).optional(),
    css: z.array(z.string()).optional(),
  }),
);
const manifest = manifestSchema.parse(
  JSON.parse(readFileSync(join(webRoot, '.vite', 'manifest.json'), 'utf8')),
);

const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
const homeKey = Object.keys(manifest).find((key) => /routes\/home\.tsx$/.test(key));
if (!entryKey || !homeKey)
  throw new Error(`entry or home route missing from the manifest: ${Object.keys(manifest)}`);

const files = new Map<string, string>();
function collect(key: string) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.set(chunk.file, key);
  for (const imported of chunk.imports ?? []) collect(imported);
}
collect(entryKey);
collect(homeKey);

const rows = [...files].map(([file, key]) => {
  const bytes = readFileSync(join(webRoot, file));
  return { file, key, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const kb = (n: number) => (n / 1024).toFixed(1);
console.log('first-load JavaScript of the home page');
console.log('gzip KB   raw KB   chunk');
for (const row of rows.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`${kb(row.gzip).padStart(7)}  ${kb(row.raw).padStart(7)}   ${row.file}  (${row.key})`);
}
console.log(`${kb(total).padStart(7)}  total (budget ${BUDGET_KB} KB gzip)`);
process.exit(total / 1024 <= BUDGET_KB ? 0 : 1);
