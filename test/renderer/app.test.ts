import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../renderer/src/App.svelte';
import type { EngineFactory } from '../../renderer/src/lib/state/app.svelte';
import { simulatedOnly } from '../support/engines';
import { windowPressesApart } from '../support/presses';
import { SimulatedCallEngine } from '../../renderer/src/lib/calls/simulated-engine.svelte';
import type { CallView } from '../../electron/shared/contract';
import { board, callView, defaultTestSettings, signedInStatus, signedOut, startedWindow } from '../support/fake-softphone';

const stubbed = (status = signedOut, calls: CallView[] = []) => startedWindow(calls, { status });

describe('App', () => {
  it('shows the sign-in screen when signed out', async () => {
    render(App, { api: stubbed().api, engines: simulatedOnly });
    await screen.findByRole('button', { name: 'Sign in' });
    expect((await screen.findByTestId('app-version')).textContent).toContain('Version 9.9.9');
  });

  it('shows a start-up error with Retry when main does not answer', async () => {
    const fake = stubbed();
    fake.answer('auth.status', {
      ok: false,
      error: { code: 'HARNESS_DISCONNECTED', message: 'Lost the connection to the softphone core.' },
    });
    render(App, { api: fake.api, engines: simulatedOnly });
    expect((await screen.findByRole('alert')).textContent).toContain('Lost the connection');
  });

  it('signed in with no call: the dialer and an empty held list', async () => {
    render(App, { api: stubbed(signedInStatus).api, engines: simulatedOnly });
    await screen.findByLabelText('Number');
    expect(screen.getByText('No calls on hold.').tagName).toBe('P');
    expect(screen.getByRole('button', { name: 'Sign out' }).tagName).toBe('BUTTON');
  });

  it('follows calls.changed: a call appears, goes on hold, and the reconnecting state shows', async () => {
    const fake = stubbed(signedInStatus);
    render(App, { api: fake.api, engines: simulatedOnly });
    await screen.findByLabelText('Number');
    const call = callView();
    fake.emit('calls.changed', {
      version: 2,
      upserted: [call],
      removed: [],
      currentId: call.id,
      lastHeldId: null,
      connection: 'online',
      error: null,
    });
    await screen.findByRole('region', { name: 'On call' });
    fake.emit('calls.changed', {
      version: 3,
      upserted: [{ ...call, phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() }],
      removed: [],
      currentId: null,
      lastHeldId: call.id,
      connection: 'reconnecting',
      error: { code: 'EVO_UNAVAILABLE', message: 'Evo Voice is temporarily unavailable.' },
    });
    await screen.findByRole('listitem', { name: 'Jane Doe' });
    expect(screen.getByText('Reconnecting…').textContent).toBe('Reconnecting…');
    expect(screen.getAllByRole('status').some((el) => el.textContent?.includes('temporarily unavailable'))).toBe(true);
  });

  it('asks main for the whole board when a change went missing', async () => {
    const fake = stubbed(signedInStatus);
    render(App, { api: fake.api, engines: simulatedOnly });
    await screen.findByLabelText('Number');
    const boards = () => fake.calls.filter((c) => c.channel === 'calls.board').length;
    const before = boards();
    fake.answer('calls.board', { ok: true, value: board([callView()], { version: 7 }) });
    fake.emit('calls.changed', {
      version: 7,
      upserted: [],
      removed: [],
      currentId: null,
      lastHeldId: null,
      connection: 'online',
      error: null,
    });
    await screen.findByRole('region', { name: 'On call' });
    expect(boards()).toBe(before + 1);
  });

  it('announces a hold through the live region, and sends the agent leg', async () => {
    const call = callView();
    const fake = stubbed(signedInStatus, [call]);
    fake.answer('sessions.hold', () => {
      fake.emit('calls.changed', {
        version: 2,
        upserted: [{ ...call, phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() }],
        removed: [],
        currentId: null,
        lastHeldId: call.id,
        connection: 'online',
        error: null,
      });
      return { ok: true, value: {} };
    });
    render(App, { api: fake.api, engines: simulatedOnly });
    await fireEvent.click(await screen.findByRole('button', { name: 'Hold' }));
    await screen.findByRole('listitem', { name: 'Jane Doe' });
    expect(screen.getAllByRole('status').some((el) => el.textContent === 'Jane Doe on hold')).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'sessions.hold')!.payload).toEqual({
      sessionId: 'SE1',
      reason: 'None',
      callSid: 'CA-agent',
    });
  });

  it('a call ringing during a call offers Hold & answer, End & answer and Decline, below the call', async () => {
    const live = callView();
    const ringing = callView({
      id: 'SE2',
      displayName: 'Sam Caller',
      number: '+15550100555',
      phase: 'ringingIn',
      callState: 'Ringing',
      answeredAt: null,
      queue: 'Sales',
    });
    const fake = stubbed(signedInStatus, [live, ringing]);
    fake.answer('sessions.answer', { ok: true, value: {} });
    render(App, { api: fake.api, engines: simulatedOnly });
    const banner = await screen.findByRole('region', { name: 'Incoming call' });
    expect(banner.textContent).toContain('Sam Caller');
    expect(banner.textContent).toContain('+1 555 010 0555');
    expect(banner.textContent).toContain('Queue Sales');
    const onCall = screen.getByRole('region', { name: 'On call' });
    expect(onCall.compareDocumentPosition(banner) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    for (const name of ['Hold & answer', 'End & answer', 'Decline']) expect(screen.getByRole('button', { name }).tagName).toBe('BUTTON');
    expect(screen.queryByRole('button', { name: 'Answer' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'End & answer' }));
    expect(fake.calls.find((c) => c.channel === 'sessions.answer')!.payload).toEqual({ sessionId: 'SE2', mode: 'end' });
  });

  it('a second call Evo reports connected shows apart, under Also connected, with Hold and Hang up on that call', async () => {
    const jane = callView();
    const sam = callView({ id: 'SE2', displayName: 'Sam Caller', number: '+15550100555' });
    const fake = stubbed(signedInStatus, [jane, sam]);
    fake.answer('sessions.hold', { ok: true, value: {} });
    fake.answer('sessions.end', { ok: true, value: {} });
    const clock = windowPressesApart();
    render(App, { api: fake.api, engines: simulatedOnly });
    const others = await screen.findByRole('region', { name: 'Also connected' });
    const item = within(within(others).getByRole('list', { name: 'Also connected' })).getByRole('listitem', { name: 'Jane Doe' });
    expect(item.textContent).toContain('+1 555 010 0199');
    await fireEvent.click(within(item).getByRole('button', { name: 'Hold' }));
    await fireEvent.click(within(item).getByRole('button', { name: 'Hang up' }));
    expect(fake.calls.filter((c) => ['sessions.hold', 'sessions.end'].includes(c.channel)).map((c) => [c.channel, c.payload])).toEqual([
      ['sessions.hold', { sessionId: 'SE1', reason: 'None' }],
      ['sessions.end', { sessionId: 'SE1' }],
    ]);
    clock.mockRestore();
  });

  it('the queue a call rang in stays shown once it is answered', async () => {
    const ringing = callView({
      id: 'SE2',
      displayName: 'Sam Caller',
      number: '+15550100555',
      phase: 'ringingIn',
      callState: 'Ringing',
      answeredAt: null,
      queue: 'Sales',
    });
    const fake = stubbed(signedInStatus, [ringing]);
    fake.answer('sessions.answer', () => {
      const live = { ...ringing, phase: 'live' as const, callState: 'Connected', answeredAt: new Date().toISOString() };
      fake.emit('calls.changed', {
        version: 2,
        upserted: [live],
        removed: [],
        currentId: 'SE2',
        lastHeldId: null,
        connection: 'online',
        error: null,
      });
      return { ok: true, value: {} };
    });
    render(App, { api: fake.api, engines: simulatedOnly });
    expect((await screen.findByRole('region', { name: 'Incoming call' })).textContent).toContain('Queue Sales');
    await fireEvent.click(screen.getByRole('button', { name: 'Answer' }));
    const onCall = await screen.findByRole('region', { name: 'On call' });
    expect(onCall.textContent).toContain('Sam Caller');
    expect(onCall.textContent).toContain('Queue Sales');
  });

  it('compact view: the current call, its timer, Hold, Mute, Hang up and the held count; back to full view', async () => {
    const calls = [
      callView(),
      callView({ id: 'H', displayName: 'Acme Corp', phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() }),
    ];
    const fake = stubbed(signedInStatus, calls);
    let saved: unknown = null;
    fake.answer('settings.update', (patch) => {
      saved = patch;
      return { ok: true, value: { ...defaultTestSettings, ...(patch as object) } };
    });
    render(App, { api: fake.api, engines: simulatedOnly });
    await fireEvent.click(await screen.findByRole('button', { name: 'Compact view' }));
    expect(saved).toEqual({ compactWindow: true });
    const compact = await screen.findByRole('main', { name: 'Compact softphone' });
    expect(compact.textContent).toContain('Jane Doe');
    expect(compact.textContent).toContain('1 on hold');
    expect(screen.getByRole('timer', { name: 'Call time' }).textContent).toBe('01:00');
    for (const name of ['Hold', 'Mute', 'Hang up', 'Full view']) expect(screen.getByRole('button', { name }).tagName).toBe('BUTTON');
    expect(screen.queryByRole('tab', { name: 'History' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Full view' }));
    expect(saved).toEqual({ compactWindow: false });
    await screen.findByRole('tab', { name: 'History' });
  });

  it('compact view with nothing live offers to resume the last hold', async () => {
    const held = callView({ phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() });
    const fake = stubbed(signedInStatus, [held]);
    fake.answer('settings.get', { ok: true, value: { ...defaultTestSettings, compactWindow: true } });
    fake.answer('sessions.resume', { ok: true, value: {} });
    render(App, { api: fake.api, engines: simulatedOnly });
    await fireEvent.click(await screen.findByRole('button', { name: 'Resume Jane Doe' }));
    expect(fake.calls.find((c) => c.channel === 'sessions.resume')!.payload).toEqual({ sessionId: 'SE1' });
  });

  it('a call ringing while the agent is in History shows there, is announced, and names itself in the title', async () => {
    const fake = stubbed(signedInStatus);
    fake.answer('sessions.history', { ok: true, value: { items: [], page: 0, hasMore: false, source: 'cache' } });
    render(App, { api: fake.api, engines: simulatedOnly });
    await fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
    const ringing = callView({ id: 'R', displayName: 'Sam Caller', phase: 'ringingIn', callState: 'Ringing', answeredAt: null });
    fake.emit('calls.changed', {
      version: 2,
      upserted: [ringing],
      removed: [],
      currentId: null,
      lastHeldId: null,
      connection: 'online',
      error: null,
    });
    const banner = await screen.findByRole('region', { name: 'Incoming call' });
    expect(banner.textContent).toContain('Sam Caller');
    expect(screen.getByRole('button', { name: 'Answer' }).tagName).toBe('BUTTON');
    expect(screen.getAllByRole('status').some((el) => el.textContent === 'Incoming call from Sam Caller')).toBe(true);
    await vi.waitFor(() => expect(document.title).toBe('Ringing: Sam Caller · Evo Softphone'));
  });

  it('asks before signing out with callers on the line or on hold, naming them', async () => {
    const calls = [
      callView({ id: 'A', displayName: 'Jane Doe', phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() }),
      callView({ id: 'B', displayName: 'Acme Corp', phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() }),
    ];
    const fake = stubbed(signedInStatus, calls);
    fake.answer('auth.signOut', { ok: true, value: signedOut });
    render(App, { api: fake.api, engines: simulatedOnly });
    await screen.findAllByRole('listitem');
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = screen.getByRole('alertdialog', { name: '2 callers are on hold. Sign out anyway?' });
    expect(dialog.textContent).toContain('Jane Doe: on hold');
    expect(dialog.textContent).toContain('Acme Corp: on hold');
    expect(document.activeElement?.textContent).toBe('Stay signed in');
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.calls.some((c) => c.channel === 'auth.signOut')).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out anyway' }));
    await vi.waitFor(() => expect(fake.calls.some((c) => c.channel === 'auth.signOut')).toBe(true));
  });

  it('uses the Twilio phone for a real server and says why it is offline when the token fails', async () => {
    const fake = stubbed(signedInStatus);
    fake.answer('voice.token', {
      ok: false,
      error: { code: 'EVO_FORBIDDEN', message: 'Your Evo Voice account is not allowed to do that.' },
    });
    render(App, { api: fake.api });
    await screen.findByText('Phone offline');
    expect(screen.getByRole('alert').textContent).toContain('not allowed');
    expect((screen.getByRole('button', { name: 'Call' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('fills the dialer from a tel: link without calling, and follows the mute hotkey', async () => {
    const fake = stubbed(signedInStatus);
    fake.answer('settings.hotkeyConflicts', { ok: true, value: {} });
    render(App, { api: fake.api, engines: simulatedOnly });
    const field = (await screen.findByLabelText('Number')) as HTMLInputElement;
    await vi.waitFor(() => expect(field.disabled).toBe(false));
    fake.emit('app.dialRequest', { number: '+15550100199' });
    await vi.waitFor(() => expect(field.value).toBe('+1 555 010 0199'));
    expect(document.activeElement).toBe(field);
    expect(fake.calls.some((c) => c.channel === 'sessions.create')).toBe(false);
  });

  it('shows the hotkey conflicts main reports in Settings', async () => {
    const fake = stubbed(signedInStatus);
    fake.answer('settings.hotkeyConflicts', {
      ok: true,
      value: { holdResume: 'CommandOrControl+Alt+H is taken by another application. Pick another key.' },
    });
    render(App, { api: fake.api, engines: simulatedOnly });
    await fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('taken by another application');
  });

  it('offers a downloaded update and explains why it waits during a call', async () => {
    const fake = stubbed(signedInStatus);
    fake.answer('app.restartToUpdate', {
      ok: false,
      error: { code: 'UPDATE_BLOCKED_BY_CALLS', message: 'Finish your call first; the update will wait.' },
    });
    render(App, { api: fake.api, engines: simulatedOnly });
    await screen.findByLabelText('Number');
    fake.emit('app.updateReady', { version: '1.2.0' });
    await fireEvent.click(await screen.findByRole('button', { name: 'Restart to update' }));
    await vi.waitFor(() => expect(screen.getByText(/Finish your call first/).textContent).toContain('1.2.0 is ready'));
  });

  it('tells main the phone registration state', async () => {
    const fake = stubbed(signedInStatus);
    render(App, { api: fake.api, engines: simulatedOnly });
    await screen.findByText('Phone ready');
    await vi.waitFor(() =>
      expect(fake.calls.filter((c) => c.channel === 'voice.reportStatus').at(-1)!.payload).toEqual({ status: 'registered' }),
    );
  });

  it('after a network change, asks main for a refresh and registers the phone again', async () => {
    const fake = stubbed(signedInStatus);
    fake.answer('calls.refresh', { ok: true, value: { refreshing: true } });
    render(App, { api: fake.api, engines: simulatedOnly });
    await screen.findByText('Phone ready');
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() =>
      expect(fake.calls.filter((c) => c.channel === 'calls.refresh').map((c) => c.payload)).toEqual([{ reason: 'online' }]),
    );
    await screen.findByText('Phone ready');
  });

  it('asks main for a refresh when the agent comes back to the window, and not while signed out', async () => {
    const fake = stubbed(signedInStatus);
    fake.answer('calls.refresh', { ok: true, value: { refreshing: false } });
    render(App, { api: fake.api, engines: simulatedOnly });
    await screen.findByText('Phone ready');
    window.dispatchEvent(new Event('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
    const refreshes = () => fake.calls.filter((c) => c.channel === 'calls.refresh').map((c) => c.payload);
    expect(refreshes()).toEqual([{ reason: 'focus' }, { reason: 'focus' }]);
    fake.emit('auth.changed', signedOut);
    await screen.findByRole('button', { name: 'Sign in' });
    window.dispatchEvent(new Event('focus'));
    expect(refreshes()).toHaveLength(2);
  });

  it('lists the microphones and speakers in Settings, with names even before permission', async () => {
    const fake = stubbed(signedInStatus);
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        enumerateDevices: async () => [
          { kind: 'audioinput', deviceId: 'default', label: 'Default', groupId: '' },
          { kind: 'audioinput', deviceId: 'headset', label: 'USB Headset', groupId: '' },
          { kind: 'audiooutput', deviceId: 'spk', label: '', groupId: '' },
          { kind: 'videoinput', deviceId: 'cam', label: 'Camera', groupId: '' },
        ],
      },
    });
    render(App, { api: fake.api, engines: simulatedOnly });
    await fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    await screen.findByRole('option', { name: 'USB Headset' });
    expect(screen.getAllByRole('option', { name: 'Speaker 1' })).toHaveLength(2);
    expect(screen.queryByRole('option', { name: 'Camera' })).toBeNull();
  });

  describe('keys during a call', () => {
    function withEngine() {
      let engine: SimulatedCallEngine | null = null;
      const engines: EngineFactory = (api, _demo, calls) => (engine = new SimulatedCallEngine(api, calls));
      return { engines, engine: () => engine! };
    }

    it('sends digits, * and # typed anywhere but a text field as tones', async () => {
      const fake = stubbed(signedInStatus, [callView()]);
      const { engines, engine } = withEngine();
      render(App, { api: fake.api, engines });
      const hold = await screen.findByRole('button', { name: 'Hold' });
      hold.focus();
      for (const key of ['1', '2', '*', '#', 'a']) await fireEvent.keyDown(hold, { key });
      await fireEvent.keyDown(hold, { key: '3', ctrlKey: true });
      expect(engine().sentDigits).toBe('12*#');
      await fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
      fake.answer('sessions.history', { ok: true, value: { items: [], page: 0, hasMore: false, source: 'cache' } });
      const search = await screen.findByRole('searchbox', { name: 'Search history' });
      await fireEvent.keyDown(search, { key: '5' });
      expect(engine().sentDigits).toBe('12*#');
    });

    it('sends nothing without a connected call', async () => {
      const fake = stubbed(signedInStatus);
      const { engines, engine } = withEngine();
      render(App, { api: fake.api, engines });
      await screen.findByText('Phone ready');
      await fireEvent.keyDown(document.body, { key: '1' });
      expect(engine().sentDigits).toBe('');
    });
  });

  it('keeps a number from "Call back" during a call for the dialer of the next call', async () => {
    const call = callView();
    const fake = stubbed(signedInStatus, [call]);
    render(App, { api: fake.api, engines: simulatedOnly });
    await screen.findByRole('region', { name: 'On call' });
    fake.emit('app.dialRequest', { number: '+15550100123' });
    expect((await screen.findByText(/Next call:/)).textContent).toContain('+1 555 010 0123');
    fake.emit('calls.changed', {
      version: 2,
      upserted: [],
      removed: [call.id],
      currentId: null,
      lastHeldId: null,
      connection: 'online',
      error: null,
    });
    const field = (await screen.findByLabelText('Number')) as HTMLInputElement;
    expect(field.value).toBe('+1 555 010 0123');
    await vi.waitFor(() => expect(document.activeElement).toBe(field));
  });

  it('puts focus on the new call after dialling with Enter, not back at the top of the page', async () => {
    const fake = stubbed(signedInStatus);
    const placed = callView({ id: 'SE9', direction: 'Outgoing', displayName: '+15550100123', number: '+15550100123' });
    fake.answer('sessions.create', () => {
      fake.emit('calls.changed', {
        version: 2,
        upserted: [placed],
        removed: [],
        currentId: 'SE9',
        lastHeldId: null,
        connection: 'online',
        error: null,
      });
      return { ok: true, value: {} };
    });
    render(App, { api: fake.api, engines: simulatedOnly });
    const field = (await screen.findByLabelText('Number')) as HTMLInputElement;
    await vi.waitFor(() => expect(field.disabled).toBe(false));
    field.focus();
    await fireEvent.input(field, { target: { value: '5550100123' } });
    await fireEvent.submit(field.form!);
    // The call's heading, not Hold: a second Enter must not put the new call on hold.
    const heading = await screen.findByRole('heading', { name: 'On call' });
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('puts the tabs and the calls before Sign out in the tab order', async () => {
    render(App, { api: stubbed(signedInStatus).api, engines: simulatedOnly });
    await screen.findByLabelText('Number');
    const focusable = [...document.querySelectorAll<HTMLElement>('button, input, select, [tabindex]')].filter(
      (el) => el.tabIndex >= 0 && !el.hasAttribute('disabled'),
    );
    expect(focusable[0]).toBe(screen.getByRole('tab', { name: 'Phone' }));
    expect(focusable.indexOf(screen.getByRole('button', { name: 'Sign out' }))).toBe(focusable.length - 1);
  });

  describe('leaving Settings with unsaved changes', () => {
    async function editReminders() {
      const fake = stubbed(signedInStatus);
      fake.answer('settings.update', (patch) => ({ ok: true, value: { ...defaultTestSettings, ...(patch as object) } }));
      render(App, { api: fake.api, engines: simulatedOnly });
      await fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
      await fireEvent.input(await screen.findByLabelText(/Remind me after/), { target: { value: '20, 40' } });
      await fireEvent.click(screen.getByRole('tab', { name: 'History' }));
      return { fake, dialog: await screen.findByRole('dialog', { name: 'Leave Settings without saving?' }) };
    }

    it('asks first; Esc keeps the agent in Settings with the edit', async () => {
      const { dialog } = await editReminders();
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save and leave' }));
      await fireEvent.keyDown(dialog, { key: 'Escape' });
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(screen.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
      expect((screen.getByLabelText(/Remind me after/) as HTMLInputElement).value).toBe('20, 40');
    });

    it('saves and leaves', async () => {
      const { fake } = await editReminders();
      await fireEvent.click(screen.getByRole('button', { name: 'Save and leave' }));
      await vi.waitFor(() => expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true'));
      expect(fake.calls.find((c) => c.channel === 'settings.update')!.payload).toMatchObject({ holdReminders: [20, 40] });
    });

    it('discards and leaves, and Settings shows the saved values again', async () => {
      const { fake } = await editReminders();
      await fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
      expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
      await fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
      expect(((await screen.findByLabelText(/Remind me after/)) as HTMLInputElement).value).toBe('30, 60');
      expect(fake.calls.some((c) => c.channel === 'settings.update')).toBe(false);
    });
  });
});
