import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/main/simulator/server';
import { coreFor, type TestCore } from '../../support/core';
import { signedInWorlds } from '../../support/signed-in';

let simulator: Simulator;
let t: TestCore;

const signedIn = signedInWorlds();

/** Signed in; Jane Doe's call has just ended. */
async function afterJanesCall() {
  ({ simulator, t } = await signedIn({ seed: { history: 3 } }));
  const jane = t.core.board.calls()[0]!.id;
  await t.value('sessions.end', { sessionId: jane });
  return jane;
}

describe('notes after the call', () => {
  it('saves a note and an outcome with the session; history finds the call by the note and shows it', async () => {
    const jane = await afterJanesCall();
    const saved = await t.value('sessions.saveNote', {
      sessionId: jane,
      text: '  Wants the invoice resent  ',
      outcome: 'Follow-up needed',
    });
    expect(saved).toMatchObject({ text: 'Wants the invoice resent', outcome: 'Follow-up needed' });
    const page = await t.value('sessions.history', { query: 'invoice resent' });
    expect(page.items.map((item) => [item.id, item.note?.text])).toEqual([[jane, 'Wants the invoice resent']]);
    expect((await t.value('sessions.get', { sessionId: jane })).note).toMatchObject({ outcome: 'Follow-up needed' });
    // The server's rows replace the cached ones; the note stays with its session.
    const fresh = await t.value('sessions.history', { fresh: true });
    expect(fresh.items.find((item) => item.id === jane)!.note?.text).toBe('Wants the invoice resent');
    expect(fresh.items.filter((item) => item.note !== null)).toHaveLength(1);
  });

  it('takes the outcomes from Settings, and refuses one that is not in the list', async () => {
    const jane = await afterJanesCall();
    expect(await t.call('sessions.saveNote', { sessionId: jane, text: '', outcome: 'Sold a yacht' })).toEqual({
      ok: false,
      error: { code: 'NOTE_UNKNOWN_OUTCOME', message: '"Sold a yacht" is not one of your outcomes. Pick one from the list.' },
    });
    await t.value('settings.update', { wrapUp: { outcomes: ['Sold a yacht', 'No sale'] } });
    expect(await t.value('sessions.saveNote', { sessionId: jane, text: '', outcome: 'Sold a yacht' })).toMatchObject({
      outcome: 'Sold a yacht',
    });
    expect((await t.value('settings.get')).wrapUp).toEqual({ prompt: true, outcomes: ['Sold a yacht', 'No sale'] });
  });

  it('refuses an empty note, and a note when signed out', async () => {
    const jane = await afterJanesCall();
    expect(await t.call('sessions.saveNote', { sessionId: jane, text: '   ', outcome: '' })).toMatchObject({
      ok: false,
      error: { code: 'NOTE_EMPTY' },
    });
    await t.value('auth.signOut');
    expect(await t.call('sessions.saveNote', { sessionId: jane, text: 'x', outcome: '' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUIRED' },
    });
  });

  it('the wrap-up prompt can be turned off in Settings, and stays off after a restart', async () => {
    await afterJanesCall();
    await t.value('settings.update', { wrapUp: { prompt: false } });
    const again = coreFor(simulator, { dataDir: t.dataDir });
    expect((await again.value('settings.get')).wrapUp.prompt).toBe(false);
    again.core.dispose();
  });
});
