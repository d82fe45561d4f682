import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import HeldCalls from '../../renderer/src/lib/components/HeldCalls.svelte';
import { sessionView } from '../support/fake-softphone';

const now = Date.parse('2026-11-24T10:00:00Z');
const base = { now, pending: {}, failure: null, onResume: vi.fn(), onHangUp: vi.fn(), onRetry: vi.fn() };

describe('HeldCalls', () => {
  it('says so when nothing is on hold', () => {
    render(HeldCalls, { ...base, held: [] });
    expect(screen.getByRole('region', { name: /Held calls/ }).textContent).toContain('No calls on hold.');
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
  });

  it('lists each held call with its hold time, who held it and why', () => {
    const held = [
      sessionView({ id: 'A', held: true, heldSince: new Date(now - 92_000).toISOString(), heldBy: 'Dana Agent' }),
      sessionView({ id: 'B', displayName: 'Acme Corp', held: true, holdReason: 'Transferring', heldSince: new Date(now - 3_725_000).toISOString() }),
    ];
    render(HeldCalls, { ...base, held });
    const jane = screen.getByRole('listitem', { name: 'Jane Doe' });
    expect(within(jane).getByLabelText('Time on hold').textContent?.trim()).toBe('01:32');
    expect(jane.textContent).toContain('held by Dana Agent');
    const acme = screen.getByRole('listitem', { name: 'Acme Corp' });
    expect(within(acme).getByLabelText('Time on hold').textContent?.trim()).toBe('1:02:05');
    expect(acme.textContent).toContain('for transfer');
  });

  it('resumes and hangs up the right call', async () => {
    const onResume = vi.fn();
    const onHangUp = vi.fn();
    const held = [sessionView({ id: 'A', held: true, heldSince: new Date(now).toISOString() })];
    render(HeldCalls, { ...base, held, onResume, onHangUp });
    screen.getByRole('button', { name: 'Resume' }).click();
    screen.getByRole('button', { name: 'Hang up' }).click();
    expect(onResume).toHaveBeenCalledWith(held[0]);
    expect(onHangUp).toHaveBeenCalledWith(held[0]);
  });

  it('shows a resume in flight and cannot be pressed again', () => {
    const held = [sessionView({ id: 'A', held: true, heldSince: new Date(now).toISOString() })];
    render(HeldCalls, { ...base, held, pending: { A: 'resume' } });
    const button = screen.getByRole('button', { name: 'Resuming…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
  });

  it('shows a failed resume with the server message and Retry', () => {
    const onRetry = vi.fn();
    const held = [sessionView({ id: 'A', held: true, heldSince: new Date(now).toISOString() })];
    render(HeldCalls, {
      ...base,
      held,
      onRetry,
      failure: { sessionId: 'A', action: 'resume', message: 'Session has ended', code: 'EVO_BAD_REQUEST' },
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Session has ended');
    within(alert).getByRole('button', { name: 'Retry' }).click();
    expect(onRetry).toHaveBeenCalled();
  });
});
