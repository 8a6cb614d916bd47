import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
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
    // Lists each screen's chunks and their static imports: what the bundle-size budget reads.
    manifest: true,
    // The shared-notes editor (Tiptap, ProseMirror, Yjs) is one large chunk on purpose: it loads only
    // when someone opens the notes, never with a page.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
  },
});
