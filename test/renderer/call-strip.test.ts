import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { simulatedOnly } from '../support/engines';
import type { CallView } from '../../electron/shared/contract';
import { callView, heldCaller, ringingCaller, startedWindow } from '../support/fake-softphone';

afterEach(() => vi.restoreAllMocks());

const heldSince = new Date(Date.now() - 75_000).toISOString();
const jane = callView();
const acme = heldCaller(heldSince);
const sam = ringingCaller();

function opened(calls: CallView[]) {
  const fake = startedWindow(calls);
  fake.answer('sessions.history', { ok: true, value: { items: [], page: 0, hasMore: false, source: 'cache' } });
  render(App, { api: fake.api, engines: simulatedOnly });
  return fake;
}

describe('the call strip: the call in sight on every tab', () => {
  for (const tab of ['History', 'Settings']) {
    it(`on ${tab}: the live caller with the call timer, Hold, Mute and Hang up, and each held caller with its hold timer and Resume`, async () => {
      const fake = opened([acme, jane]);
      fake.answer('sessions.hold', { ok: true, value: {} });
      fake.answer('sessions.resume', { ok: true, value: {} });
      await fireEvent.click(await screen.findByRole('tab', { name: new RegExp(`^${tab}`) }));
      const strip = await screen.findByRole('region', { name: 'Call strip' });
      expect(strip.textContent).toContain('Jane Doe');
      expect(within(strip).getByRole('timer', { name: 'Call time' }).textContent).toMatch(/^01:0\d$/);
      for (const name of ['Hold', 'Mute', 'Hang up']) expect(within(strip).getByRole('button', { name }).tagName).toBe('BUTTON');
      const held = within(strip).getByRole('listitem', { name: 'Acme Corp' });
      expect(within(held).getByRole('timer', { name: 'Time on hold' }).textContent).toMatch(/^01:1\d$/);
      await fireEvent.click(within(strip).getByRole('button', { name: 'Hold' }));
      expect(fake.calls.find((c) => c.channel === 'sessions.hold')!.payload).toMatchObject({ sessionId: 'SE1', reason: 'None' });
      // Still on the tab the agent chose: the strip is for acting without leaving it.
      expect(screen.getByRole('tab', { name: new RegExp(`^${tab}`) }).getAttribute('aria-selected')).toBe('true');
    });
  }

  it('is not on the Phone tab, where the full call card is', async () => {
    opened([jane]);
    await screen.findByRole('region', { name: 'On call' });
    expect(screen.queryByRole('region', { name: 'Call strip' })).toBeNull();
  });

  it("the Phone tab's badge counts live and ringing calls, not only held ones", async () => {
    opened([acme, jane, sam]);
    await screen.findByRole('region', { name: 'On call' });
    const phone = screen.getByRole('tab', { name: /^Phone/ });
    // Seen as a number, read as what it counts.
    expect(within(phone).getByText(', 1 on call, 1 ringing, 1 on hold').className).toContain('visually-hidden');
    expect(within(phone).getByText('3').getAttribute('aria-hidden')).toBe('true');
  });

  it('answering from the banner in Settings goes to the Phone tab, with the call there', async () => {
    const fake = opened([sam]);
    fake.answer('sessions.answer', () => {
      fake.emit('calls.changed', {
        version: 2,
        upserted: [{ ...sam, phase: 'live', callState: 'Connected', answeredAt: new Date().toISOString() }],
        removed: [],
        currentId: 'R',
        lastHeldId: null,
        connection: 'online',
        error: null,
      });
      return { ok: true, value: {} };
    });
    await fireEvent.click(await screen.findByRole('tab', { name: /^Settings/ }));
    const banner = await screen.findByRole('region', { name: 'Incoming call' });
    await fireEvent.click(within(banner).getByRole('button', { name: 'Answer' }));
    await vi.waitFor(() => expect(screen.getByRole('tab', { name: /^Phone/ }).getAttribute('aria-selected')).toBe('true'));
    expect((await screen.findByRole('region', { name: 'On call' })).textContent).toContain('Sam Caller');
  });
});
