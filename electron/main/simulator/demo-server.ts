/** Demo mode: the simulator, started on first use and shared afterwards. */
import { startSimulator, type Simulator, type SimulatorOptions } from './server';

export function lazySimulator(options: SimulatorOptions = {}): { url(): Promise<string>; instance(): Simulator | null; close(): Promise<void> } {
  let starting: Promise<Simulator> | null = null;
  let started: Simulator | null = null;
  return {
    async url() {
      starting ??= startSimulator(options).then((simulator) => (started = simulator));
      return (await starting).url;
    },
    instance: () => started,
    async close() {
      if (starting) await (await starting).close();
    },
  };
}
