import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { simulatedOnly } from '../support/engines';
import type { CallView } from '../../electron/shared/contract';
import { callView, heldCaller, ringingCaller, defaultTestSettings, startedWindow } from '../support/fake-softphone';

afterEach(() => vi.restoreAllMocks());

const heldSince = new Date(Date.now() - 95_000).toISOString();
const jane = callView();
const acme = heldCaller(heldSince);
const sam = ringingCaller();

function compact(calls: CallView[]) {
  const fake = startedWindow(calls, { settings: { ...defaultTestSettings, compactWindow: true } });
  render(App, { api: fake.api, engines: simulatedOnly });
  return fake;
}

describe('compact view with several calls', () => {
  it('every caller with its timer: the live one and each held one, and Resume on a held one swaps', async () => {
    const fake = compact([acme, jane]);
    fake.answer('sessions.resume', { ok: true, value: {} });
    const view = await screen.findByRole('main', { name: 'Compact softphone' });
    expect(within(view).getByRole('timer', { name: 'Call time' }).textContent).toMatch(/^01:0\d$/);
    const held = within(view).getByRole('listitem', { name: 'Acme Corp' });
    expect(within(held).getByRole('timer', { name: 'Time on hold' }).textContent).toMatch(/^01:3\d$/);
    await fireEvent.click(within(held).getByRole('button', { name: 'Resume Acme Corp' }));
    expect(fake.calls.find((c) => c.channel === 'sessions.resume')!.payload).toEqual({ sessionId: 'H' });
  });

  it('a call ringing during a call: Hold & answer, End & answer and Decline, with the caller name and number', async () => {
    const fake = compact([jane, sam]);
    fake.answer('sessions.answer', { ok: true, value: {} });
    const ringing = await screen.findByRole('group', { name: 'Incoming call from Sam Caller' });
    expect(ringing.textContent).toContain('+1 555 010 0555');
    for (const name of ['Hold & answer', 'End & answer', 'Decline'])
      expect(within(ringing).getByRole('button', { name }).tagName).toBe('BUTTON');
    await fireEvent.click(within(ringing).getByRole('button', { name: 'End & answer' }));
    expect(fake.calls.find((c) => c.channel === 'sessions.answer')!.payload).toEqual({ sessionId: 'R', mode: 'end' });
  });

  it('focus stays on the controls after Hold: on Resume for the caller just held', async () => {
    const fake = compact([jane]);
    fake.answer('sessions.hold', () => {
      fake.emit('calls.changed', {
        version: 2,
        upserted: [{ ...jane, phase: 'held', callState: 'Hold', heldSince: new Date().toISOString(), heldByMe: true }],
        removed: [],
        currentId: null,
        lastHeldId: jane.id,
        connection: 'online',
        error: null,
      });
      return { ok: true, value: {} };
    });
    const view = await screen.findByRole('main', { name: 'Compact softphone' });
    const hold = within(view).getByRole('button', { name: 'Hold' });
    hold.focus();
    await fireEvent.click(hold);
    await vi.waitFor(() => expect(document.activeElement).toBe(within(view).getByRole('button', { name: 'Resume Jane Doe' })));
  });
});

describe('compact view: focus never lands where an Enter changes a call', () => {
  it('entering the compact view puts focus inside it (on the caller heading), not on the page', async () => {
    const fake = startedWindow([jane]);
    fake.answer('settings.update', (patch) => ({ ok: true, value: { ...defaultTestSettings, ...(patch as object) } }));
    render(App, { api: fake.api, engines: simulatedOnly });
    const button = await screen.findByRole('button', { name: 'Compact view' });
    button.focus();
    await fireEvent.click(button);
    const view = await screen.findByRole('main', { name: 'Compact softphone' });
    await vi.waitFor(() => expect(document.activeElement).toBe(within(view).getByRole('heading', { name: 'Jane Doe' })));
  });

  it('entering the compact view with no call puts focus on its "No call" heading', async () => {
    const fake = startedWindow([]);
    fake.answer('settings.update', (patch) => ({ ok: true, value: { ...defaultTestSettings, ...(patch as object) } }));
    render(App, { api: fake.api, engines: simulatedOnly });
    const button = await screen.findByRole('button', { name: 'Compact view' });
    button.focus();
    await fireEvent.click(button);
    const view = await screen.findByRole('main', { name: 'Compact softphone' });
    await vi.waitFor(() => expect(document.activeElement).toBe(within(view).getByRole('heading', { name: 'No call' })));
  });

  it('leaving the compact view puts focus on the button that brings it back, not on the page', async () => {
    const fake = startedWindow([jane]);
    fake.answer('settings.update', (patch) => ({ ok: true, value: { ...defaultTestSettings, ...(patch as object) } }));
    render(App, { api: fake.api, engines: simulatedOnly });
    await fireEvent.click(await screen.findByRole('button', { name: 'Compact view' }));
    const full = await screen.findByRole('button', { name: 'Full view' });
    full.focus();
    await fireEvent.click(full);
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Compact view' })));
  });

  it('after Resume focus goes to the resumed caller heading, not Hold: a second Enter holds nothing', async () => {
    const fake = compact([acme]);
    fake.answer('sessions.resume', () => {
      fake.emit('calls.changed', {
        version: 2,
        upserted: [{ ...acme, phase: 'live', callState: 'Connected', heldSince: null, heldByMe: false }],
        removed: [],
        currentId: acme.id,
        lastHeldId: null,
        connection: 'online',
        error: null,
      });
      return { ok: true, value: {} };
    });
    const view = await screen.findByRole('main', { name: 'Compact softphone' });
    const resume = within(view).getByRole('button', { name: 'Resume Acme Corp' });
    resume.focus();
    await fireEvent.click(resume);
    await vi.waitFor(() => expect(document.activeElement).toBe(within(view).getByRole('heading', { name: 'Acme Corp' })));
    // Settled: the refocus after the action does not move it on to Hold later.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(within(view).getByRole('heading', { name: 'Acme Corp' }));
  });

  it('after Answer focus goes to the answered caller heading, not Hold', async () => {
    const fake = compact([sam]);
    fake.answer('sessions.answer', () => {
      fake.emit('calls.changed', {
        version: 2,
        upserted: [{ ...sam, phase: 'live', callState: 'Connected', answeredAt: new Date().toISOString() }],
        removed: [],
        currentId: sam.id,
        lastHeldId: null,
        connection: 'online',
        error: null,
      });
      return { ok: true, value: {} };
    });
    const ringing = await screen.findByRole('group', { name: 'Incoming call from Sam Caller' });
    const answer = within(ringing).getByRole('button', { name: 'Answer' });
    answer.focus();
    await fireEvent.click(answer);
    const view = screen.getByRole('main', { name: 'Compact softphone' });
    await vi.waitFor(() => expect(document.activeElement).toBe(within(view).getByRole('heading', { name: 'Sam Caller' })));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(within(view).getByRole('heading', { name: 'Sam Caller' }));
  });
});
