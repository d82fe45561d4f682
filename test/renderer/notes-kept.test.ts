import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../renderer/src/App.svelte';
import Dialer from '../../renderer/src/lib/components/Dialer.svelte';
import { simulatedOnly } from '../support/engines';
import type { CallView, NoteDraft } from '../../electron/shared/contract';
import { callView, sessionView, startedWindow, type fakeSoftphone } from '../support/fake-softphone';

type Fake = ReturnType<typeof fakeSoftphone>;

function windowWith(calls: CallView[], drafts: NoteDraft[] = []) {
  const fake = startedWindow(calls);
  fake.answer('notes.drafts', { ok: true, value: drafts });
  fake.answer('sessions.saveNote', (payload) => ({
    ok: true,
    value: { ...(payload as { text: string; outcome: string }), savedAt: new Date().toISOString() },
  }));
  render(App, { api: fake.api, engines: simulatedOnly });
  return fake;
}

/** Main says these calls left the board. */
const gone = (fake: Fake, ids: string[]) =>
  fake.emit('calls.changed', {
    version: 2,
    upserted: [],
    removed: ids,
    currentId: null,
    lastHeldId: null,
    connection: 'online',
    error: null,
  });

const sent = (fake: Fake, channel: string) => fake.calls.filter((call) => call.channel === channel).map((call) => call.payload);
const draft = (overrides: Partial<NoteDraft> = {}): NoteDraft => ({
  sessionId: 'JANE',
  name: 'Jane Doe',
  number: '+15550100199',
  text: '',
  outcome: '',
  ...overrides,
});

/** The controls Tab visits, in order (jsdom has no Tab: document order of what is focusable). */
function tabStops(): HTMLElement[] {
  const focusable = 'a[href], button, input, select, textarea, [tabindex]';
  return [...document.querySelectorAll<HTMLElement>(focusable)].filter(
    (element) =>
      element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled && !element.closest('[inert], fieldset:disabled, [hidden]'),
  );
}

