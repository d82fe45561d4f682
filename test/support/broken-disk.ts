/**
 * A real read-only or full data folder, without root: a user + mount namespace (`unshare -Urm`)
 * mounts a small tmpfs, fills it or remounts it read-only, and runs broken-disk-child.ts there.
 * Linux only; `brokenDiskSupported()` says whether this machine allows it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BrokenDiskRun {
  started: boolean;
  error?: string;
  storage?: { historySaved: boolean; notice: string | null };
  history?: string[];
  /** After start-up: signed in, synced and held the live call. */
  works?: { signedIn: boolean; held: boolean };
  before: { hash: string | null; files: string[] };
  after: { hash: string | null; files: string[] };
}

export function brokenDiskSupported(): boolean {
  return process.platform === 'linux' && spawnSync('unshare', ['-Urm', 'true']).status === 0;
}

/** `seedDir`: a data folder copied onto the broken disk first (an existing, healthy cache). */
export function startOnBrokenDisk(kind: 'read-only' | 'full', seedDir?: string): BrokenDiskRun {
  const mount = mkdtempSync(join(tmpdir(), 'evo-broken-disk-'));
  const script = [
    'set -e',
    'mount -t tmpfs -o size=1m tmpfs "$MNT"',
    'if [ -n "$SEED" ]; then cp -a "$SEED" "$MNT/data"; fi',
    kind === 'full' ? 'dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || true' : 'mount -o remount,ro "$MNT"',
    'exec "$NODE" --import tsx "$CHILD" "$MNT/data"',
  ].join('\n');
  const run = spawnSync('unshare', ['-Urm', 'sh', '-c', script], {
    env: {
      ...process.env,
      MNT: mount,
      SEED: seedDir ?? '',
      NODE: process.execPath,
      CHILD: fileURLToPath(new URL('./broken-disk-child.ts', import.meta.url)),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    throw new Error(`broken-disk child failed (${run.status}): ${run.stderr.slice(-2000)}`);
  }
  return JSON.parse(line) as BrokenDiskRun;
}
