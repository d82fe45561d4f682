/**
 * The headset in the window: the app (App.svelte, its real state) on a fake softphone, with a fake
 * navigator.hid built from recorded descriptors. Presses go out as the buttons' own requests;
 * the LEDs' output reports follow the board.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../../renderer/src/App.svelte';
import { simulatedOnly } from '../../support/engines';
import type { CallView } from '../../../electron/shared/contract';
import { callView, startedWindow } from '../../support/fake-softphone';
import { installFakeHid, type FakeHidControl } from '../../support/fake-hid';
import { blackwire3220, jabraSpeak510, type RecordedHeadset } from '../../support/headsets';
import { windowPressesApart } from '../../support/presses';

// Blackwire 3220 report 8: bit 0 Phone Mute (one-shot), bit 1 Hook Switch (state), bit 2 Flash.
const blackwire = ({ hook = 0, flash = 0, mute = 0 }) => [mute | (hook << 1) | (flash << 2)];
const LED = { mute: 0x09, offHook: 0x17, ring: 0x18, hold: 0x20 };

afterEach(() => {
  delete (navigator as { hid?: unknown }).hid;
  vi.restoreAllMocks();
});

function open(headset: RecordedHeadset, calls: CallView[] = [callView()], granted = true, recent: string[] = []) {
  const hid = installFakeHid({ headset, granted, global: true });
  const fake = startedWindow(calls);
  fake.answer('sessions.recentNumbers', { ok: true, value: recent });
  fake.answer('sessions.create', { ok: true, value: callView({ id: 'SE9', phase: 'dialing' }) });
  for (const channel of ['sessions.hold', 'sessions.resume', 'sessions.answer']) fake.answer(channel, { ok: true, value: callView() });
  fake.answer('sessions.end', { ok: true, value: { ended: true } });
  render(App, { api: fake.api, engines: simulatedOnly });
  return { fake, hid };
}

let version = 1;
function change(fake: ReturnType<typeof startedWindow>, calls: CallView[], removed: string[] = []) {
  version += 1;
  const live = calls.filter((call) => call.phase === 'live').at(-1) ?? null;
  fake.emit('calls.changed', {
    version,
    upserted: calls,
    removed,
    currentId: live?.id ?? null,
    lastHeldId: null,
    connection: 'online',
    error: null,
  });
}

const sentTo = (fake: ReturnType<typeof startedWindow>, channel: string) =>
  fake.calls.filter((call) => call.channel === channel).map((call) => call.payload);
const leds = (hid: FakeHidControl) => hid.latest();

describe('a Plantronics Blackwire 3220 (recorded descriptor)', () => {
  it('lights off-hook for the live call, and Flash holds it through the Hold button’s request', async () => {
    version = 1;
    // Separate presses on purpose, not the bounce the double-press guard ignores.
    windowPressesApart();
    const { fake, hid } = open(blackwire3220());
    await screen.findByRole('region', { name: 'On call' });
    await waitFor(() => expect(leds(hid)[LED.offHook]).toEqual([1]));
    expect(leds(hid)).toMatchObject({ [LED.ring]: [0], [LED.hold]: [0], [LED.mute]: [0] });

    hid.press(8, blackwire({ hook: 1, flash: 1 }));
    hid.press(8, blackwire({ hook: 1 }));
    await waitFor(() => expect(sentTo(fake, 'sessions.hold')).toEqual([expect.objectContaining({ sessionId: 'SE1', reason: 'None' })]));

    // The board says held: hold lit, off-hook out.
    change(fake, [callView({ phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() })]);
    await waitFor(() => expect(leds(hid)).toMatchObject({ [LED.hold]: [1], [LED.offHook]: [0] }));

    // Flash again resumes the latest hold (the hold hotkey's rule); the hook bit now reads on-hook.
    hid.press(8, blackwire({ flash: 1 }));
    hid.press(8, blackwire({}));
    await waitFor(() => expect(sentTo(fake, 'sessions.resume')).toEqual([{ sessionId: 'SE1' }]));
    expect(sentTo(fake, 'sessions.end')).toEqual([]);
  });

  it('a release that still says on hook, sent before the headset took the resumed call’s off-hook LED, does not hang up', async () => {
    version = 1;
    const { fake, hid } = open(blackwire3220(), [callView({ phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() })]);
    await waitFor(() => expect(leds(hid)).toMatchObject({ [LED.hold]: [1], [LED.offHook]: [0] }));
    hid.press(8, blackwire({ flash: 1 }));
    await waitFor(() => expect(sentTo(fake, 'sessions.resume')).toHaveLength(1));
    change(fake, [callView()]);
    await waitFor(() => expect(leds(hid)[LED.offHook]).toEqual([1]));
    hid.press(8, blackwire({}));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sentTo(fake, 'sessions.end')).toEqual([]);
    // Once the headset has caught up, putting the hook down hangs up as ever.
    await new Promise((resolve) => setTimeout(resolve, 500));
    hid.press(8, blackwire({ hook: 1 }));
    hid.press(8, blackwire({ hook: 0 }));
    await waitFor(() => expect(sentTo(fake, 'sessions.end')).toHaveLength(1));
  });

  it('Mute toggles the phone’s mute and the mute LED; hook down hangs up; a press with nothing to do is put back', async () => {
    version = 1;
    const { fake, hid } = open(blackwire3220());
    await screen.findByRole('region', { name: 'On call' });
    await waitFor(() => expect(leds(hid)[LED.offHook]).toEqual([1]));

    hid.press(8, blackwire({ hook: 1, mute: 1 }));
    hid.press(8, blackwire({ hook: 1 }));
    await screen.findByRole('button', { name: 'Unmute' });
    await waitFor(() => expect(leds(hid)[LED.mute]).toEqual([1]));
    hid.press(8, blackwire({ hook: 1, mute: 1 }));
    await screen.findByRole('button', { name: 'Mute' });
    await waitFor(() => expect(leds(hid)[LED.mute]).toEqual([0]));

    hid.press(8, blackwire({ hook: 0 }));
    await waitFor(() => expect(sentTo(fake, 'sessions.end')).toEqual([expect.objectContaining({ sessionId: 'SE1' })]));
    change(fake, [], ['SE1']);
    await waitFor(() => expect(leds(hid)[LED.offHook]).toEqual([0]));

    // Off hook with nothing ringing: nothing is sent to Evo, and the headset is told it is on hook.
    const before = hid.sent().length;
    hid.press(8, blackwire({ hook: 1 }));
    await waitFor(() => expect(hid.sent().length).toBeGreaterThan(before));
    expect(hid.sent().slice(before)).toContainEqual({ reportId: LED.offHook, data: [0] });
    expect(sentTo(fake, 'sessions.answer')).toEqual([]);
    expect(sentTo(fake, 'sessions.end')).toHaveLength(1);
  });

  it('rings, and off hook answers the ringing call with the Answer button’s rule (the live call is held first)', async () => {
    version = 1;
    const ringing = callView({
      id: 'SE2',
      phase: 'ringingIn',
      callState: 'Ringing',
      displayName: 'Sam Caller',
      answeredAt: null,
      dateCreated: new Date().toISOString(),
    });
    const { fake, hid } = open(blackwire3220(), [ringing]);
    await screen.findByRole('region', { name: 'Incoming call' });
    await waitFor(() => expect(leds(hid)).toMatchObject({ [LED.ring]: [1], [LED.offHook]: [0] }));
    hid.press(8, blackwire({ hook: 1 }));
    await waitFor(() => expect(sentTo(fake, 'sessions.answer')).toEqual([{ sessionId: 'SE2', mode: 'hold' }]));
  });

  it('unplugged mid-call: the agent is told and the call goes on; plugged back, it is used again', async () => {
    version = 1;
    const { fake, hid } = open(blackwire3220());
    await screen.findByRole('region', { name: 'On call' });
    await waitFor(() => expect(hid.opened()).toBe(true));
    hid.unplug();
    // Said in the live region, and shown until dismissed.
    const told = await screen.findAllByText(/Blackwire 3220 Series was unplugged/);
    const shown = told.find((element) => element.classList.contains('notice'))!;
    expect(shown.textContent).toContain('The call goes on');
    expect(screen.getByRole('region', { name: 'On call' }).textContent).toContain('Jane Doe');
    expect(sentTo(fake, 'sessions.end')).toEqual([]);

    hid.plug();
    await waitFor(() => expect(shown.textContent).toContain('Blackwire 3220 Series is connected again'));
    await waitFor(() => expect(hid.opened()).toBe(true));
    hid.press(8, blackwire({ hook: 1, flash: 1 }));
    await waitFor(() => expect(sentTo(fake, 'sessions.hold')).toHaveLength(1));
  });

  it('Settings → Headset: Connect a headset asks for telephony devices only, then shows it in use with its buttons active', async () => {
    version = 1;
    const { hid } = open(blackwire3220(), [], false);
    await screen.findByLabelText('Number');
    await fireEvent.click(screen.getByRole('tab', { name: /Settings/ }));
    // Settings is a chunk of its own: the first open may take a while.
    const section = (await screen.findByRole('group', { name: 'Headset' }, { timeout: 10_000 })) as HTMLElement;
    expect(section.textContent).toContain('No telephony headset connected.');
    await fireEvent.click(screen.getByRole('button', { name: 'Connect a headset' }));
    await waitFor(() => expect(section.textContent).toContain('In use'));
    expect(hid.chooserFilters()).toEqual([[{ usagePage: 0x0b }]]);
    expect(screen.getByRole('list', { name: 'Connected headsets' }).textContent).toContain('Plantronics Blackwire 3220 Series');
    expect(section.textContent).toContain('Buttons active');
  });
});

describe('a Jabra Speak 510 (recorded descriptor: buttons flagged Constant, no LEDs published)', () => {
  it('its one-shot Flash holds, its hook switch hangs up, and nothing is sent to it', async () => {
    version = 1;
    // Separate presses on purpose, not the bounce the double-press guard ignores.
    windowPressesApart();
    const { fake, hid } = open(jabraSpeak510());
    await screen.findByRole('region', { name: 'On call' });
    await waitFor(() => expect(hid.opened()).toBe(true));
    // Report 3: bit 0 Hook Switch (state), bit 5 Flash (one-shot); the headset is off hook on the call.
    hid.press(3, [0x21, 0]);
    await waitFor(() => expect(sentTo(fake, 'sessions.hold')).toHaveLength(1));
    hid.press(3, [0x00, 0]);
    await waitFor(() => expect(sentTo(fake, 'sessions.end')).toHaveLength(1));
    expect(hid.sent()).toEqual([]);
  });

  it('Redial calls the last number again when no call is on, and does nothing during a call', async () => {
    version = 1;
    const { fake, hid } = open(jabraSpeak510(), [], true, ['+15550100123']);
    await screen.findByLabelText('Number');
    await waitFor(() => expect(hid.opened()).toBe(true));
    // Report 3, bit 6: Redial (one-shot).
    hid.press(3, [0x40, 0]);
    await waitFor(() => expect(sentTo(fake, 'sessions.create')).toEqual([{ to: '+15550100123' }]));
    change(fake, [callView()]);
    await screen.findByRole('region', { name: 'On call' });
    hid.press(3, [0x40, 0]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sentTo(fake, 'sessions.create')).toHaveLength(1);
  });
});
