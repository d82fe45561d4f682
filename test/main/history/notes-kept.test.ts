import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/main/simulator/server';
import { coreFor, type TestCore } from '../../support/core';
import { DEMO, signedInWorlds } from '../../support/signed-in';

let simulator: Simulator;
let t: TestCore;

const signedIn = signedInWorlds();
const OTHER = { email: 'other@evosoftphone.local', password: 'other' };

/** Signed in as the demo agent; Jane Doe's call has just ended. */
async function afterJanesCall() {
  ({ simulator, t } = await signedIn({ seed: { history: 3 } }));
  const jane = t.core.board.calls()[0]!.id;
  await t.value('sessions.end', { sessionId: jane });
  return jane;
}

const janeDraft = (jane: string, text: string) => ({ sessionId: jane, name: 'Jane Doe', number: '+15550100199', text, outcome: '' });

describe('notes that cannot be lost', () => {
  it('signing in as another account hides the notes and says whose they are; signing back in shows them again', async () => {
    const jane = await afterJanesCall();
    await t.value('sessions.saveNote', { sessionId: jane, text: 'Wants the invoice resent', outcome: '' });
    await t.value('auth.signOut');
    await t.value('auth.signIn', { server: simulator.url, ...OTHER, remember: false });
    const theirs = await t.value('sessions.history', { fresh: true });
    expect(theirs.items.filter((item) => item.note !== null)).toEqual([]);
    expect(await t.value('notes.hidden')).toEqual({ count: 1, account: `${DEMO.email} on ${new URL(simulator.url).host}` });

    await t.value('auth.signOut');
    await t.value('auth.signIn', { server: simulator.url, ...DEMO, remember: false });
    const mine = await t.value('sessions.history', { fresh: true });
    expect(mine.items.find((item) => item.id === jane)?.note?.text).toBe('Wants the invoice resent');
    expect((await t.value('sessions.get', { sessionId: jane })).note?.text).toBe('Wants the invoice resent');
    expect(await t.value('notes.hidden')).toEqual({ count: 0, account: null });
  });

  it('a call the agent talked on waits for its note from the moment it ends, with no window to see it; not for calls a sign-out took off the board, nor with the prompt off', async () => {
    ({ simulator, t } = await signedIn({ seed: { history: 3 } }));
    const jane = t.core.board.calls()[0]!.id;
    expect(t.core.board.get(jane)?.answeredAt).not.toBeNull();
    // Signing out takes Jane's live call off the board: it did not end.
    await t.value('auth.signOut');
    await t.value('auth.signIn', { server: simulator.url, ...DEMO, remember: false });
    await t.core.sync.syncNow();
    expect(t.core.board.get(jane)).toBeDefined();
    expect(await t.value('notes.drafts')).toEqual([]);

    await t.value('sessions.end', { sessionId: jane });
    expect(await t.value('notes.drafts')).toEqual([janeDraft(jane, '')]);
    // The window opening the same prompt keeps what main has, and what is typed after.
    await t.value('notes.keepDraft', janeDraft(jane, 'typed'));
    expect(await t.value('notes.drafts')).toEqual([janeDraft(jane, 'typed')]);
    await t.value('notes.dropDraft', { sessionId: jane });

    await t.value('settings.update', { wrapUp: { prompt: false } });
    const sam = simulator.ring(DEMO.email, { number: '+15550100555', name: 'Sam Caller' });
    await t.core.sync.syncNow();
    await t.value('sessions.answer', { sessionId: sam });
    expect(t.core.board.get(sam)?.answeredAt).not.toBeNull();
    await t.value('sessions.end', { sessionId: sam });
    expect(t.core.board.get(sam)).toBeUndefined();
    expect(await t.value('notes.drafts')).toEqual([]);
  });

  it('a call waiting for its note, and what was typed, come back after a restart; Save ends the wait', async () => {
    const jane = await afterJanesCall();
    await t.value('notes.keepDraft', janeDraft(jane, ''));
    await t.value('notes.keepDraft', janeDraft(jane, 'Wants the invoice'));
    t.core.dispose();

    const again = coreFor(simulator, { dataDir: t.dataDir });
    t = again;
    await again.value('auth.signIn', { server: simulator.url, ...DEMO, remember: false });
    expect(await again.value('notes.drafts')).toEqual([janeDraft(jane, 'Wants the invoice')]);
    await again.value('sessions.saveNote', { sessionId: jane, text: 'Wants the invoice', outcome: '' });
    expect(await again.value('notes.drafts')).toEqual([]);
    again.core.dispose();
  });

  it('drafts are the signed-in agent’s own: another account does not see them, and Skip removes them', async () => {
    const jane = await afterJanesCall();
    await t.value('notes.keepDraft', janeDraft(jane, 'half a thought'));
    await t.value('auth.signOut');
    await t.value('auth.signIn', { server: simulator.url, ...OTHER, remember: false });
    expect(await t.value('notes.drafts')).toEqual([]);
    await t.value('auth.signOut');
    await t.value('auth.signIn', { server: simulator.url, ...DEMO, remember: false });
    expect(await t.value('notes.drafts')).toEqual([janeDraft(jane, 'half a thought')]);
    await t.value('notes.dropDraft', { sessionId: jane });
    expect(await t.value('notes.drafts')).toEqual([]);
    await t.value('auth.signOut');
    expect(await t.call('notes.drafts')).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
  });

  it('a note too long is refused with its length and the limit, and the draft is kept', async () => {
    const jane = await afterJanesCall();
    const long = 'a'.repeat(2003);
    await t.value('notes.keepDraft', janeDraft(jane, long));
    expect(await t.call('sessions.saveNote', { sessionId: jane, text: long, outcome: '' })).toEqual({
      ok: false,
      error: {
        code: 'NOTE_TOO_LONG',
        message:
          'The note is 2,003 characters long; the most is 2,000. Shorten it by 3 characters: nothing was saved, your text is still here.',
      },
    });
    expect(await t.value('notes.drafts')).toEqual([janeDraft(jane, long)]);
    // An emoji is one character to the agent (two UTF-16 units): 2,000 of them is a note.
    expect(await t.value('sessions.saveNote', { sessionId: jane, text: '🙂'.repeat(2000), outcome: '' })).toMatchObject({ outcome: '' });
  });

  it('what the notes keep in SQLite names the account but holds no password, in the file or its journal', async () => {
    const jane = await afterJanesCall();
    const password = 'Kx7-unguessable-pw-2291';
    simulator.state.addUser({ ...simulator.state.userByEmail(DEMO.email)!, id: 'usr-kim', email: 'kim@example.com', password });
    await t.value('auth.signOut');
    await t.value('auth.signIn', { server: simulator.url, email: 'kim@example.com', password, remember: true });
    await t.value('sessions.saveNote', { sessionId: jane, text: 'Kim was here', outcome: '' });
    await t.value('notes.keepDraft', janeDraft(jane, 'Kim typing'));
    await t.value('auth.signOut');
    await t.value('auth.signIn', { server: simulator.url, ...DEMO, remember: false });
    expect((await t.value('notes.hidden')).account).toBe(`kim@example.com on ${new URL(simulator.url).host}`);
    const file = join(t.dataDir, 'session-cache.sqlite');
    const bytes = ['', '-wal']
      .filter((suffix) => existsSync(file + suffix))
      .map((suffix) => readFileSync(file + suffix).toString('latin1'));
    expect(bytes.join('')).toContain('Kim was here');
    expect(bytes.join('')).not.toContain(password);
  });

  it('recent numbers come with the name of their newest named call', async () => {
    await afterJanesCall();
    const contacts = await t.value('history.recentContacts');
    expect(contacts.map((contact) => contact.number)).toEqual(await t.value('sessions.recentNumbers'));
    expect(contacts).toContainEqual({ number: '+15550100199', name: 'Jane Doe' });
  });
});
