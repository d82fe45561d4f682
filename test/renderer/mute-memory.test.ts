import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { SimulatedCallEngine } from '../../renderer/src/lib/calls/simulated-engine.svelte';
import type { SimulatedLine } from '../../renderer/src/lib/calls/simulated-line';
import { CallsState } from '../../renderer/src/lib/state/calls.svelte';
import { keepMuteAcrossReload } from '../../renderer/src/lib/state/mute-memory.svelte';
import { board, callView, fakeSoftphone } from '../support/fake-softphone';

/** The window's session storage, as a reload leaves it. */
function storage(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

/** A window just (re)loaded: the board from main, and a new phone. */
async function reloadedWindow(calls = [callView()]) {
  const fake = fakeSoftphone();
  fake.answer('calls.board', { ok: true, value: board(calls) });
  const state = new CallsState(fake.api);
  await state.load();
  const line = { setMuted: () => {}, connect: async () => {}, close: () => {} } as unknown as SimulatedLine;
  const engine = new SimulatedCallEngine(
    fake.api,
    () => state.calls,
    async () => line,
  );
  await engine.start();
  return { state, engine };
}

describe('mute kept across a window reload', () => {
  it('the call muted before the reload is muted on the new phone; unmuting forgets it', async () => {
    const { state, engine } = await reloadedWindow();
    const kept = storage({ 'evo.mutedCall': 'SE1' });
    const stop = keepMuteAcrossReload(
      () => engine,
      () => state.current,
      kept,
    );
    flushSync();
    expect(engine.muted).toBe(true);
    expect(kept.map.get('evo.mutedCall')).toBe('SE1');
    engine.setMuted(false);
    flushSync();
    expect(kept.map.has('evo.mutedCall')).toBe(false);
    engine.setMuted(true);
    flushSync();
    expect(kept.map.get('evo.mutedCall')).toBe('SE1');
    stop();
  });

  it('another call live after the reload is not muted for it, and the old one is forgotten', async () => {
    const { state, engine } = await reloadedWindow([callView({ id: 'SE2', displayName: 'Sam Caller' })]);
    const kept = storage({ 'evo.mutedCall': 'SE1' });
    const stop = keepMuteAcrossReload(
      () => engine,
      () => state.current,
      kept,
    );
    flushSync();
    expect(engine.muted).toBe(false);
    expect(kept.map.has('evo.mutedCall')).toBe(false);
    stop();
  });
});
