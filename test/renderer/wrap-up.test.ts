import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { simulatedOnly } from '../support/engines';
import type { CallView, Settings } from '../../electron/shared/contract';
import { callView, defaultTestSettings, startedWindow, type fakeSoftphone } from '../support/fake-softphone';

function signedInWith(calls: CallView[], settings: Settings = defaultTestSettings) {
  const fake = startedWindow(calls, { settings });
  render(App, { api: fake.api, engines: simulatedOnly });
  return fake;
}

/** Main says these calls left the board. */
const gone = (fake: ReturnType<typeof fakeSoftphone>, ids: string[], version = 2) =>
  fake.emit('calls.changed', { version, upserted: [], removed: ids, currentId: null, lastHeldId: null, connection: 'online', error: null });

const prompt = () => screen.queryByRole('form', { name: /After the call with/ });

describe('notes after the call', () => {
  it('asks for a note and an outcome when a call ends, saves them, and goes away', async () => {
    const fake = signedInWith([callView({ id: 'JANE' })]);
    await screen.findByRole('region', { name: 'On call' });
    fake.answer('sessions.saveNote', (payload) => ({ ok: true, value: { ...(payload as object), savedAt: new Date().toISOString() } }));
    gone(fake, ['JANE']);
    const form = await screen.findByRole('form', { name: 'After the call with Jane Doe' });
    expect(
      within(form)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['No outcome', ...defaultTestSettings.wrapUp.outcomes]);
    const save = within(form).getByRole('button', { name: 'Save note' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.input(within(form).getByLabelText('Note'), { target: { value: 'Wants the invoice resent' } });
    await fireEvent.change(within(form).getByLabelText('Outcome'), { target: { value: 'Follow-up needed' } });
    await fireEvent.click(save);
    await vi.waitFor(() => expect(prompt()).toBeNull());
    expect(fake.calls.find((c) => c.channel === 'sessions.saveNote')!.payload).toEqual({
      sessionId: 'JANE',
      text: 'Wants the invoice resent',
      outcome: 'Follow-up needed',
    });
    expect(screen.getAllByRole('status').some((el) => el.textContent === 'Note saved for Jane Doe')).toBe(true);
  });

  it('a caller without a name is announced by their number grouped as shown, not as one long figure', async () => {
    const fake = signedInWith([callView({ id: 'BARE', displayName: '+15550100777', number: '+15550100777' })]);
    await screen.findByRole('region', { name: 'On call' });
    fake.answer('sessions.saveNote', (payload) => ({ ok: true, value: { ...(payload as object), savedAt: new Date().toISOString() } }));
    gone(fake, ['BARE']);
    const form = await screen.findByRole('form', { name: /After the call with/ });
    await fireEvent.input(within(form).getByLabelText('Note'), { target: { value: 'Wrong number' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));
    await vi.waitFor(() => expect(prompt()).toBeNull());
    expect(screen.getAllByRole('status').some((el) => el.textContent === 'Note saved for +1 555 010 0777')).toBe(true);
  });

  it('a failed save keeps what was typed and says why', async () => {
    const fake = signedInWith([callView({ id: 'JANE' })]);
    await screen.findByRole('region', { name: 'On call' });
    const message = "Couldn't save the note: the local cache could not be written. Your note is still here; try again.";
    fake.answer('sessions.saveNote', { ok: false, error: { code: 'NOTE_NOT_SAVED', message } });
    gone(fake, ['JANE']);
    const form = await screen.findByRole('form', { name: 'After the call with Jane Doe' });
    await fireEvent.input(within(form).getByLabelText('Note'), { target: { value: 'Call back Friday' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(message);
    expect((within(form).getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Call back Friday');
  });

  it('one call at a time, oldest first; Skip moves on', async () => {
    const fake = signedInWith([callView({ id: 'JANE' }), callView({ id: 'SAM', displayName: 'Sam Caller', phase: 'held' })]);
    await screen.findByRole('region', { name: 'On call' });
    gone(fake, ['JANE', 'SAM']);
    const form = await screen.findByRole('form', { name: 'After the call with Jane Doe' });
    expect(form.textContent).toContain('1 more call to wrap up');
    await fireEvent.click(within(form).getByRole('button', { name: 'Skip' }));
    await screen.findByRole('form', { name: 'After the call with Sam Caller' });
  });

  it('does not ask after a call that only rang, nor after a consult call', async () => {
    const fake = signedInWith([
      callView({ id: 'RANG', phase: 'ringingIn', callState: 'Ringing', answeredAt: null }),
      callView({ id: 'LEE', consultOf: 'JANE', displayName: 'Lee Wong' }),
    ]);
    await screen.findByRole('region', { name: 'On call' });
    gone(fake, ['RANG', 'LEE']);
    await Promise.resolve();
    expect(prompt()).toBeNull();
  });

  it('stays quiet when the prompt is turned off', async () => {
    const fake = signedInWith([callView({ id: 'JANE' })], {
      ...defaultTestSettings,
      wrapUp: { ...defaultTestSettings.wrapUp, prompt: false },
    });
    await screen.findByRole('region', { name: 'On call' });
    await vi.waitFor(() => expect(fake.calls.some((c) => c.channel === 'settings.get')).toBe(true));
    gone(fake, ['JANE']);
    await screen.findByLabelText('Number');
    expect(prompt()).toBeNull();
  });
});
