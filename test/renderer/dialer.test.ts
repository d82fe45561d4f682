import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Dialer from '../../renderer/src/lib/components/Dialer.svelte';

const props = (overrides: Record<string, unknown> = {}) => ({ recent: [], busy: false, error: null, onCall: vi.fn(), ...overrides });

describe('Dialer', () => {
  it('formats a pasted number and calls it in E.164', async () => {
    const p = props();
    render(Dialer, p);
    const field = screen.getByLabelText('Number') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'tel 555.010.0199 ' } });
    expect(field.value).toBe('(555) 010-0199');
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(p.onCall).toHaveBeenCalledWith('+15550100199');
  });

  it('builds a number from the keypad', async () => {
    const p = props();
    render(Dialer, p);
    for (const key of ['+', '4', '4', '7', '7', '0', '0', '9', '0', '0', '1', '2', '3']) {
      if (key === '+') await fireEvent.input(screen.getByLabelText('Number'), { target: { value: '+' } });
      else await fireEvent.click(screen.getByRole('button', { name: key }));
    }
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(p.onCall).toHaveBeenCalledWith('+447700900123');
  });

  it('explains an empty or impossible number instead of calling', async () => {
    const p = props();
    render(Dialer, p);
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(screen.getByRole('alert').textContent).toContain('Enter a number to call.');
    await fireEvent.input(screen.getByLabelText('Number'), { target: { value: '12' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(screen.getByRole('alert').textContent).toContain("doesn't look like a phone number");
    expect(p.onCall).not.toHaveBeenCalled();
  });

  it('shows a call in flight and the reason a call failed', () => {
    render(Dialer, props({ busy: true, error: 'Evo Voice is temporarily unavailable.' }));
    expect((screen.getByRole('button', { name: 'Calling…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('temporarily unavailable');
  });

  it('fills the field from a recent number', async () => {
    render(Dialer, props({ recent: ['+15550100123'] }));
    await fireEvent.click(screen.getByRole('button', { name: '+1 555 010 0123' }));
    expect((screen.getByLabelText('Number') as HTMLInputElement).value).toBe('+1 555 010 0123');
  });
});
