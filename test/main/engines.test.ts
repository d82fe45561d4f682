/**
 * package.json says the truth about Node: `engines` is where `npm ci` installs every package
 * without an EBADENGINE warning (and `npm run dist` works); `devEngines` is where developing and
 * testing work, which includes Node 20.19+, where only the packaging toolchain objects.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  devEngines: { runtime: { name: string; version: string } };
};
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } }>;
};

/** Installed packages whose own `engines.node` refuses this Node version (npm warns for each). */
const refusing = (node: string) =>
  Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.engines?.node && !semver.satisfies(node, entry.engines.node))
    .map(([path]) => path.replace(/^node_modules\//, ''));

/** The first release of every Node line a range admits: where packages' own ranges start and stop. */
function floors(range: string): string[] {
  const starts = new semver.Range(range).set.map((comparators) => semver.minVersion(comparators.map(String).join(' '))!.version);
  const majors = Array.from({ length: 30 }, (_, index) => `${index + 16}.0.0`);
  return [...new Set([...starts, ...majors.filter((version) => semver.satisfies(version, range))])];
}

describe('the Node versions package.json names', () => {
  it.each(floors(pkg.engines.node))('engines: npm ci on Node %s warns about no package', (node) => {
    expect(refusing(node)).toEqual([]);
  });

  it('devEngines covers everything engines does, and Node 20.19+', () => {
    expect(pkg.devEngines.runtime.name).toBe('node');
    for (const node of [...floors(pkg.engines.node), '20.19.0']) expect(semver.satisfies(node, pkg.devEngines.runtime.version)).toBe(true);
  });

  it.each(floors(pkg.devEngines.runtime.version).filter((node) => !semver.satisfies(node, pkg.engines.node)))(
    'devEngines: on Node %s only the packaging toolchain (npm run dist) objects',
    (node) => {
      expect(refusing(node)).toEqual(['@electron/rebuild', '@electron/rebuild/node_modules/node-abi']);
    },
  );
});
