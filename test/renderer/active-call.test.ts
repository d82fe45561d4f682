import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ActiveCall from '../../renderer/src/lib/components/ActiveCall.svelte';
import { sessionView } from '../support/fake-softphone';

function props(overrides: Record<string, unknown> = {}) {
  return {
    session: sessionView({ dateCreated: new Date(Date.parse('2026-11-24T10:00:00Z') - 75_000).toISOString() }),
    now: Date.parse('2026-11-24T10:00:00Z'),
    pending: null,
    failure: null,
    muted: false,
    quality: null,
    onHold: vi.fn(),
    onHoldForTransfer: vi.fn(),
    onHangUp: vi.fn(),
    onMute: vi.fn(),
    onDigits: vi.fn(),
    onTransfer: vi.fn(),
    onRetry: vi.fn(),
    onDismiss: vi.fn(),
    ...overrides,
  };
}

describe('ActiveCall', () => {
  it('shows who, the number, the direction and the call time', () => {
    render(ActiveCall, props());
    const region = screen.getByRole('region', { name: 'On call' });
    expect(region.textContent).toContain('Jane Doe');
    expect(region.textContent).toContain('+1 555 010 0199');
    expect(region.textContent).toContain('Incoming');
    expect(screen.getByLabelText('Call time').textContent).toBe('01:15');
  });

  it('offers every control by its accessible name', () => {
    render(ActiveCall, props());
    for (const name of ['Mute', 'Keypad', 'Hold', 'Hold for transfer', 'Transfer', 'Hang up']) {
      expect(screen.getByRole('button', { name }).tagName).toBe('BUTTON');
    }
  });

  it('sends hold, hold for transfer and hang up', () => {
    const p = props();
    render(ActiveCall, p);
    screen.getByRole('button', { name: 'Hold' }).click();
    screen.getByRole('button', { name: 'Hold for transfer' }).click();
    screen.getByRole('button', { name: 'Hang up' }).click();
    expect(p.onHold).toHaveBeenCalledTimes(1);
    expect(p.onHoldForTransfer).toHaveBeenCalledTimes(1);
    expect(p.onHangUp).toHaveBeenCalledTimes(1);
  });

  it('shows a hold in flight and refuses a second press', () => {
    const p = props({ pending: 'hold' });
    render(ActiveCall, p);
    const holding = screen.getByRole('button', { name: 'Holding…' }) as HTMLButtonElement;
    expect(holding.disabled).toBe(true);
    holding.click();
    expect(p.onHold).not.toHaveBeenCalled();
  });

  it('shows Unmute while muted', () => {
    const p = props({ muted: true });
    render(ActiveCall, p);
    screen.getByRole('button', { name: 'Unmute' }).click();
    expect(p.onMute).toHaveBeenCalledWith(false);
  });

  it('sends DTMF tones from the keypad', () => {
    const p = props();
    render(ActiveCall, p);
    screen.getByRole('button', { name: 'Keypad' }).click();
    return Promise.resolve().then(() => {
      const tones = screen.getByRole('group', { name: 'Tones' });
      within(tones).getByRole('button', { name: '5' }).click();
      within(tones).getByRole('button', { name: '#' }).click();
      expect(p.onDigits.mock.calls).toEqual([['5'], ['#']]);
    });
  });

  it('transfers to a parsed number and refuses nonsense', async () => {
    const p = props();
    render(ActiveCall, p);
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    const input = screen.getByLabelText('Transfer to');
    await fireEvent.input(input, { target: { value: 'abc' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer now' }));
    expect(screen.getByRole('alert').textContent).toContain("doesn't look like a phone number");
    await fireEvent.input(input, { target: { value: '555-010-0777' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer now' }));
    expect(p.onTransfer).toHaveBeenCalledWith('+15550100777');
  });

  it('shows a failure with the server message and a Retry', () => {
    const p = props({ failure: { sessionId: 'SE1', action: 'hold', message: 'Hold queue is unavailable', code: 'EVO_SERVER_ERROR' } });
    render(ActiveCall, p);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Hold queue is unavailable');
    within(alert).getByRole('button', { name: 'Retry' }).click();
    expect(p.onRetry).toHaveBeenCalled();
  });

  it('tells the agent about call quality in plain words', () => {
    render(ActiveCall, props({ quality: 'Your microphone seems silent' }));
    expect(screen.getByRole('status').textContent).toContain('Your microphone seems silent');
  });
});
