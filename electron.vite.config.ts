import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/main/policy/content-security';

/** `@shared/...` is electron/shared (as in tsconfig.base.json's paths and vitest.config.ts). */
const sharedAlias = { '@shared': resolve('electron/shared') };

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

/**
 * libphonenumber-js ships its metadata (82 KB, over half of its chunk) as a JS object literal,
 * which V8 compiles into code that builds it. The dialer waits for this chunk, and it was often
 * the last thing start-up waited for. As a JSON string it is scanned as one string and
 * JSON.parse builds it: the same data, compiled and run sooner.
 */
const phoneMetadataAsJson = (): Plugin => ({
  name: 'evo-phone-metadata-json',
  load(id) {
    if (!id.endsWith('/libphonenumber-js/metadata.min.json.js')) return null;
    const json = readFileSync(id.replace(/\.js$/, ''), 'utf8').trim();
    return `export default JSON.parse(${JSON.stringify(json)});`;
  },
});

/**
 * The History and Settings chunks are fetched ahead of use, and all of their code runs the first
 * time the tab shows. V8 compiles a function when it first runs, on the window's thread, and that
 * was a good part of the first History click. This comment at the top of a file (V8's explicit
 * compile hints, Chromium 136+) has it compiled in full when it loads, on a background thread.
 * Added after minification, which would drop it.
 */
const compileWhenLoaded =
  (components: readonly string[]) =>
  (chunk: { facadeModuleId: string | null }): string =>
    components.some((name) => chunk.facadeModuleId?.endsWith(`/components/${name}`)) ? '//# allFunctionsCalledOnLoad' : '';

/**
 * renderer/src/main.ts asks main its first questions, then imports the app's own chunk. Left to
 * itself the browser would start fetching that chunk, the Svelte runtime it shares with the lazy
 * tabs and their styles only once main.ts has run, one after another; these links in index.html
 * fetch and compile them all beside main.ts instead.
 */
const preloadApp = (entry: string): Plugin => ({
  name: 'evo-preload-app',
  transformIndexHtml: {
    order: 'post',
    handler(_html, { bundle }) {
      const chunks = Object.values(bundle ?? {}).filter((file) => file.type === 'chunk');
      const app = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(entry));
      if (!app) throw new Error(`evo-preload-app: no chunk for ${entry}`);
      const needed = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = chunks.find((candidate) => candidate.fileName === fileName);
        if (!chunk || chunk.isEntry || needed.has(fileName)) return;
        needed.add(fileName);
        chunk.imports.forEach(visit);
      };
      visit(app.fileName);
      const files = [...needed].map((fileName) => chunks.find((chunk) => chunk.fileName === fileName)!);
      const styles = new Set(files.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]));
      return [
        ...files.map((chunk) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` },
          injectTo: 'head' as const,
        })),
        ...[...styles].map((file) => ({
          tag: 'link',
          attrs: { rel: 'stylesheet', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        })),
      ];
    },
  },
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
    resolve: { alias: sharedAlias },
    publicDir: resolve('resources/public'),
    plugins: [svelte({ configFile: resolve('svelte.config.js') }), cspMeta(), phoneMetadataAsJson(), preloadApp('/src/start-app.ts')],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: {
        input: { index: resolve('renderer/index.html') },
        output: { postBanner: compileWhenLoaded(['History.svelte', 'SettingsPanel.svelte']) },
      },
    },
  },
});
