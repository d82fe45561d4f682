import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import OtherCalls from '../../renderer/src/lib/components/OtherCalls.svelte';
import { callView } from '../support/fake-softphone';

describe('OtherCalls, for calls in a state this app does not know', () => {
  it('says what Evo reports ("Evo reports Parked"), with no live-call controls, and acts on the right call', async () => {
    const onResume = vi.fn();
    const onHold = vi.fn();
    const parked = callView({ id: 'P', phase: 'unknown', callState: 'Passive', evoState: 'Parked', displayName: 'Sam Caller' });
    render(OtherCalls, {
      title: 'Other calls',
      calls: [parked],
      buttons: [
        { label: 'Resume', kind: 'primary', run: onResume },
        { label: 'Hold', run: onHold },
      ],
      evoState: true,
      onDismiss: vi.fn(),
    });
    const item = screen.getByRole('listitem', { name: 'Sam Caller' });
    expect(item.textContent).toContain('Evo reports Parked');
    expect(within(item).queryByRole('button', { name: /Mute|Hang up/ })).toBeNull();
    await fireEvent.click(within(item).getByRole('button', { name: 'Resume' }));
    expect(onResume).toHaveBeenCalledWith(parked);
    await fireEvent.click(within(item).getByRole('button', { name: 'Hold' }));
    expect(onHold).toHaveBeenCalledWith(parked);
  });
});
