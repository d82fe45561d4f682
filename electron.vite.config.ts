import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/main/policy/content-security';

/**
 * The CSP also as a <meta> in index.html (same policy as the app:// response header), so that
 * the page is protected however it is served. frame-ancestors is header-only; 'self' covers the
 * browser harness's same-origin WebSocket.
 */
const cspMeta = (): Plugin => ({
  name: 'evo-csp-meta',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: contentSecurityPolicy()
          .split('; ')
          .filter((part) => !part.startsWith('frame-ancestors'))
          .join('; '),
      },
      injectTo: 'head-prepend',
    },
  ],
});

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // better-sqlite3 is native and must stay a runtime require; everything else is bundled.
      externalizeDeps: { include: ['better-sqlite3'] },
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // Sandboxed preloads are loaded with require(): ESM is not an option there.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    publicDir: resolve('resources/public'),
    plugins: [svelte({ configFile: resolve('svelte.config.js') }), cspMeta()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
