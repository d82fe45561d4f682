import { describe, expect, it, vi } from 'vitest';
import { MicrophoneGuard, type GuardDeps } from '../../renderer/src/lib/audio/microphone-guard.svelte';

/** A microphone whose every sample is `level`; timers run at once, 50 ms apart on a fake clock. */
function fakes(level: number | 'refused') {
  let clock = 0;
  const stopped: boolean[] = [];
  const deps: GuardDeps = {
    getUserMedia: vi.fn(async () => {
      if (level === 'refused') throw Object.assign(new Error('no'), { name: 'NotAllowedError' });
      const track = { stop: () => stopped.push(true), addEventListener: () => undefined };
      return { getTracks: () => [track], getAudioTracks: () => [track] } as unknown as MediaStream;
    }),
    createContext: () =>
      ({
        createAnalyser: () => ({ fftSize: 0, getFloatTimeDomainData: (samples: Float32Array) => samples.fill(level as number) }),
        createMediaStreamSource: () => ({ connect: () => undefined }),
        close: async () => undefined,
      }) as unknown as AudioContext,
    setInterval: (fn) => {
      let running = true;
      void (async () => {
        while (running) {
          clock += 50;
          fn();
          await Promise.resolve();
        }
      })();
      return () => (running = false);
    },
    clearInterval: (handle) => (handle as () => void)(),
    now: () => clock,
  };
  return { deps, stopped };
}

describe('the microphone is checked after sleep or a screen lock, before the next call', () => {
  it('a microphone giving digital silence is reported, and let go', async () => {
    const { deps, stopped } = fakes(0);
    const guard = new MicrophoneGuard(deps);
    await guard.checkAfterWake('default');
    expect(guard.afterWake).toMatch(/^After the computer woke up, your microphone gives no sound/);
    expect(stopped).toEqual([true]);
    guard.dismissNotice();
    expect(guard.afterWake).toBeNull();
  });

  it('a working microphone says nothing; a refused one says why', async () => {
    const working = new MicrophoneGuard(fakes(0.001).deps);
    await working.checkAfterWake('default');
    expect(working.afterWake).toBeNull();
    const refused = new MicrophoneGuard(fakes('refused').deps);
    await refused.checkAfterWake('default');
    expect(refused.afterWake).toMatch(/may not use the microphone/);
  });
});
