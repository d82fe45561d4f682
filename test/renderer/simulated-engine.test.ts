import { describe, expect, it } from 'vitest';
import { SimulatedCallEngine } from '../../renderer/src/lib/calls/simulated-engine.svelte';
import { fakeSoftphone, sessionView } from '../support/fake-softphone';

describe('simulated call engine (demo mode)', () => {
  it('sends the digits dialled after the number as soon as the session exists', async () => {
    const fake = fakeSoftphone();
    fake.answer('sessions.create', { ok: true, value: sessionView({ direction: 'Outgoing' }) });
    const engine = new SimulatedCallEngine(fake.api);
    await engine.start();
    expect((await engine.dial('+15550100199', ',12#')).ok).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'sessions.create')!.payload).toEqual({ to: '+15550100199' });
    expect(engine.sentDigits).toBe('12#');
  });

  it('sends nothing when the call could not be placed', async () => {
    const fake = fakeSoftphone();
    fake.answer('sessions.create', { ok: false, error: { code: 'EVO_UNAVAILABLE', message: 'Evo Voice is temporarily unavailable.' } });
    const engine = new SimulatedCallEngine(fake.api);
    await engine.start();
    expect((await engine.dial('+15550100199', ',12')).ok).toBe(false);
    expect(engine.sentDigits).toBe('');
  });
});
