import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import History from '../../renderer/src/lib/components/History.svelte';
import { HistoryState } from '../../renderer/src/lib/state/history.svelte';
import type { SessionView } from '../../electron/shared/contract';
import { fakeSoftphone, sessionView } from '../support/fake-softphone';

const OUTCOMES = ['Resolved', 'Follow-up needed'];
const saved = (text: string, outcome = '') => ({ text, outcome, savedAt: '2026-12-04T10:00:00.000Z' });

function setup(items: SessionView[], hidden = { count: 0, account: null as string | null }) {
  const fake = fakeSoftphone();
  fake.answer('sessions.history', { ok: true, value: { items, page: 0, hasMore: false, source: 'cache' } });
  fake.answer('sessions.get', (payload) => ({
    ok: true,
    value: {
      ...items.find((item) => item.id === (payload as { sessionId: string }).sessionId)!,
      holdMs: 0,
      hygiene: { holds: 0, holdMs: 0, longestHoldMs: 0, checkIns: 0, overPromise: 0 },
    },
  }));
  fake.answer('notes.hidden', { ok: true, value: hidden });
  const history = new HistoryState(fake.api);
  render(History, { history, now: Date.now(), outcomes: OUTCOMES, onCallBack: vi.fn() });
  return { fake, history };
}

const ended = (overrides: Partial<SessionView>) =>
  sessionView({ ended: true, callState: 'Disconnected', dateCompleted: new Date().toISOString(), ...overrides });

async function openDetail(history: HistoryState, name: RegExp) {
  await history.load(0);
  await fireEvent.click(await screen.findByRole('button', { name }));
  return screen.findByRole('region', { name: 'Call details' });
}

describe('notes in History', () => {
  it('edits a call’s note from its details: the row and the details show it, focus comes back to Edit note', async () => {
    const { fake, history } = setup([ended({ id: 'A', note: saved('Wants a refund', 'Resolved') })]);
    fake.answer('sessions.saveNote', (payload) => ({
      ok: true,
      value: saved((payload as { text: string }).text, (payload as { outcome: string }).outcome),
    }));
    const detail = await openDetail(history, /Jane Doe/);
    await fireEvent.click(within(detail).getByRole('button', { name: 'Edit note' }));
    const editor = within(detail).getByRole('form', { name: 'Edit the note' });
    const field = within(editor).getByLabelText('Note') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(field);
    expect(field.value).toBe('Wants a refund');
    await fireEvent.input(field, { target: { value: 'Refund sent on Friday' } });
    await fireEvent.change(within(editor).getByLabelText('Outcome'), { target: { value: 'Follow-up needed' } });
    await fireEvent.click(within(editor).getByRole('button', { name: 'Save note' }));
    await vi.waitFor(() => expect(within(detail).queryByRole('form')).toBeNull());
    expect(fake.calls.filter((call) => call.channel === 'sessions.saveNote').map((call) => call.payload)).toEqual([
      { sessionId: 'A', text: 'Refund sent on Friday', outcome: 'Follow-up needed' },
    ]);
    expect(detail.textContent).toContain('Refund sent on Friday');
    expect(history.items[0]!.note?.text).toBe('Refund sent on Friday');
    await vi.waitFor(() => expect(document.activeElement).toBe(within(detail).getByRole('button', { name: 'Edit note' })));
    // Said to a screen reader as the Phone tab's prompt says it.
    expect(within(detail).getByRole('status').textContent).toBe('Note saved for Jane Doe');
  });

  it('bad input gets a clear message and loses nothing: too long, then refused by main', async () => {
    const { fake, history } = setup([ended({ id: 'A' })]);
    const detail = await openDetail(history, /Jane Doe/);
    await fireEvent.click(within(detail).getByRole('button', { name: 'Add a note' }));
    const editor = within(detail).getByRole('form', { name: 'Edit the note' });
    const field = within(editor).getByLabelText('Note') as HTMLTextAreaElement;
    const long = 'y'.repeat(2010);
    await fireEvent.input(field, { target: { value: long } });
    await fireEvent.click(within(editor).getByRole('button', { name: 'Save note' }));
    expect(within(editor).getByRole('alert').textContent).toBe(
      'The note is 2,010 characters long; the most is 2,000. Shorten it by 10 characters: nothing was saved, your text is still here.',
    );
    expect(fake.calls.some((call) => call.channel === 'sessions.saveNote')).toBe(false);
    expect(field.value).toBe(long);
    // Shortened, but the disk refuses it: main's words, the text still there.
    const message = "Couldn't save the note: the local cache could not be written. Your note is still here; try again.";
    fake.answer('sessions.saveNote', { ok: false, error: { code: 'NOTE_NOT_SAVED', message } });
    await fireEvent.input(field, { target: { value: 'Short now' } });
    await fireEvent.click(within(editor).getByRole('button', { name: 'Save note' }));
    await vi.waitFor(() => expect(within(editor).getByRole('alert').textContent).toBe(message));
    expect(field.value).toBe('Short now');
  });

  it('marks the calls with a note, a consult or a transfer, in the text and in the row’s accessible name', async () => {
    const { history } = setup([
      ended({ id: 'N', displayName: 'Noted Caller', note: saved('x') }),
      ended({
        id: 'C',
        displayName: 'Consulted Caller',
        log: [{ date: new Date().toISOString(), message: 'Call placed on hold by Dana Agent for transfer' }],
      }),
      ended({
        id: 'T',
        displayName: 'Moved Caller',
        log: [{ date: new Date().toISOString(), message: 'Transferred to +15550100777 by Dana Agent' }],
      }),
      ended({ id: 'P', displayName: 'Plain Caller' }),
    ]);
    await history.load(0);
    const name = (who: string) => screen.getByRole('button', { name: new RegExp(who) }).textContent!.replace(/\s+/g, ' ');
    expect(name('Noted Caller')).toContain('incoming · note');
    expect(name('Consulted Caller')).toContain('incoming · consulted');
    expect(name('Moved Caller')).toContain('incoming · transferred');
    expect(name('Plain Caller')).not.toMatch(/note|consulted|transferred/);
    expect(screen.queryByRole('button', { name: /Moved Caller.*transferred/ })).not.toBeNull();
  });

  it('says how many notes of another account are hidden, and as whom to sign in to see them', async () => {
    setup([], { count: 3, account: 'dana@example.com on evovoice.io' });
    const notice = await screen.findByRole('note');
    expect(notice.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      '3 notes from another account are hidden. Sign in as dana@example.com on evovoice.io to see them.',
    );
  });
});
