/**
 * What the window downloads and runs: the JS that start-up loads (index.html's module script and
 * its imports) against the 50 KiB budget, and the split of it. The split comes from a second build
 * of the same renderer config into a temporary folder with each part in a chunk of its own, so
 * every part is measured as shipped code (minified, gzip); the shipped build is not changed.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';
import config from '../../electron.vite.config';
import { result, type BenchResult } from './stats';

const BUDGET_KIB = 50;
const kib = (bytes: number) => bytes / 1024;
const gzipOf = (file: string) => gzipSync(readFileSync(file)).length;

/** The JS files index.html loads at start-up: its module script and what it preloads. */
function startupScripts(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="(?:\.?\/)?(assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
}

/** Each part in a chunk of its own, named for it; what is left is the app's own code (the entry, "index", and "start-app"). */
const PARTS = [
  { name: 'phone-metadata', test: /node_modules[\\/]libphonenumber-js[\\/]metadata/ },
  { name: 'phone-code', test: /node_modules[\\/]libphonenumber-js[\\/]/ },
  { name: 'svelte-runtime', test: /node_modules[\\/](svelte|clsx)[\\/]/ },
  { name: 'lucide-icons', test: /node_modules[\\/]@lucide[\\/]svelte[\\/]/ },
];

async function splitBuild(): Promise<{ dir: string; icons: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'evo-bundle-split-'));
  const renderer = (config as { renderer: InlineConfig }).renderer;
  let icons = 0;
  await build({
    ...renderer,
    configFile: false,
    logLevel: 'silent',
    plugins: [
      ...(renderer.plugins ?? []),
      {
        name: 'count-icons',
        generateBundle(_options, bundle) {
          for (const chunk of Object.values(bundle)) {
            if (chunk.type === 'chunk')
              icons += chunk.moduleIds.filter((id) => /@lucide[\\/]svelte[\\/]dist[\\/]icons[\\/]/.test(id)).length;
          }
        },
      },
    ],
    build: {
      ...renderer.build,
      outDir: dir,
      emptyOutDir: true,
      rollupOptions: {
        ...renderer.build?.rollupOptions,
        output: { codeSplitting: { groups: PARTS.map((part, i) => ({ ...part, priority: PARTS.length - i })) } },
      },
    },
  });
  return { dir, icons };
}

export async function bundleSizes(): Promise<BenchResult[]> {
  const shipped = join(process.cwd(), 'out/renderer');
  const startup = startupScripts(shipped);
  const assets = readdirSync(join(shipped, 'assets')).filter((name) => name.endsWith('.js'));
  const startupKiB = kib(startup.reduce((sum, file) => sum + gzipOf(join(shipped, file)), 0));
  const lazy = (prefix: string) =>
    kib(assets.filter((name) => name.startsWith(prefix)).reduce((sum, name) => sum + gzipOf(join(shipped, 'assets', name)), 0));

  const split = await splitBuild();
  const part = (prefix: string) => {
    const files = readdirSync(join(split.dir, 'assets')).filter((name) => name.startsWith(`${prefix}-`) && name.endsWith('.js'));
    return kib(files.reduce((sum, name) => sum + gzipOf(join(split.dir, 'assets', name)), 0));
  };
  const total = 'renderer JS at start-up';
  // Parts have no goal of their own: the ratio is their size against the start-up JS.
  const share = (name: string, value: number) => result(name, value, 'KiB', total, startupKiB, null);
  return [
    result(`${total} (gzip), Voice SDK and phone numbers apart`, startupKiB, 'KiB', 'budget', BUDGET_KIB, { maxValue: BUDGET_KIB }),
    share('  of which the app code', part('index') + part('start-app')),
    share('  of which the Svelte runtime', part('svelte-runtime')),
    share(`  of which lucide icons (${split.icons} icon modules: only those imported)`, part('lucide-icons')),
    share('phone numbers chunk (gzip), fetched just after start-up', lazy('libphonenumber-js-')),
    share('  of which libphonenumber-js code', part('phone-code')),
    share('  of which libphonenumber-js metadata (min)', part('phone-metadata')),
    share('Voice SDK chunk (gzip), real sign-ins only', lazy('twilio-')),
  ];
}
