import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress.ts';

/** Our own code and UI libraries used by several screens, but not what only opens on demand. */
function sharedAppModules(id: string): boolean {
  if (/collaborative-notes|[\\/]i18n[\\/](en\.json|feature-strings)|[\\/]routes[\\/]/.test(id)) return false;
  if (/node_modules[\\/](@tiptap|prosemirror|yjs|y-|@hocuspocus|lib0|zod)[\\/]/.test(id)) return false;
  // The wire schemas are loaded on demand by lib/contract-schemas.ts (form validation).
  if (/[\\/]src[\\/]contract[\\/]/.test(id)) return false;
  // The territory catalogue (régions, départements) is read by the contract only: it goes with it.
  if (/[\\/]domain[\\/]territories\.ts|decoupage-administratif/.test(id)) return false;
  return true;
}

function pureRules(id: string): boolean {
  return /[\\/]src[\\/]domain[\\/]/.test(id) && !/[\\/]domain[\\/]territories\.ts/.test(id);
}

function wireShapes(id: string): boolean {
  return /[\\/]src[\\/]contract[\\/]/.test(id);
}

function formBasics(id: string): boolean {
  return /[\\/]components[\\/](form-status\.tsx|form\.module\.css|field\.module\.css)/.test(id);
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The server's CSP (`script-src 'self'`) forbids inline scripts: the polyfill would be one.
    modulePreload: { polyfill: false },
    // Inlined assets become `data:` URLs, which the CSP's `img-src`/`font-src` may refuse.
    assetsInlineLimit: 0,
    // All the CSS is ~6 KB gzip: one stylesheet costs fewer round trips on a slow line than twenty,
    // and screens opened later never wait for (or flash without) their styles.
    cssCodeSplit: false,
    // Lists each screen's chunks and their static imports, for tools that inspect the build.
    manifest: true,
    // The shared-notes editor (Tiptap, ProseMirror, Yjs) is one large chunk on purpose: it loads only
    // when someone opens the notes, never with a page.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // A shared group is named after every screen that shares it: the hash alone names the file.
        chunkFileNames: (chunk) =>
          chunk.name.startsWith('shared~') ? 'assets/shared-[hash].js' : 'assets/[name]-[hash].js',
        // Left alone, the build splits the app into ~120 chunks of 1–2 KB and a cold screen asks
        // for 35–60 of them (RGESN: ≤ 30 requests). Instead: everything the entry needs is one
        // chunk; code shared by several screens is grouped by the set of screens that share it
        // (entriesAware), small groups merged into a neighbour; each screen keeps its own chunk, and
        // the notes editor, the English catalogue and the form schemas stay out of first loads.
        codeSplitting: {
          groups: [
            { name: 'initial', tags: ['$initial'], priority: 3 },
            // Modules whose bodies run code at load (the contract's zod schemas and follower classes,
            // the domain's lists they are built from) go in chunks of their own kind. Shared groups
            // are cut by which screens share them, not by who imports whom, so they can import each
            // other in a ring, and a body then ran before one it needs (a schema before its list, a
            // follower before the class it extends: "this page could not be displayed"). The domain
            // imports nothing of ours and the contract only the domain: no ring goes through them.
            { name: 'domain', test: pureRules, priority: 2.8 },
            { name: 'contract', test: wireShapes, priority: 2.7 },
            // The form status region and the field styles are used by screens without any form
            // field (home): left to the merge below, they join the form machinery's chunk
            // (react-aria fields, useContractForm) and bring ~11 KB to those screens.
            { name: 'shared', test: formBasics, priority: 2.5 },
            {
              name: 'shared',
              test: sharedAppModules,
              minShareCount: 2,
              priority: 2,
              entriesAware: true,
              entriesAwareMergeThreshold: 96 * 1024,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
  },
});
