import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { simulatedOnly } from '../support/engines';
import type { CallView } from '../../electron/shared/contract';
import { callView, startedWindow } from '../support/fake-softphone';
import { windowPressesApart } from '../support/presses';

const heldSince = new Date(Date.now() - 42_000).toISOString();
const jane = callView({ id: 'JANE', phase: 'heldForTransfer', callState: 'Hold', holdReason: 'Transferring', heldSince, heldByMe: true });
const lee = (fields: Partial<CallView> = {}) =>
  callView({ id: 'LEE', displayName: '+1 555 010 0321', number: '+15550100321', direction: 'Outgoing', consultOf: 'JANE', ...fields });

function signedInWith(calls: CallView[], currentId?: string) {
  const fake = startedWindow(calls, { currentId });
  render(App, { api: fake.api, engines: simulatedOnly });
  return fake;
}

afterEach(() => vi.restoreAllMocks());

describe('a consult in the window', () => {
  it('shows the pair together: the consulted person live, the caller on hold for transfer with its timer', async () => {
    signedInWith([jane, lee()]);
    const consult = await screen.findByRole('region', { name: 'Consult' });
    expect(consult.textContent).toContain('Talking to +1 555 010 0321 about Jane Doe');
    expect(consult.textContent).toContain('on hold for transfer');
    expect(within(consult).getByRole('timer', { name: 'Time on hold' }).textContent).toMatch(/^00:4\d$/);
    expect(screen.getByRole('region', { name: 'On call' }).textContent).toContain('+1 555 010 0321');
    // The caller is shown with the consult, not a second time among the held calls.
    expect(screen.getByText('No calls on hold.').tagName).toBe('P');
  });

  it('Complete transfer, Merge and Cancel go to main for the consult call', async () => {
    const fake = signedInWith([jane, lee()]);
    for (const channel of ['sessions.completeTransfer', 'sessions.merge', 'sessions.cancelConsult'])
      fake.answer(channel, { ok: true, value: {} });
    const consult = await screen.findByRole('region', { name: 'Consult' });
    // Three presses one after another on purpose: not the slips the double-press guard ignores.
    windowPressesApart();
    for (const name of ['Complete transfer', 'Merge', 'Cancel']) await fireEvent.click(within(consult).getByRole('button', { name }));
    expect(fake.calls.filter((c) => c.channel.startsWith('sessions.') && c.channel !== 'sessions.recentNumbers')).toEqual([
      { channel: 'sessions.completeTransfer', payload: { sessionId: 'LEE' } },
      { channel: 'sessions.merge', payload: { sessionId: 'LEE' } },
      { channel: 'sessions.cancelConsult', payload: { sessionId: 'LEE' } },
    ]);
  });

  it('while the consult still rings, only Cancel can be pressed', async () => {
    signedInWith([jane, lee({ phase: 'dialing', callState: 'Ringing', answeredAt: null })], 'LEE');
    const consult = await screen.findByRole('region', { name: 'Consult' });
    expect(consult.textContent).toContain('Calling +1 555 010 0321 about Jane Doe');
    const disabled = (name: string) => (within(consult).getByRole('button', { name }) as HTMLButtonElement).disabled;
    expect([disabled('Complete transfer'), disabled('Merge'), disabled('Cancel')]).toEqual([true, true, false]);
  });

  it('Consult first on the live call holds it for transfer through main, then dials the number main answers', async () => {
    const fake = signedInWith([callView({ id: 'JANE' })]);
    fake.answer('sessions.consult', { ok: true, value: { destination: '+15550100321' } });
    fake.answer('sessions.create', { ok: true, value: {} });
    const call = await screen.findByRole('region', { name: 'On call' });
    await fireEvent.click(within(call).getByRole('button', { name: 'Transfer' }));
    await fireEvent.input(within(call).getByLabelText('Transfer to'), { target: { value: '555-010-0321' } });
    await fireEvent.click(within(call).getByRole('button', { name: 'Consult first' }));
    await vi.waitFor(() => expect(fake.calls.some((c) => c.channel === 'sessions.create')).toBe(true));
    expect(fake.calls.filter((c) => ['sessions.consult', 'sessions.create'].includes(c.channel))).toEqual([
      { channel: 'sessions.consult', payload: { sessionId: 'JANE', destination: '+15550100321', callSid: 'CA-agent' } },
      { channel: 'sessions.create', payload: { to: '+15550100321' } },
    ]);
  });

  it('a refused consult dials nobody and says why on the call', async () => {
    const fake = signedInWith([callView({ id: 'JANE' })]);
    const message = "Couldn't hold Jane Doe for transfer: Evo answered 'Hold is disabled'. Jane Doe can still hear you.";
    fake.answer('sessions.consult', () => {
      fake.emit('calls.changed', {
        version: 2,
        upserted: [callView({ id: 'JANE', failure: { action: 'holdForTransfer', code: 'EVO_FORBIDDEN', message } })],
        removed: [],
        currentId: 'JANE',
        lastHeldId: null,
        connection: 'online',
        error: null,
      });
      return { ok: false, error: { code: 'EVO_FORBIDDEN', message } };
    });
    const call = await screen.findByRole('region', { name: 'On call' });
    await fireEvent.click(within(call).getByRole('button', { name: 'Transfer' }));
    await fireEvent.input(within(call).getByLabelText('Transfer to'), { target: { value: '555-010-0321' } });
    await fireEvent.click(within(call).getByRole('button', { name: 'Consult first' }));
    expect((await within(call).findByRole('alert')).textContent).toContain(message);
    expect(fake.calls.some((c) => c.channel === 'sessions.create')).toBe(false);
  });
});
