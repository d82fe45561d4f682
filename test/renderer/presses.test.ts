import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { simulatedOnly } from '../support/engines';
import { CallsState } from '../../renderer/src/lib/state/calls.svelte';
import { board, callView, fakeSoftphone, startedWindow } from '../support/fake-softphone';

afterEach(() => vi.restoreAllMocks());

const sent = (fake: ReturnType<typeof fakeSoftphone>) =>
  fake.calls.filter((c) => c.channel.startsWith('sessions.') && c.channel !== 'sessions.recentNumbers').map((c) => c.channel);

describe('presses that cannot misfire', () => {
  it('a second call action within 500 ms of the first is ignored, whatever it is; one after that is sent', async () => {
    const fake = fakeSoftphone();
    const held = callView({ id: 'H', phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() });
    fake.answer('calls.board', { ok: true, value: board([callView(), held]) });
    for (const channel of ['sessions.hold', 'sessions.resume', 'sessions.end']) fake.answer(channel, { ok: true, value: {} });
    let now = 1_000;
    const state = new CallsState(fake.api, () => now);
    await state.load();
    expect(await state.hold(callView())).toBe(true);
    now += 499;
    expect(await state.hold(callView())).toBe(false);
    expect(await state.resume(held)).toBe(false);
    expect(await state.phone('answer', () => Promise.resolve({ ok: true, value: {} }))).toBe(false);
    expect(sent(fake)).toEqual(['sessions.hold']);
    now += 1;
    expect(await state.resume(held)).toBe(true);
    expect(sent(fake)).toEqual(['sessions.hold', 'sessions.resume']);
  });

  it('a double Enter in the dialer places the call and does not hold it: focus goes to the call heading, and Enter there does nothing', async () => {
    const fake = startedWindow();
    const placed = callView({
      id: 'OUT',
      displayName: '+15550100199',
      direction: 'Outgoing',
      phase: 'dialing',
      callState: 'Ringing',
      answeredAt: null,
    });
    fake.answer('sessions.create', () => {
      fake.emit('calls.changed', {
        version: 2,
        upserted: [placed],
        removed: [],
        currentId: 'OUT',
        lastHeldId: null,
        connection: 'online',
        error: null,
      });
      return {
        ok: true,
        value: {
          ...placed,
          held: false,
          ended: false,
          wasMissed: false,
          dateLastModified: '',
          dateCompleted: '',
          log: [],
          note: null,
          heldSince: null,
        },
      };
    });
    fake.answer('sessions.hold', { ok: true, value: {} });
    render(App, { api: fake.api, engines: simulatedOnly });
    const field = (await screen.findByLabelText('Number')) as HTMLInputElement;
    await vi.waitFor(() => expect(field.disabled).toBe(false));
    await fireEvent.input(field, { target: { value: '555 010 0199' } });
    field.form!.requestSubmit();
    const heading = await screen.findByRole('heading', { name: 'Calling' });
    // Once connected, a second Enter lands on what has focus: it must not be Hold.
    fake.emit('calls.changed', {
      version: 3,
      upserted: [{ ...placed, phase: 'live', callState: 'Connected', answeredAt: new Date().toISOString() }],
      removed: [],
      currentId: 'OUT',
      lastHeldId: null,
      connection: 'online',
      error: null,
    });
    await screen.findByRole('heading', { name: 'On call' });
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'On call' })));
    expect(heading.id).toBe('active-title');
    await fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(sent(fake)).toEqual(['sessions.create']);
  });

  it('after answering, focus is on the call heading, not Hold', async () => {
    const sam = callView({ id: 'R', displayName: 'Sam Caller', phase: 'ringingIn', callState: 'Ringing', answeredAt: null });
    const fake = startedWindow([sam]);
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
    render(App, { api: fake.api, engines: simulatedOnly });
    const banner = await screen.findByRole('region', { name: 'Incoming call' });
    const answer = within(banner).getByRole('button', { name: 'Answer' });
    answer.focus();
    await fireEvent.click(answer);
    const onCall = await screen.findByRole('region', { name: 'On call' });
    await vi.waitFor(() => expect(document.activeElement).toBe(within(onCall).getByRole('heading', { name: 'On call' })));
  });
});
