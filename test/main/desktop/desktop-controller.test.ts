import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import type { Board, CallView } from '../../../electron/shared/contract';
import { DOUBLE_PRESS_MS } from '../../../electron/shared/press-guard';
import { FakeClock } from '../../support/clock';
import { coreFor, type TestCore } from '../../support/core';
import { desktopOnFakes, FakeNotifier, FakeShortcuts, FakeTray, FakeWindow } from '../../support/desktop';
import { callView } from '../../support/fake-softphone';
import { MemoryLogger } from '../../support/logger';
import { named } from '../../support/bidi';

let simulator: Simulator;
let t: TestCore;
afterEach(async () => {
  t?.core.dispose();
  await simulator?.close();
});

async function setup() {
  simulator = await startSimulator({ seed: { history: 2 } });
  t = coreFor(simulator);
  const clock = new FakeClock(Date.now());
  const notifier = new FakeNotifier();
  const window = new FakeWindow();
  const tray = new FakeTray();
  const shortcuts = new FakeShortcuts();
  const emitted: { event: string; payload: unknown }[] = [];
  let quits = 0;
  let toggles = 0;
  const desktop = desktopOnFakes({
    board: t.core.board,
    actions: t.core.actions,
    clock,
    logger: t.logger,
    emit: (event, payload) => emitted.push({ event, payload }),
    notifier,
    window,
    tray,
    shortcuts,
    toggleCompact: () => (toggles += 1),
    quit: () => (quits += 1),
  });
  t.core.events.on('calls.changed', (change) => desktop.onBoardChanged(change));
  t.core.events.on('auth.changed', (status) => desktop.setSignedIn(status.signedIn));
  const conflicts = desktop.start(t.core.settings.get());
  await t.value('auth.signIn', { server: simulator.url, email: 'demo@evosoftphone.local', password: 'demo', remember: false });
  await t.core.sync.syncNow();
  const live = (await t.value('sessions.active')).sessions[0]!;
  return { desktop, clock, notifier, window, tray, shortcuts, emitted, conflicts, live, quits: () => quits, toggles: () => toggles };
}

/** Until nothing is in flight on the board: the hotkey's action has finished. */
const settle = () => vi.waitFor(() => expect(t.core.board.calls().some((call) => call.pending !== null)).toBe(false));

