import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TwilioCallEngine } from '../../renderer/src/lib/calls/twilio-engine.svelte';
import { board, callView, fakeSoftphone } from '../support/fake-softphone';
import { StandInCall, StandInDevice } from '../support/twilio-standins';

function setup(behaviour: StandInDevice['registerBehaviour'] = 'succeed') {
  const fake = fakeSoftphone();
  let n = 0;
  fake.answer('voice.token', () => ({ ok: true, value: { token: `token-${++n}`, identity: 'dana', expiresAt: null, chunderw: null } }));
  fake.answer('calls.freeLine', { ok: true, value: board([]) });
  const timers: { fn: () => void; ms: number }[] = [];
  const engine = new TwilioCallEngine(fake.api, {
    loadDevice: async () => (token, options) => {
      const device = new StandInDevice(token, options);
      device.registerBehaviour = behaviour;
      return device;
    },
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => undefined,
  });
  const device = () => StandInDevice.created.at(-1)!;
  return { fake, engine, device, timers };
}

beforeEach(() => {
  StandInDevice.created = [];
});

describe('Twilio call engine (stand-in Device and Call with the SDK event names)', () => {
  it('registers with the token from main, preferring opus then PCMU, local sounds and a long signalling timeout', async () => {
    const { engine, device } = setup();
    expect(engine.status).toBe('offline');
    await engine.start();
    expect(engine.status).toBe('registered');
    expect(device().tokens).toEqual(['token-1']);
    expect(device().options).toMatchObject({ codecPreferences: ['opus', 'pcmu'], maxCallSignalingTimeoutMs: 30_000 });
    expect(device().options.sounds.incoming).toBe('/sounds/incoming.wav');
    expect(Object.values(device().options.sounds).every((url) => url.startsWith('/sounds/'))).toBe(true);
  });

  it('reports registering until the SDK says registered', async () => {
    const { engine, device } = setup('hang');
    await engine.start();
    expect(engine.status).toBe('registering');
    device().emit('registered');
    expect(engine.status).toBe('registered');
  });

  it('rebuilds the Device when register() has not completed in 30 s', async () => {
    const { engine, timers } = setup('hang');
    await engine.start();
    const watchdog = timers.at(-1)!;
    expect(watchdog.ms).toBe(30_000);
    watchdog.fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(StandInDevice.created).toHaveLength(2);
    expect(StandInDevice.created[0]!.destroyed).toBe(true);
    expect(StandInDevice.created[1]!.tokens).toEqual(['token-2']);
  });

  it('says plainly when the microphone is refused', async () => {
    const { engine } = setup('fail');
    await engine.start();
    expect(engine.status).toBe('error');
    expect(engine.error).toContain('may not use the microphone');
  });

  it('fetches a fresh token on tokenWillExpire and hands it to updateToken', async () => {
    const { engine, device, fake } = setup();
    await engine.start();
    device().emit('tokenWillExpire');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(device().tokens).toEqual(['token-1', 'token-2']);
    expect(fake.calls.filter((c) => c.channel === 'voice.token')).toHaveLength(2);
  });

  it('rings on an incoming call and can accept it', async () => {
    const { engine, device } = setup();
    await engine.start();
    const call = new StandInCall({ CallSid: 'CA-in', From: '+15550100199' });
    device().emit('incoming', call);
    expect(engine.incoming).toEqual({ from: '+15550100199', sessionId: null, callSid: 'CA-in' });
    expect(await engine.answer(null, 'hold')).toMatchObject({ ok: true });
    expect(call.accepted).toBe(true);
    expect(engine.incoming).toBeNull();
    expect(engine.active).toEqual({ callSid: 'CA-in', state: 'open' });
    expect(engine.callSidFor(callView({ members: [] }))).toBe('CA-in');
  });

  it('answering during a call asks main to free the line first, and answers nothing when main refuses', async () => {
    const { engine, device, fake } = setup();
    await engine.start();
    await engine.dial('+15550100123');
    const talking = (engine as unknown as { call: StandInCall }).call;
    const ringing = new StandInCall({ CallSid: 'CA-in', From: '+15550100199' });
    device().emit('incoming', ringing);
    fake.answer('calls.freeLine', { ok: false, error: { code: 'EVO_FORBIDDEN', message: "Couldn't put Jane Doe on hold." } });
    expect(await engine.answer(null, 'end')).toMatchObject({ ok: false, error: { code: 'EVO_FORBIDDEN' } });
    expect(fake.calls.filter((c) => c.channel === 'calls.freeLine').at(-1)!.payload).toEqual({ mode: 'end' });
    expect([ringing.accepted, talking.disconnected]).toEqual([false, false]);
    fake.answer('calls.freeLine', { ok: true, value: board([]) });
    expect(await engine.answer(null, 'hold')).toMatchObject({ ok: true });
    // The agent's leg of the call now on hold carries no one (inferred): it is hung up here.
    expect([ringing.accepted, talking.disconnected]).toEqual([true, true]);
  });

  it('rejects an incoming call, and forgets one the caller cancelled', async () => {
    const { engine, device } = setup();
    await engine.start();
    const first = new StandInCall({ CallSid: 'CA-1', From: '+1' });
    device().emit('incoming', first);
    await engine.reject(null);
    expect(first.rejected).toBe(true);
    expect(engine.incoming).toBeNull();
    const second = new StandInCall({ CallSid: 'CA-2', From: '+2' });
    device().emit('incoming', second);
    second.emit('cancel');
    expect(engine.incoming).toBeNull();
    expect((await engine.answer(null, 'hold')).ok).toBe(false);
  });

  it('places an outgoing call with To (main frees the line first), follows ringing and accept, mutes and sends digits', async () => {
    const { engine, device, fake } = setup();
    await engine.start();
    expect((await engine.dial('+15550100123')).ok).toBe(true);
    expect(device().connects).toEqual([{ To: '+15550100123' }]);
    expect(engine.active?.state).toBe('connecting');
    const call = (engine as unknown as { call: StandInCall }).call;
    call.emit('ringing');
    expect(engine.active?.state).toBe('ringing');
    call.emit('accept');
    expect(engine.active?.state).toBe('open');
    engine.setMuted(true);
    expect(engine.muted).toBe(true);
    engine.sendDigits('12#');
    engine.sendDigits('not digits');
    expect(call.digits).toBe('12#');
    fake.answer('calls.freeLine', { ok: false, error: { code: 'CALL_LINE_BUSY', message: 'Wait a moment.' } });
    expect((await engine.dial('+15550100999')).ok).toBe(false);
    expect(device().connects).toHaveLength(1);
    expect(fake.calls.filter((c) => c.channel === 'calls.freeLine').map((c) => c.payload)).toEqual([{ mode: 'hold' }, { mode: 'hold' }]);
  });

  it('sends the digits dialled after the number once the call is accepted, a "," as two seconds of pauses', async () => {
    const { engine } = setup();
    await engine.start();
    await engine.dial('+15550100199', ',12#');
    const call = (engine as unknown as { call: StandInCall }).call;
    call.emit('ringing');
    expect(call.digits).toBe('');
    call.emit('accept');
    expect(call.digits).toBe('wwww12#');
  });

  it('turns reconnecting, reconnected and quality warnings into one calm sentence', async () => {
    const { engine } = setup();
    await engine.start();
    await engine.dial('+15550100123');
    const call = (engine as unknown as { call: StandInCall }).call;
    call.emit('warning', 'high-rtt');
    expect(engine.quality).toBe('The line is slow; there may be a delay.');
    call.emit('warning', 'constant-audio-input-level');
    expect(engine.quality).toBe('Your microphone seems silent. Check that it is plugged in and not muted.');
    call.emit('reconnecting');
    expect(engine.active?.state).toBe('reconnecting');
    expect(engine.quality).toContain('trying to recover');
    call.emit('reconnected');
    expect(engine.active?.state).toBe('open');
    call.emit('warning-cleared', 'constant-audio-input-level');
    call.emit('warning-cleared', 'high-rtt');
    expect(engine.quality).toBeNull();
  });

  it('hangs up its own leg', async () => {
    const { engine } = setup();
    await engine.start();
    await engine.dial('+15550100123');
    const call = (engine as unknown as { call: StandInCall }).call;
    engine.hangUp();
    expect(call.disconnected).toBe(true);
    expect(engine.active).toBeNull();
  });

  it('clears the call on disconnect', async () => {
    const { engine } = setup();
    await engine.start();
    await engine.dial('+15550100123');
    const call = (engine as unknown as { call: StandInCall }).call;
    engine.setMuted(true);
    call.disconnect();
    expect(engine.active).toBeNull();
    expect(engine.muted).toBe(false);
  });

  it('asks main for a refresh when a call rings, when the caller gives up, and when the other side hangs up', async () => {
    const { engine, device, fake } = setup();
    await engine.start();
    const refreshes = () => fake.calls.filter((c) => c.channel === 'calls.refresh').map((c) => c.payload);
    const cancelled = new StandInCall({ CallSid: 'CA-1', From: '+1' });
    device().emit('incoming', cancelled);
    cancelled.emit('cancel');
    expect(refreshes()).toEqual([{ reason: 'incoming' }, { reason: 'disconnect' }]);
    await engine.dial('+15550100123');
    (engine as unknown as { call: StandInCall }).call.disconnect();
    expect(refreshes()).toHaveLength(3);
    expect(refreshes().at(-1)).toEqual({ reason: 'disconnect' });
  });

  it("asks for no refresh when it hangs up its own leg: main already has Evo's answer", async () => {
    const { engine, fake } = setup();
    await engine.start();
    await engine.dial('+15550100123');
    engine.hangUp();
    await engine.dial('+15550100124');
    await engine.dial('+15550100125');
    expect(fake.calls.filter((c) => c.channel === 'calls.refresh')).toEqual([]);
  });

  it('opens the chosen microphone only for a call, falls back to the default when it is unplugged, and releases it after', async () => {
    const { engine, device } = setup();
    await engine.start();
    const audio = device().audio;
    audio.availableInputDevices.set('headset', { deviceId: 'headset', label: 'Headset' });
    audio.availableOutputDevices.set('headset-out', { deviceId: 'headset-out', label: 'Headset' });
    await engine.useAudio({ input: 'headset', output: 'headset-out', ringtone: 'gone' });
    expect([audio.input, audio.speakerDevices.current, audio.ringtoneDevices.current]).toEqual([null, 'headset-out', 'default']);
    await engine.dial('+15550100123');
    expect(audio.input).toBe('headset');
    audio.availableInputDevices.delete('headset');
    audio.emit('deviceChange');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(audio.input).toBe('default');
    engine.hangUp();
    await vi.waitFor(() => expect(audio.input).toBeNull());
  });

  it('answering opens the microphone; the caller hanging up releases it', async () => {
    const { engine, device } = setup();
    await engine.start();
    const call = new StandInCall({ CallSid: 'CA-in-1', From: '+15550100199' });
    device().emit('incoming', call);
    expect((await engine.answer(null, 'hold')).ok).toBe(true);
    expect(device().audio.input).toBe('default');
    call.disconnect();
    await vi.waitFor(() => expect(device().audio.input).toBeNull());
  });

  it("runs noise suppression as the SDK's processor: the agent's audio, the caller's as an option, removed when turned off", async () => {
    const { engine, device } = setup();
    await engine.start();
    const audio = device().audio;
    const choice = { input: 'default', output: 'default', ringtone: 'default' };
    await engine.useAudio({ ...choice, noiseSuppression: true, callerNoiseSuppression: false });
    expect(audio.processors.map(([, remote]) => remote)).toEqual([false]);
    await engine.useAudio({ ...choice, noiseSuppression: true, callerNoiseSuppression: true });
    await engine.useAudio({ ...choice, noiseSuppression: true, callerNoiseSuppression: true });
    expect(audio.processors.map(([, remote]) => remote)).toEqual([false, true]);
    await engine.useAudio({ ...choice, noiseSuppression: false, callerNoiseSuppression: false });
    expect(audio.processors).toEqual([]);
  });

  it("the SDK's silent-microphone warning is passed on, and cleared with the call", async () => {
    const { engine, device } = setup();
    await engine.start();
    await engine.dial('+15550100123');
    const call = (engine as unknown as { call: StandInCall }).call;
    call.emit('warning', 'constant-audio-input-level');
    expect(engine.inputSilent).toBe(true);
    call.emit('warning-cleared', 'constant-audio-input-level');
    expect(engine.inputSilent).toBe(false);
    call.emit('warning', 'constant-audio-input-level');
    call.disconnect();
    expect(engine.inputSilent).toBe(false);
    expect(device().destroyed).toBe(false);
  });

  it('stops: the Device is destroyed and the phone is offline', async () => {
    const { engine, device } = setup();
    await engine.start();
    engine.stop();
    expect(device().destroyed).toBe(true);
    expect(engine.status).toBe('offline');
  });
});
