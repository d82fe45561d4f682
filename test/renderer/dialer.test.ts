import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Dialer from '../../renderer/src/lib/components/Dialer.svelte';
import { DialDraft } from '../../renderer/src/lib/state/dial-draft.svelte';

const props = (overrides: Record<string, unknown> = {}) => ({ recent: [], busy: false, error: null, onCall: vi.fn(), ...overrides });

describe('Dialer', () => {
  it('formats a pasted number and calls it in E.164', async () => {
    const p = props();
    render(Dialer, p);
    const field = screen.getByLabelText('Number') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'tel 555.010.0199 ' } });
    expect(field.value).toBe('(555) 010-0199');
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(p.onCall).toHaveBeenCalledWith('+15550100199', '');
  });

  it('builds a number from the keypad', async () => {
    const p = props();
    render(Dialer, p);
    for (const key of ['+', '4', '4', '7', '7', '0', '0', '9', '0', '0', '1', '2', '3']) {
      if (key === '+') await fireEvent.input(screen.getByLabelText('Number'), { target: { value: '+' } });
      else await fireEvent.click(screen.getByRole('button', { name: key }));
    }
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(p.onCall).toHaveBeenCalledWith('+447700900123', '');
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

  it('dials a vanity number as digits and says which ones under the field', async () => {
    const p = props();
    render(Dialer, p);
    const field = screen.getByLabelText('Number') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '1-800-FLOWERS' } });
    expect(field.value).toBe('1-800-FLOWERS');
    expect(field.getAttribute('aria-describedby')).toBe('dial-preview');
    expect(document.getElementById('dial-preview')!.textContent).toBe('Calls +1 800 356 9377');
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(p.onCall).toHaveBeenCalledWith('+18003569377', '');
  });

  it('keeps an extension and hands it over as tones to send after the call connects', async () => {
    const p = props();
    render(Dialer, p);
    await fireEvent.input(screen.getByLabelText('Number'), { target: { value: '555 010 0199 x12' } });
    expect((screen.getByLabelText('Number') as HTMLInputElement).value).toBe('(555) 010-0199 x12');
    expect(screen.getByText(/then dials 12/).id).toBe('dial-preview');
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(p.onCall).toHaveBeenCalledWith('+15550100199', ',12');
  });

  it('does not format a short code as an area code', async () => {
    const p = props();
    render(Dialer, p);
    for (const key of ['9', '1', '1']) await fireEvent.click(screen.getByRole('button', { name: key }));
    expect((screen.getByLabelText('Number') as HTMLInputElement).value).toBe('911');
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(p.onCall).toHaveBeenCalledWith('911', '');
  });

  it('puts Call right after the number in the tab order, before the keypad', () => {
    render(Dialer, props());
    const focusable = [...document.querySelectorAll<HTMLElement>('input, button')].filter((el) => el.tabIndex >= 0);
    expect(focusable.slice(0, 3)).toEqual([
      screen.getByLabelText('Number'),
      screen.getByRole('button', { name: 'Call' }),
      screen.getByRole('button', { name: '1' }),
    ]);
  });

  it('links the reason a number was refused to the field', async () => {
    render(Dialer, props());
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    const field = screen.getByLabelText('Number');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)!.textContent).toBe('Enter a number to call.');
  });

  it('keeps the typed number in its draft when the dialer goes away and comes back', async () => {
    const draft = new DialDraft();
    const first = render(Dialer, props({ draft }));
    await fireEvent.input(screen.getByLabelText('Number'), { target: { value: '5550100199' } });
    first.unmount();
    render(Dialer, props({ draft }));
    expect((screen.getByLabelText('Number') as HTMLInputElement).value).toBe('(555) 010-0199');
  });
});