describe('notes that cannot be lost (window)', () => {
  it('after a reload, the call waiting for its note comes back with what was typed', async () => {
    windowWith(
      [],
      [
        draft({ text: 'Wants the invoice resent', outcome: 'Follow-up needed' }),
        draft({ sessionId: 'SAM', name: 'Sam Caller', number: '+15550100123' }),
      ],
    );
    const form = await screen.findByRole('form', { name: 'After the call with Jane Doe' });
    expect((within(form).getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Wants the invoice resent');
    expect((within(form).getByLabelText('Outcome') as HTMLSelectElement).value).toBe('Follow-up needed');
    expect(form.textContent).toContain('1 more call to wrap up');
  });

  it('keeps the waiting call and every change of its draft in main; Skip lets main forget it', async () => {
    const fake = windowWith([callView({ id: 'JANE' })]);
    await screen.findByRole('region', { name: 'On call' });
    gone(fake, ['JANE']);
    const form = await screen.findByRole('form', { name: 'After the call with Jane Doe' });
    await vi.waitFor(() => expect(sent(fake, 'notes.keepDraft')).toEqual([draft()]));
    await fireEvent.input(within(form).getByLabelText('Note'), { target: { value: 'Wants' } });
    await fireEvent.change(within(form).getByLabelText('Outcome'), { target: { value: 'Resolved' } });
    expect(sent(fake, 'notes.keepDraft').at(-1)).toEqual(draft({ text: 'Wants', outcome: 'Resolved' }));
    await fireEvent.click(within(form).getByRole('button', { name: 'Skip' }));
    expect(sent(fake, 'notes.dropDraft')).toEqual([{ sessionId: 'JANE' }]);
  });

  it('a note too long says so before sending and keeps the text', async () => {
    const fake = windowWith([], [draft({ text: 'x'.repeat(2001) })]);
    const form = await screen.findByRole('form', { name: 'After the call with Jane Doe' });
    expect(form.textContent).toContain('2,001 of 2,000 characters');
    await fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The note is 2,001 characters long; the most is 2,000. Shorten it by 1 character: nothing was saved, your text is still here.',
    );
    expect(sent(fake, 'sessions.saveNote')).toEqual([]);
    expect((within(form).getByLabelText('Note') as HTMLTextAreaElement).value).toHaveLength(2001);
  });

  it('after Save note, focus goes to the next call’s note, then to the dialer, never the page', async () => {
    windowWith([], [draft({ text: 'One' }), draft({ sessionId: 'SAM', name: 'Sam Caller', text: 'Two' })]);
    let form = await screen.findByRole('form', { name: 'After the call with Jane Doe' });
    within(form).getByRole('button', { name: 'Save note' }).focus();
    await fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));
    form = await screen.findByRole('form', { name: 'After the call with Sam Caller' });
    await vi.waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Note')));
    await fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));
    await vi.waitFor(() => expect(screen.queryByRole('form', { name: /After the call with/ })).toBeNull());
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Number')));
  });

  it('the note is two Tab stops from the number (number, Call, Note for …), not past the keypad', async () => {
    windowWith([], [draft()]);
    const form = await screen.findByRole('form', { name: 'After the call with Jane Doe' });
    const stops = tabStops();
    const number = stops.indexOf(screen.getByLabelText('Number'));
    const toNote = screen.getByRole('button', { name: 'Note for Jane Doe' });
    expect(number).toBeGreaterThanOrEqual(0);
    expect(stops.indexOf(toNote) - number).toBe(2);
    await fireEvent.click(toNote);
    expect(document.activeElement).toBe(within(form).getByLabelText('Note'));
    // Nothing waits for a note: no such button.
    await fireEvent.click(within(form).getByRole('button', { name: 'Skip' }));
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: /Note for/ })).toBeNull());
  });

  it('a note saved from History ends the wait after the call: no older draft is left to overwrite it', async () => {
    const fake = windowWith([], [draft({ text: 'first thoughts' })]);
    await screen.findByRole('form', { name: 'After the call with Jane Doe' });
    const jane = sessionView({ id: 'JANE', ended: true, callState: 'Disconnected', dateCompleted: new Date().toISOString() });
    fake.answer('sessions.history', { ok: true, value: { items: [jane], page: 0, hasMore: false, source: 'cache' } });
    fake.answer('sessions.get', {
      ok: true,
      value: { ...jane, holdMs: 0, hygiene: { holds: 0, holdMs: 0, longestHoldMs: 0, checkIns: 0, overPromise: 0 } },
    });
    await fireEvent.click(screen.getByRole('tab', { name: /History/ }));
    await fireEvent.click(await screen.findByRole('button', { name: /Jane Doe/ }));
    const detail = await screen.findByRole('region', { name: 'Call details' });
    await fireEvent.click(within(detail).getByRole('button', { name: 'Add a note' }));
    await fireEvent.input(within(detail).getByLabelText('Note'), { target: { value: 'The final word' } });
    await fireEvent.click(within(detail).getByRole('button', { name: 'Save note' }));
    await vi.waitFor(() => expect(detail.textContent).toContain('The final word'));
    await fireEvent.click(screen.getByRole('tab', { name: /Phone/ }));
    await screen.findByLabelText('Number');
    expect(screen.queryByRole('form', { name: /After the call with/ })).toBeNull();
  });

  it('recent numbers show the caller’s name when a call gave one', () => {
    render(Dialer, {
      recent: ['+15550100199', '+15550100123'],
      names: { '+15550100199': 'Jane Doe', '+15550100123': '+15550100123' },
      busy: false,
      error: null,
      onCall: vi.fn(),
    });
    expect(screen.queryByRole('button', { name: 'Jane Doe +1 555 010 0199' })).not.toBeNull();
    expect(screen.queryByRole('button', { name: '+1 555 010 0123' })).not.toBeNull();
  });
});
