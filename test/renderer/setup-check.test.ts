import { describe, expect, it, vi } from 'vitest';
import { SetupCheck, type SetupDeps } from '../../renderer/src/lib/audio/setup-check.svelte';

/** A microphone whose samples are `level` (a constant, so its dBFS is 20 log10(level)). */
function deps(level: number, options: { reach?: boolean; evoMs?: number; playFails?: boolean } = {}) {
  let clock = 0;
  const track = { stop: vi.fn() };
  const stream = { getTracks: () => [track], getAudioTracks: () => [track] } as unknown as MediaStream;
  const played: string[] = [];
  const fake: SetupDeps = {
    getUserMedia: vi.fn(async () => stream),
    createContext: () =>
      ({
        createAnalyser: () => ({ fftSize: 0, getFloatTimeDomainData: (samples: Float32Array) => samples.fill(level) }),
        createMediaStreamSource: () => ({ connect: () => undefined }),
        close: async () => undefined,
      }) as unknown as AudioContext,
    play: vi.fn(async (url: string) => {
      if (options.playFails) throw new Error('no sink');
      played.push(url);
      return { stop: () => undefined };
    }),
    record: vi.fn(async () => 'blob:recording'),
    reachEvo: async () => {
      clock += options.evoMs ?? 40;
      return options.reach ?? true;
    },
    wait: async () => undefined,
    now: () => clock,
  };
  return { fake, played, track };
}

/** Runs the check, answering each question as given. */
async function runAnswering(check: SetupCheck, answers: boolean[]) {
  const running = check.run({ input: 'default', output: 'default' });
  for (const [i, answer] of answers.entries()) {
    const step = (['speaker', 'playback'] as const)[i]!;
    await vi.waitFor(() => expect(check.steps[step].status).toBe('ask'));
    check.heard(answer);
  }
  await running;
}

describe('Check my setup', () => {
  it('all well: each step passes, in plain words, and the microphone is let go', async () => {
    const { fake, played, track } = deps(0.1);
    const check = new SetupCheck(fake);
    await runAnswering(check, [true, true]);
    expect(Object.values(check.steps).map((step) => step.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(check.steps.evo.detail).toBe('Evo Voice answers in 40 ms.');
    expect(played).toEqual(['/sounds/outgoing.wav', 'blob:recording']);
    expect(track.stop).toHaveBeenCalled();
  });

  it('a silent microphone, an unheard tone and an unreachable Evo each get a fix', async () => {
    const { fake } = deps(0, { reach: false });
    const check = new SetupCheck(fake);
    await runAnswering(check, [false, false]);
    expect(check.steps.microphone).toMatchObject({ status: 'fix', detail: expect.stringMatching(/^No sound from your microphone/) });
    expect(check.steps.speaker).toMatchObject({ status: 'fix', detail: expect.stringMatching(/volume/) });
    expect(check.steps.evo).toMatchObject({ status: 'fix', detail: expect.stringMatching(/could not be reached/) });
  });

  it('a quiet microphone passes with advice; a slow Evo is a fix', async () => {
    const { fake } = deps(0.005, { evoMs: 1500 });
    const check = new SetupCheck(fake);
    await runAnswering(check, [true, true]);
    expect(check.steps.microphone).toMatchObject({ status: 'pass', detail: expect.stringMatching(/quiet/) });
    expect(check.steps.evo).toMatchObject({ status: 'fix', detail: expect.stringMatching(/slowly \(1500 ms\)/) });
  });

  it('a speaker that cannot play is a fix without a question', async () => {
    const { fake } = deps(0.1, { playFails: true });
    const check = new SetupCheck(fake);
    await check.run({ input: 'default', output: 'gone' });
    expect(check.steps.speaker).toMatchObject({ status: 'fix', detail: expect.stringMatching(/could not be played/) });
  });
});
