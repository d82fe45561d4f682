import { SimulatedCallEngine } from '../../renderer/src/lib/calls/simulated-engine.svelte';
import type { EngineFactory } from '../../renderer/src/lib/state/app.svelte';

/** The window's phone for component tests: the simulated one, never the Voice SDK. */
export const simulatedOnly: EngineFactory = (api, _demo, calls) => new SimulatedCallEngine(api, calls);
