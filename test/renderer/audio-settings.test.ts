import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import AudioSettings from '../../renderer/src/lib/components/AudioSettings.svelte';
import { MicrophoneMeter, levelOf, type MeterDeps } from '../../renderer/src/lib/audio/microphone-meter.svelte';
import { SoundCheck, type PlayableAudio } from '../../renderer/src/lib/audio/sound-check.svelte';

/** A microphone that hears a sine of the given amplitude; frames run when the test says so. */
function fakeMicrophone(amplitude: { value: number }) {
  const frames: (() => void)[] = [];
  const stopped: string[] = [];
  const deps: MeterDeps = {
    getUserMedia: vi.fn(async () => ({ getTracks: () => [{ stop: () => stopped.push('track') }] }) as unknown as MediaStream),
    createContext: () =>
      ({
        createAnalyser: () => ({
          fftSize: 0,
          getFloatTimeDomainData: (out: Float32Array) => out.forEach((_, i) => (out[i] = amplitude.value * Math.sin(i / 3))),
        }),
        createMediaStreamSource: () => ({ connect: () => undefined }),
        close: async () => void stopped.push('context'),
      }) as unknown as AudioContext,
    requestFrame: (fn) => frames.push(fn),
    cancelFrame: () => undefined,
  };
  return { deps, frames, stopped, tick: () => frames.shift()?.() };
}

class FakeAudio implements PlayableAudio {
  static made: FakeAudio[] = [];
  sinks: string[] = [];
  played = false;
  paused = false;
  constructor(
    public url: string,
    private readonly failSink = false,
  ) {
    FakeAudio.made.push(this);
  }
  async play() {
    this.played = true;
  }
  pause() {
    this.paused = true;
  }
  async setSinkId(id: string) {
    if (this.failSink) throw new Error('NotFoundError');
    this.sinks.push(id);
  }
  addEventListener() {}
}

const audio = () => ({ input: 'default', output: 'default', ringtone: 'default', noiseSuppression: true, callerNoiseSuppression: false });
const devices = [
  { id: 'mic-1', label: 'USB Headset', kind: 'audioinput' as const },
  { id: 'spk-1', label: 'Desk Speakers', kind: 'audiooutput' as const },
];

describe('microphone level meter', () => {
  it('turns loudness into a 0..1 level: silence is 0, a loud voice near 1', () => {
    expect(levelOf(new Float32Array(64))).toBe(0);
    const loud = new Float32Array(64).map((_, i) => 0.7 * Math.sin(i));
    const quiet = new Float32Array(64).map((_, i) => 0.01 * Math.sin(i));
    expect(levelOf(loud)).toBeGreaterThan(0.85);
    expect(levelOf(quiet)).toBeGreaterThan(0.2);
    expect(levelOf(quiet)).toBeLessThan(0.5);
  });

  it('follows the chosen microphone while the test runs, and lets it go when stopped', async () => {
    const amplitude = { value: 0.01 };
    const mic = fakeMicrophone(amplitude);
    const meter = new MicrophoneMeter(mic.deps);
    const draft = audio();
    draft.input = 'mic-1';
    render(AudioSettings, { audio: draft, devices, meter });
    await fireEvent.click(screen.getByRole('button', { name: 'Test microphone' }));
    await vi.waitFor(() => expect(meter.running).toBe(true));
    expect(mic.deps.getUserMedia).toHaveBeenCalledWith({ audio: { deviceId: { exact: 'mic-1' } } });
    const level = screen.getByLabelText('Microphone level') as HTMLMeterElement;
    const quiet = Number(level.value);
    amplitude.value = 0.5;
    mic.tick();
    await vi.waitFor(() => expect(Number(level.value)).toBeGreaterThan(quiet));
    await fireEvent.click(screen.getByRole('button', { name: 'Stop test' }));
    expect(mic.stopped).toEqual(['track', 'context']);
    expect(Number(level.value)).toBe(0);
  });

  it('says why when the microphone may not be used', async () => {
    const mic = fakeMicrophone({ value: 0 });
    mic.deps.getUserMedia = async () => {
      throw Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    };
    render(AudioSettings, { audio: audio(), devices, meter: new MicrophoneMeter(mic.deps) });
    await fireEvent.click(screen.getByRole('button', { name: 'Test microphone' }));
    expect((await screen.findByRole('alert')).textContent).toContain('may not use the microphone');
    expect(screen.getByRole('button', { name: 'Test microphone' }).getAttribute('aria-pressed')).toBe('false');
  });
});

describe('speaker test and ringtone preview', () => {
  it('plays the test sound on the chosen speaker and the ringtone on the ringtone device', async () => {
    FakeAudio.made = [];
    const sounds = new SoundCheck((url) => new FakeAudio(url));
    const draft = audio();
    draft.output = 'spk-1';
    render(AudioSettings, { audio: draft, devices, sounds });
    await fireEvent.click(screen.getByRole('button', { name: 'Play test sound' }));
    await vi.waitFor(() => expect(FakeAudio.made[0]!.played).toBe(true));
    expect(FakeAudio.made[0]).toMatchObject({ url: '/sounds/outgoing.wav', sinks: ['spk-1'] });
    await fireEvent.click(screen.getByRole('button', { name: 'Preview ringtone' }));
    await vi.waitFor(() => expect(FakeAudio.made[1]!.played).toBe(true));
    expect(FakeAudio.made[0]!.paused).toBe(true);
    expect(FakeAudio.made[1]).toMatchObject({ url: '/sounds/incoming.wav', sinks: [] });
    expect(screen.getByRole('button', { name: 'Stop' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('says so when the chosen device cannot play', async () => {
    const sounds = new SoundCheck((url) => new FakeAudio(url, true));
    const draft = audio();
    draft.output = 'spk-1';
    render(AudioSettings, { audio: draft, devices, sounds });
    await fireEvent.click(screen.getByRole('button', { name: 'Play test sound' }));
    expect((await screen.findByRole('alert')).textContent).toContain('could not play the sound');
    expect(screen.getByRole('button', { name: 'Play test sound' }).getAttribute('aria-pressed')).toBe('false');
  });
});
