import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import HeldCalls from '../../renderer/src/lib/components/HeldCalls.svelte';
import { callView } from '../support/fake-softphone';

const now = Date.parse('2026-11-24T10:00:00Z');
const base = {
  now,
  reminders: [30, 60],
  onResume: vi.fn(),
  onHangUp: vi.fn(),
  onTransfer: vi.fn(),
  onConsult: vi.fn(),
  onRetry: vi.fn(),
  onDismiss: vi.fn(),
};
const held = (overrides: Parameters<typeof callView>[0] = {}) =>
  callView({ phase: 'held', callState: 'Hold', heldSince: new Date(now).toISOString(), ...overrides });

describe('HeldCalls', () => {
  it('says so when nothing is on hold', () => {
    render(HeldCalls, { ...base, held: [] });
    expect(screen.getByRole('region', { name: /Held calls/ }).textContent).toContain('No calls on hold.');
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
  });

  it('lists each held call with its hold time, who held it and why ("held by you" for the agent)', () => {
    const calls = [
      held({ id: 'A', heldSince: new Date(now - 12_000).toISOString(), heldBy: 'Dana Agent', heldByMe: true }),
      held({
        id: 'B',
        displayName: 'Acme Corp',
        phase: 'heldForTransfer',
        holdReason: 'Transferring',
        heldBy: 'Another agent',
        heldSince: new Date(now - 3_725_000).toISOString(),
      }),
    ];
    render(HeldCalls, { ...base, held: calls });
    const jane = screen.getByRole('listitem', { name: 'Jane Doe' });
    expect(within(jane).getByRole('timer', { name: 'Time on hold' }).textContent?.trim()).toBe('00:12');
    expect(jane.textContent).toContain('held by you');
    const acme = screen.getByRole('listitem', { name: 'Acme Corp' });
    expect(within(acme).getByRole('timer', { name: 'Time on hold' }).textContent?.trim()).toBe('1:02:05');
    expect(acme.textContent).toContain('held by Another agent');
    expect(acme.textContent).toContain('for transfer');
  });

  it('escalates with the reminders: plain, then "Waiting" after the first, "Waiting long" after the second', () => {
    const at = (seconds: number) =>
      held({ id: `S${seconds}`, displayName: `Caller ${seconds}`, heldSince: new Date(now - seconds * 1000).toISOString() });
    render(HeldCalls, { ...base, held: [at(10), at(35), at(70)] });
    const text = (name: string) => screen.getByRole('listitem', { name }).textContent ?? '';
    expect(text('Caller 10')).not.toMatch(/Waiting/);
    expect(text('Caller 35')).toMatch(/Waiting(?! long)/);
    expect(text('Caller 70')).toContain('Waiting long');
    expect(screen.getByRole('listitem', { name: 'Caller 70' }).className).toContain('level-2');
  });

  it('resumes the right call; hanging up a held call asks first', async () => {
    const onResume = vi.fn();
    const onHangUp = vi.fn();
    const calls = [held({ id: 'A' })];
    render(HeldCalls, { ...base, held: calls, onResume, onHangUp });
    await fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(onResume).toHaveBeenCalledWith(calls[0]);
    await fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(onHangUp).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Keep on hold' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, hang up' }));
    expect(onHangUp).toHaveBeenCalledWith(calls[0]);
  });

  it('offers Transfer only for a call held for transfer', async () => {
    const onTransfer = vi.fn();
    render(HeldCalls, {
      ...base,
      onTransfer,
      held: [held({ id: 'A' }), held({ id: 'B', displayName: 'Acme Corp', phase: 'heldForTransfer', holdReason: 'Transferring' })],
    });
    expect(within(screen.getByRole('listitem', { name: 'Jane Doe' })).queryByRole('button', { name: 'Transfer' })).toBeNull();
    const acme = screen.getByRole('listitem', { name: 'Acme Corp' });
    await fireEvent.click(within(acme).getByRole('button', { name: 'Transfer' }));
    await fireEvent.input(within(acme).getByLabelText('Transfer Acme Corp to'), { target: { value: '555-010-0777' } });
    await fireEvent.click(within(acme).getByRole('button', { name: 'Transfer now' }));
    expect(onTransfer.mock.calls[0]![1]).toBe('+15550100777');
  });

  it('shows a resume in flight and cannot be pressed again', () => {
    render(HeldCalls, { ...base, held: [held({ id: 'A', pending: 'resume' })] });
    const button = screen.getByRole('button', { name: 'Resuming…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
  });

  it("shows the board's failure for that call, with Retry", () => {
    const onRetry = vi.fn();
    const message = "Couldn't resume Jane Doe: Evo answered 'Session has ended'. Jane Doe is still on hold.";
    render(HeldCalls, { ...base, onRetry, held: [held({ id: 'A', failure: { action: 'resume', message, code: 'EVO_BAD_REQUEST' } })] });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(message);
    within(alert).getByRole('button', { name: 'Retry' }).click();
    expect(onRetry).toHaveBeenCalled();
  });
});

describe('HeldCall promise', () => {
  const promised = (minutes: number, endsInMs: number, overrides: Parameters<typeof callView>[0] = {}) =>
    held({ promise: { minutes, endsAt: new Date(now + endsInMs).toISOString() }, ...overrides });

  it('counts down to the promise, then says how late it is once, styled to be seen, and the select changes it', async () => {
    const onPromise = vi.fn();
    const { rerender } = render(HeldCalls, { ...base, held: [promised(1, 45_000)], onPromise });
    const card = screen.getByRole('listitem', { name: 'Jane Doe' });
    const countdown = within(card).getByRole('timer', { name: 'Promise for Jane Doe' });
    expect(countdown.textContent).toBe('Back in 0:45');
    expect(within(card).getByRole('status').textContent).toBe('');
    const select = within(card).getByLabelText('Promise') as HTMLSelectElement;
    expect([...select.options].map((option) => option.text)).toEqual(['1 min', '2 min', '5 min', '10 min']);
    select.value = '5';
    await fireEvent.change(select);
    expect(onPromise).toHaveBeenCalledWith(expect.objectContaining({ id: 'SE1' }), 5);
    await rerender({ ...base, held: [promised(1, -12_000)], onPromise });
    expect(countdown.textContent).toBe('Over by 0:12');
    expect(countdown.className).toContain('over');
    expect(card.className).toContain('level-2');
    expect(within(card).getByRole('status').textContent).toBe('Jane Doe: over the promised 1 min');
    await rerender({ ...base, now: now + 1_000, held: [promised(1, -12_000)], onPromise });
    expect(within(card).getByRole('status').textContent).toBe('Jane Doe: over the promised 1 min');
  });

  it('offers Check in and shows how many check-ins the call had', async () => {
    const onCheckIn = vi.fn();
    render(HeldCalls, { ...base, held: [promised(3, 60_000, { checkIns: 1 })], onCheckIn, onPromise: vi.fn() });
    const card = screen.getByRole('listitem', { name: 'Jane Doe' });
    expect(card.textContent).toContain('1 check-in');
    // The default from Settings (3 min) is offered beside the card's choices while it is the promise.
    expect([...(within(card).getByLabelText('Promise') as HTMLSelectElement).options].map((option) => option.value)).toEqual([
      '1',
      '2',
      '3',
      '5',
      '10',
    ]);
    await fireEvent.click(within(card).getByRole('button', { name: 'Check in' }));
    expect(onCheckIn).toHaveBeenCalledTimes(1);
  });
});
