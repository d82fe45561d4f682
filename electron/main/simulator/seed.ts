/** Demo data: one live call for the demo agent and a few weeks of history. */
import { USERS } from './model';
import type { SimulatorState } from './state';

const PEOPLE = [
  ['Jane Doe', '+15550100199'],
  ['Acme Corp', '+15550100123'],
  ['Marco Rossi', '+390212345678'],
  ['', '+15550100777'],
  ['Priya Natarajan', '+447700900123'],
  ['Northwind Traders', '+15550100456'],
  ['Lee Wong', '+15550100321'],
  ['', '+15550100888'],
] as const;

export interface SeedOptions {
  /** Ended sessions to create for the demo agent. */
  history?: number;
  /** Whether the demo agent starts with a live call from Jane Doe. */
  liveCall?: boolean;
}

export function seedDemo(state: SimulatorState, options: SeedOptions = {}, now = Date.now()): void {
  const [agent, other] = USERS;
  const history = options.history ?? 40;
  for (let index = 0; index < history; index += 1) {
    const [name, number] = PEOPLE[index % PEOPLE.length]!;
    const kind = index % 5;
    state.addCall(agent!, {
      direction: kind === 1 || kind === 3 ? 'Outgoing' : 'Incoming',
      number,
      name,
      state: kind === 4 ? 'Missed' : 'Ended',
      createdAt: new Date(now - (index + 1) * 3.7 * 3600_000).toISOString(),
      durationSec: 40 + ((index * 37) % 400),
    });
  }
  if (options.liveCall ?? true) {
    state.addCall(agent!, { direction: 'Incoming', number: '+15550100199', name: 'Jane Doe', state: 'Connected' });
  }
  // A call of another account: what 403 looks like.
  state.addCall(other!, { direction: 'Incoming', number: '+15550100999', name: 'Not yours', state: 'Connected' });
}
