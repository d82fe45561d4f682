import { describe, expect, it } from 'vitest';
import { SessionsState } from '../../renderer/src/lib/state/sessions.svelte';
import { deferred, fakeSoftphone, sessionView } from '../support/fake-softphone';

describe('SessionsState', () => {
  it('sends a double-pressed hold once while the first is in flight', async () => {
    const fake = fakeSoftphone();
    const gate = deferred<unknown>();
    const call = sessionView();
    fake.answer('sessions.hold', async () => {
      await gate.promise;
      return { ok: true, value: { ...call, held: true, heldSince: new Date().toISOString() } };
    });
    const state = new SessionsState(fake.api);
    const first = state.hold(call);
    const second = state.hold(call);
    expect(state.isBusy(call.id)).toBe(true);
    gate.resolve(null);
    expect(await first).toBe(true);
    expect(await second).toBe(false);
    expect(fake.calls.filter((c) => c.channel === 'sessions.hold')).toHaveLength(1);
    expect(state.held.map((s) => s.id)).toEqual([call.id]);
    expect(state.isBusy(call.id)).toBe(false);
  });

  it('keeps the failure for Retry, and Retry sends the same action again', async () => {
    const fake = fakeSoftphone();
    const call = sessionView();
    fake.answer('sessions.resume', { ok: false, error: { code: 'EVO_TIMEOUT', message: 'Evo Voice did not answer within 10 s.' } });
    const state = new SessionsState(fake.api);
    expect(await state.resume(call)).toBe(false);
    expect(state.failure).toMatchObject({ sessionId: call.id, action: 'resume', code: 'EVO_TIMEOUT' });
    expect(state.announcement).toContain('Could not resume the call');
    fake.answer('sessions.resume', { ok: true, value: call });
    expect(await state.retry()).toBe(true);
    expect(state.failure).toBeNull();
    expect(state.announcement).toBe('Call resumed');
    expect(fake.calls.filter((c) => c.channel === 'sessions.resume')).toHaveLength(2);
  });
});
