/**
 * The product carries no test rig: the built main process (out/main, from `npm test`'s build)
 * loads the simulator only when demo mode starts, and never its control routes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const out = 'out/main';
const read = (file: string) => readFileSync(join(out, file), 'utf8');
const chunks = readdirSync(join(out, 'chunks')).map((name) => `chunks/${name}`);
// Strings only the simulator holds: its seeded account and its server's control routes.
const SIMULATOR = 'Demo Contact Center';
const CONTROL_ROUTES = '/__sim/faults';

describe('the built main process', () => {
  it('has no simulator in its main chunk', () => {
    const main = read('index.js');
    expect(main).not.toContain(SIMULATOR);
    expect(main).not.toContain(CONTROL_ROUTES);
  });

  it('loads the simulator as a chunk of its own, with a dynamic import, for demo mode', () => {
    const simulator = chunks.filter((file) => read(file).includes(SIMULATOR));
    expect(simulator).toHaveLength(1);
    expect(read('index.js')).toContain(`import("./${simulator[0]}")`);
  });

  it('never loads the control routes with the demo simulator', () => {
    const simulator = chunks.find((file) => read(file).includes(SIMULATOR))!;
    expect(read(simulator)).not.toContain(CONTROL_ROUTES);
    const controls = chunks.filter((file) => read(file).includes(CONTROL_ROUTES));
    // Their own chunk, reached only through startSimulator({ controls: true }).
    expect(controls).toHaveLength(1);
    expect(read('index.js')).not.toContain(controls[0]!.replace('chunks/', ''));
  });
});
