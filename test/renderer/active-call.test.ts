import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import ActiveCall from '../../renderer/src/lib/components/ActiveCall.svelte';
import type { CallView } from '../../electron/shared/contract';
import { callView } from '../support/fake-softphone';

const NOW = Date.parse('2026-11-24T10:00:00Z');

function props(overrides: Record<string, unknown> = {}, call: Partial<CallView> = {}) {
  return {
    call: callView({
      dateCreated: new Date(NOW - 95_000).toISOString(),
      answeredAt: new Date(NOW - 75_000).toISOString(),
      ...call,
    }),
    now: NOW,
    muted: false,
    quality: null,
    onHold: vi.fn(),
    onHoldForTransfer: vi.fn(),
    onHangUp: vi.fn(),
    onMute: vi.fn(),
    onDigits: vi.fn(),
    onTransfer: vi.fn(),
    onConsult: vi.fn(),
    onAddParticipant: vi.fn(),
    onLeave: vi.fn(),
    onRetry: vi.fn(),
    onDismiss: vi.fn(),
    ...overrides,
  };
}

describe('ActiveCall', () => {
  it('shows who, the number, the direction and the call time counted from the answer, not the ring', () => {
    render(ActiveCall, props());
    const region = screen.getByRole('region', { name: 'On call' });
    expect(region.textContent).toContain('Jane Doe');
    expect(region.textContent).toContain('+1 555 010 0199');
    expect(region.textContent).toContain('Incoming');
    const timer = screen.getByRole('timer', { name: 'Call time' });
    expect(timer.textContent).toBe('01:15');
  });

  it('an outgoing call still ringing says so, and cannot be held or transferred yet', () => {
    render(ActiveCall, props({}, { phase: 'dialing', callState: 'Ringing', answeredAt: null, direction: 'Outgoing' }));
    expect(screen.getByRole('region', { name: 'Calling' }).textContent).toContain('Ringing…');
    expect(screen.getByRole('timer', { name: 'Ringing time' }).textContent).toBe('01:35');
    for (const name of ['Hold', 'Hold for transfer', 'Transfer', 'Add participant']) {
      expect((screen.getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
    }
    expect((screen.getByRole('button', { name: 'Hang up' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers every control by its accessible name', () => {
    render(ActiveCall, props());
    for (const name of ['Mute', 'Keypad', 'Hold', 'Hold for transfer', 'Transfer', 'Add participant', 'Hang up']) {
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

  it('never locks Hang up behind another action, and says when Evo is slow', () => {
    const p = props({ slow: true }, { pending: 'hold' });
    render(ActiveCall, p);
    expect(screen.getByRole('status').textContent).toContain('slow to answer');
    const hangUp = screen.getByRole('button', { name: 'Hang up' }) as HTMLButtonElement;
    expect(hangUp.disabled).toBe(false);
    hangUp.click();
    expect(p.onHangUp).toHaveBeenCalledTimes(1);
  });

  it('Escape closes the keypad', async () => {
    render(ActiveCall, props());
    await fireEvent.click(screen.getByRole('button', { name: 'Keypad' }));
    const tones = screen.getByRole('group', { name: 'Tones' });
    await fireEvent.keyDown(tones, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Tones' })).toBeNull();
  });

  it('shows a hold in flight and refuses a second press', () => {
    const p = props({}, { pending: 'hold' });
    render(ActiveCall, p);
    const holding = screen.getByRole('button', { name: 'Holding…' }) as HTMLButtonElement;
    expect(holding.disabled).toBe(true);
    holding.click();
    expect(p.onHold).not.toHaveBeenCalled();
  });

  it('shows an unmistakable muted state: Unmute, and "Muted" announced', () => {
    const p = props({ muted: true });
    render(ActiveCall, p);
    expect(screen.getByRole('status').textContent).toContain('Muted');
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

  it('opening Transfer (or Add participant) puts focus in its number field, and the form sits above Hang up', async () => {
    render(ActiveCall, props());
    const hangUp = screen.getByRole('button', { name: 'Hang up' });
    for (const [toggle, field] of [
      ['Transfer', 'Transfer to'],
      ['Add participant', 'Add to the call'],
    ] as const) {
      const button = screen.getByRole('button', { name: toggle });
      button.focus();
      await fireEvent.click(button);
      const input = screen.getByLabelText(field);
      await tick();
      expect(document.activeElement).toBe(input);
      expect(input.compareDocumentPosition(hangUp) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
      await fireEvent.click(button);
    }
  });

  it('Escape closes the transfer form and puts focus back on Transfer, not on the page', async () => {
    render(ActiveCall, props());
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    const input = screen.getByLabelText('Transfer to');
    await tick();
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByLabelText('Transfer to')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Transfer' }));
  });

  it('Transfer offers Consult first beside Transfer now, with the same number rules', async () => {
    const p = props();
    render(ActiveCall, p);
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    const input = screen.getByLabelText('Transfer to');
    await fireEvent.input(input, { target: { value: 'Lee' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Consult first' }));
    expect(screen.getByRole('alert').textContent).toContain("doesn't look like a phone number");
    expect(p.onConsult).not.toHaveBeenCalled();
    await fireEvent.input(input, { target: { value: '(555) 010-0321' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Consult first' }));
    expect(p.onConsult).toHaveBeenCalledWith('+15550100321');
    expect(p.onTransfer).not.toHaveBeenCalled();
  });

  it('adds a participant by number', async () => {
    const p = props();
    render(ActiveCall, p);
    await fireEvent.click(screen.getByRole('button', { name: 'Add participant' }));
    await fireEvent.input(screen.getByLabelText('Add to the call'), { target: { value: '555 010 0321' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(p.onAddParticipant).toHaveBeenCalledWith('+15550100321');
  });

  it('a conference lists who is on it with their state, and offers Leave call beside Hang up', () => {
    const members = [
      { displayName: 'Jane Doe', identity: '', callSid: 'CA-jane', role: 'Caller', callState: 'Connected' },
      { displayName: 'Dana Agent', identity: 'client:dana', callSid: 'CA-agent', role: 'Agent', callState: 'Connected' },
      { displayName: '+15550100321', identity: '', callSid: 'CA-lee', role: 'Transfer', callState: 'Ringing' },
      { displayName: '+15550100999', identity: '', callSid: 'CA-gone', role: 'Transfer', callState: 'None' },
    ];
    const p = props({}, { conference: true, members });
    render(ActiveCall, p);
    const list = screen.getByRole('list', { name: 'Participants' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(['You On the call', 'Jane Doe Caller On the call', '+1 555 010 0321 Added Ringing…']);
    screen.getByRole('button', { name: 'Leave call' }).click();
    expect(p.onLeave).toHaveBeenCalled();
    expect(screen.getByText(/Hang up: the call ends for everyone/).tagName).toBe('P');
  });

  it('a two-party call has no participant list and no Leave call', () => {
    render(ActiveCall, props());
    expect(screen.queryByRole('list', { name: 'Participants' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Leave call' })).toBeNull();
  });

  it("shows the board's failure for this call, with Retry and Dismiss", () => {
    const message = "Couldn't put Jane Doe on hold: Evo answered 'Hold queue is unavailable'. Jane Doe can still hear you.";
    const p = props({}, { failure: { action: 'hold', message, code: 'EVO_SERVER_ERROR' } });
    render(ActiveCall, p);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(message);
    within(alert).getByRole('button', { name: 'Retry' }).click();
    within(alert).getByRole('button', { name: 'Dismiss' }).click();
    expect(p.onRetry).toHaveBeenCalled();
    expect(p.onDismiss).toHaveBeenCalled();
  });

  it('a refusal Evo asked us to wait out: Retry waits, off and described by the countdown, until the window ends', async () => {
    const refused = (message: string, waitMs?: number) => ({
      action: 'hold' as const,
      message,
      code: 'EVO_RATE_LIMITED' as const,
      ...(waitMs ? { waitMs } : {}),
    });
    const p = props(
      {},
      {
        failure: refused(
          "Couldn't put Jane Doe on hold: Evo Voice asked us to wait: try again in 0:25. Jane Doe can still hear you.",
          25_000,
        ),
      },
    );
    const { rerender } = render(ActiveCall, p);
    const retry = within(screen.getByRole('alert')).getByRole('button', { name: 'Retry' }) as HTMLButtonElement;
    expect(retry.disabled).toBe(true);
    expect(document.getElementById(retry.getAttribute('aria-describedby')!)!.textContent).toContain('try again in 0:25');
    // A press as the agent's (click() does nothing on a disabled button, as a real click).
    retry.click();
    expect(p.onRetry).not.toHaveBeenCalled();
    await rerender({
      ...p,
      call: {
        ...p.call,
        failure: refused("Couldn't put Jane Doe on hold: Evo Voice asked us to wait: you can try again now. Jane Doe can still hear you."),
      },
    });
    expect(retry.disabled).toBe(false);
    retry.click();
    expect(p.onRetry).toHaveBeenCalledOnce();
  });

  it('tells the agent about call quality in plain words', () => {
    render(ActiveCall, props({ quality: 'Your microphone seems silent' }));
    expect(screen.getByRole('status').textContent).toContain('Your microphone seems silent');
  });
});