describe('desktop controller (hotkeys, tray, notifications, links)', () => {
  it('registers the default hold hotkey at start and draws the tray', async () => {
    const { conflicts, shortcuts, tray } = await setup();
    expect(conflicts).toEqual({});
    expect([...shortcuts.registered.keys()]).toEqual(['CommandOrControl+Alt+H']);
    expect(tray.last).toMatchObject({ icon: 'call', tooltip: 'On a call with Jane Doe' });
  });

  it('the hotkey holds the current call straight from main, then resumes it', async () => {
    const { shortcuts, tray, notifier, clock } = await setup();
    const before = simulator.hits.hold;
    shortcuts.press('CommandOrControl+Alt+H');
    await settle();
    await t.core.sync.syncNow();
    expect(simulator.hits.hold - before).toBe(1);
    expect(tray.last).toMatchObject({ icon: 'held', tooltip: '1 call on hold' });
    expect(notifier.titles()).toContain('Jane Doe is on hold');
    clock.advance(DOUBLE_PRESS_MS);
    shortcuts.press('CommandOrControl+Alt+H');
    await settle();
    await t.core.sync.syncNow();
    expect((await t.value('sessions.active')).sessions[0]!.held).toBe(false);
  });

  it('a second press while the hold is in flight sends nothing more', async () => {
    const { desktop, clock } = await setup();
    simulator.faults.set('hold', { latencyMs: 150 });
    const before = simulator.hits.hold;
    // The first press marks the call busy before it returns its promise.
    const first = desktop.pressHotkey('holdResume');
    // Past the double-press window: it is the in-flight hold that stops this one.
    clock.advance(DOUBLE_PRESS_MS);
    await desktop.pressHotkey('holdResume');
    await first;
    expect(simulator.hits.hold - before).toBe(1);
  });

  it('a second press within 500 ms of the first is a slip: the call is held, not held and resumed', async () => {
    const { desktop, clock } = await setup();
    await desktop.pressHotkey('holdResume');
    await settle();
    clock.advance(DOUBLE_PRESS_MS - 1);
    await desktop.pressHotkey('holdResume');
    await t.core.sync.syncNow();
    expect((await t.value('sessions.active')).sessions[0]!.held).toBe(true);
    // Once the window has passed, the next press is the agent's: it resumes.
    clock.advance(1);
    await desktop.pressHotkey('holdResume');
    await t.core.sync.syncNow();
    expect((await t.value('sessions.active')).sessions[0]!.held).toBe(false);
  });

  it('a press with no call notifies "No active call"', async () => {
    const { desktop, notifier, live } = await setup();
    await t.value('sessions.end', { sessionId: live.id });
    await t.core.sync.syncNow();
    await desktop.pressHotkey('holdResume');
    expect(notifier.titles()).toContain('No active call');
  });

  it('a failed hotkey hold notifies with the server message', async () => {
    const { desktop, notifier } = await setup();
    simulator.faults.set('hold', { status: 403, message: 'Holding is disabled for your account' });
    await desktop.pressHotkey('holdResume');
    const failure = notifier.shown.find((entry) => entry.notification.title === 'Hold failed')!;
    expect(failure.notification).toMatchObject({
      body: `Couldn't put ${named('Jane Doe')} on hold: Evo answered '${named('Holding is disabled for your account')}'. ${named('Jane Doe')} can still hear you.`,
      urgency: 'critical',
    });
  });

  it('reminds when the promise runs out, then once per promise period, and a click shows that call', async () => {
    const { desktop, clock, notifier, window, emitted, live } = await setup();
    await desktop.pressHotkey('holdResume');
    await t.core.sync.syncNow();
    const reminders = () => notifier.shown.filter((entry) => entry.notification.title === 'Jane Doe Held');
    // The hold began a few real milliseconds after the fake clock's start: give it a second.
    clock.advance(59_000);
    expect(reminders()).toHaveLength(0);
    clock.advance(2_000);
    expect(reminders().map((r) => r.notification.body)).toEqual([expect.stringMatching(/^promised back just now, on hold 1:0\d$/)]);
    clock.advance(60_000);
    expect(reminders()[1]!.notification).toMatchObject({
      body: expect.stringMatching(/^promised back 1 min ago, on hold 2:0\d$/),
      urgency: 'critical',
    });
    // Five more promise periods: one reminder each, a minute apart.
    clock.advance(5 * 60_000);
    expect(reminders()).toHaveLength(7);
    expect(reminders()[6]!.notification.body).toMatch(/^promised back 6 min ago, on hold 7:0\d$/);
    window.visible = false;
    reminders()[0]!.click();
    expect(window.shows).toBe(1);
    expect(emitted).toContainEqual({ event: 'app.showSession', payload: { sessionId: live.id } });
  });

  it('a promise changed on the card moves the reminders: a longer one puts them off', async () => {
    const { desktop, clock, notifier, tray, live } = await setup();
    await desktop.pressHotkey('holdResume');
    await t.core.sync.syncNow();
    clock.advance(30_000);
    await t.value('calls.setPromise', { sessionId: live.id, minutes: 2 });
    expect(tray.last.menu.find((entry) => entry.label?.startsWith('Jane Doe - '))!.label).toMatch(/ · Back in 1:3\d$/);
    clock.advance(60_000);
    expect(notifier.shown.filter((entry) => entry.notification.title === 'Jane Doe Held')).toHaveLength(0);
    clock.advance(31_000);
    expect(notifier.shown.filter((entry) => entry.notification.title === 'Jane Doe Held')).toHaveLength(1);
    expect(tray.last.menu.find((entry) => entry.label?.startsWith('Jane Doe - '))!.label).toMatch(/ · Over by 0:0\d$/);
  });

  it('the check-in hotkey takes the most overdue held caller off hold, holding the live call first', async () => {
    const { desktop, notifier, live, clock } = await setup();
    await desktop.pressHotkey('checkIn');
    expect(notifier.shown.at(-1)!.notification.title).toBe('No one on hold');
    await t.value('sessions.hold', { sessionId: live.id });
    const other = await t.value('sessions.create', { to: '+15550100123', displayName: 'Omar' });
    await t.core.sync.syncNow();
    clock.advance(DOUBLE_PRESS_MS);
    await desktop.pressHotkey('checkIn');
    await t.core.sync.syncNow();
    expect(t.core.board.get(live.id)).toMatchObject({ phase: 'live', checkIns: 1 });
    expect(t.core.board.get(other.id)?.phase).not.toBe('live');
  });

  it('resumes and hangs up from the tray menu; Show and Quit are in the menu too', async () => {
    const { desktop, tray, window, quits } = await setup();
    await desktop.pressHotkey('holdResume');
    await t.core.sync.syncNow();
    const item = tray.last.menu.find((entry) => entry.label?.startsWith('Jane Doe - '))!;
    await desktop.trayAction(item.submenu![0]!.action!);
    await t.core.sync.syncNow();
    expect(tray.last.icon).toBe('call');
    await desktop.trayAction({ type: 'show' });
    expect(window.shows).toBe(1);
    await desktop.trayAction({ type: 'quit' });
    expect(quits()).toBe(1);
  });

  it('notifies an incoming call only while the window is hidden', async () => {
    const { notifier, window } = await setup();
    simulator.ring('demo@evosoftphone.local', { number: '+15550100555', name: 'Visible Caller' });
    await t.core.sync.syncNow();
    window.visible = false;
    simulator.ring('demo@evosoftphone.local', { number: '+15550100666', name: 'Hidden Caller' });
    await t.core.sync.syncNow();
    const incoming = notifier.shown.filter((entry) => entry.notification.title === 'Incoming call').map((e) => e.notification.body);
    expect(incoming).toEqual(['Hidden Caller']);
  });

  it('does not notify at all where notifications are unsupported', async () => {
    const { desktop, notifier } = await setup();
    notifier.supported = false;
    await desktop.pressHotkey('holdResume');
    await t.core.sync.syncNow();
    expect(notifier.shown).toEqual([]);
  });

  it('a tel: link fills the dialer and shows the window; it never dials', async () => {
    const { desktop, emitted, window } = await setup();
    const creates = simulator.hits.create;
    expect(desktop.openLink('tel:+1 (555) 010-0199;ext=12')).toBe(true);
    expect(emitted).toContainEqual({ event: 'app.dialRequest', payload: { number: '+15550100199' } });
    expect(window.shows).toBe(1);
    expect(desktop.openLink('javascript:alert(1)')).toBe(false);
    expect(simulator.hits.create).toBe(creates);
  });

  it('forwards the answer, hang-up and mute hotkeys to the phone in the renderer', async () => {
    const { desktop, emitted } = await setup();
    await desktop.pressHotkey('mute');
    expect(emitted).toContainEqual({ event: 'voice.command', payload: { command: 'mute' } });
  });

  it('compact window: slim and always on top, from the setting or the tray; leaving it gives the size back', async () => {
    const { desktop, window, tray, toggles } = await setup();
    window.current = { width: 1000, height: 700 };
    const hotkeys = t.core.settings.get().hotkeys;
    desktop.onSettingsChanged({ hotkeys, compactWindow: true });
    expect([window.onTop, window.current, window.minimum]).toEqual([true, { width: 380, height: 250 }, { width: 300, height: 190 }]);
    expect(tray.last.menu.find((item) => item.type === 'checkbox')!.checked).toBe(true);
    await desktop.trayAction({ type: 'toggleCompact' });
    expect(toggles()).toBe(1);
    desktop.onSettingsChanged({ hotkeys, compactWindow: false });
    expect([window.onTop, window.current, window.minimum]).toEqual([false, { width: 1000, height: 700 }, { width: 320, height: 480 }]);
  });

  it('releases the hotkeys when stopped', async () => {
    const { desktop, shortcuts } = await setup();
    desktop.stop();
    expect(shortcuts.registered.size).toBe(0);
  });

  it('re-registers changed hotkeys at once and reports a taken one', async () => {
    const { desktop, shortcuts } = await setup();
    shortcuts.taken.add('F9');
    const conflicts = desktop.onSettingsChanged({
      hotkeys: { holdResume: 'F8', answer: '', hangUp: '', mute: 'F9' },
      compactWindow: false,
    });
    expect(conflicts).toEqual({ mute: 'F9 is taken by another application. Pick another key.' });
    expect([...shortcuts.registered.keys()]).toEqual(['F8']);
  });

  it("reminds from the hold start the board knows (the server's, for a hold it found), not from when it saw it", () => {
    const clock = new FakeClock();
    const notifier = new FakeNotifier();
    const held: CallView = callView({ phase: 'held', callState: 'Hold', heldSince: new Date(clock.now() - 45_000).toISOString() });
    const board: Board = { version: 1, calls: [held], currentId: null, lastHeldId: held.id, connection: 'online', error: null };
    const desktop = desktopOnFakes({
      board: { snapshot: () => board },
      actions: { hotkey: async () => ({ intent: null, error: null }), run: async () => ({}) },
      clock,
      logger: new MemoryLogger(),
      notifier,
    });
    desktop.onBoardChanged({ ...board, upserted: [held], removed: [] });
    // Held 45 s by the server's clock: the 30 s reminder is past, the 60 s one is 15 s away.
    clock.advance(14_000);
    expect(notifier.shown).toEqual([]);
    clock.advance(1_000);
    expect(notifier.shown.map((entry) => [entry.notification.body, entry.notification.urgency])).toEqual([
      ['On hold for 01:00. Click to return to the call.', 'normal'],
    ]);
    desktop.stop();
  });

  it('after a clock jump either way the tray keeps counting, and a wake sends one summary, not a burst', () => {
    const clock = new FakeClock();
    const notifier = new FakeNotifier();
    const tray = new FakeTray();
    const since = new Date(clock.now()).toISOString();
    const jane: CallView = callView({ id: 'A', displayName: 'Jane Doe', phase: 'held', callState: 'Hold', heldSince: since });
    const bob: CallView = callView({ id: 'B', displayName: 'Bob Roe', phase: 'held', callState: 'Hold', heldSince: since });
    const board: Board = { version: 1, calls: [jane, bob], currentId: null, lastHeldId: 'B', connection: 'online', error: null };
    const desktop = desktopOnFakes({
      board: { snapshot: () => board },
      actions: { hotkey: async () => ({ intent: null, error: null }), run: async () => ({}) },
      clock,
      logger: new MemoryLogger(),
      notifier,
      tray,
    });
    desktop.setSignedIn(true);
    desktop.onBoardChanged({ ...board, upserted: [jane, bob], removed: [] });
    const trayTimes = () => tray.last.menu.filter((item) => item.type === 'submenu').map((item) => item.label);
    clock.advance(10_000);
    clock.jumpWall(-3_600_000);
    clock.advance(1_000);
    expect(trayTimes()).toEqual(['Jane Doe - 00:11', 'Bob Roe - 00:11']);
    clock.jumpWall(3_600_000 * 2);
    clock.advance(1_000);
    expect(trayTimes()).toEqual(['Jane Doe - 00:12', 'Bob Roe - 00:12']);
    expect(notifier.shown).toEqual([]);
    // Asleep for an hour (the monotonic clock stopped, the wall clock counted it), then awake.
    clock.jumpWall(-3_600_000);
    clock.sleep(3_708_000);
    desktop.woke();
    expect(notifier.shown.map((entry) => entry.notification.title)).toEqual(['2 callers still on hold, longest 1:02:00']);
    expect(notifier.shown[0]!.notification).toMatchObject({ body: 'Jane Doe: 1:02:00, Bob Roe: 1:02:00', urgency: 'critical' });
    expect(trayTimes()).toEqual(['Jane Doe - 1:02:00', 'Bob Roe - 1:02:00']);
    desktop.stop();
  });
});
