import { describe, expect, it } from 'vitest';
import { decibels, timingsFromQuery, VoiceWatch } from '../../renderer/src/lib/audio/voice-watch';

/** Feeds the watch one level every 50 ms for `ms`, from `from`; answers the time reached. */
function feed(watch: VoiceWatch, level: (t: number) => number, from: number, ms: number): number {
  for (let t = from; t < from + ms; t += 50) watch.update(level(t), t);
  return from + ms;
}

/** Speech-like: 300 ms syllables at -20 dBFS with 100 ms gaps at the room's noise. */
const speech = (noise: number) => (t: number) => (t % 400 < 300 ? -20 : noise);

describe('what the microphone level says (talking, dead)', () => {
  it('speech counts as talking after about a second, not before, and stops after a pause', () => {
    const watch = new VoiceWatch();
    let t = feed(watch, () => -70, 0, 2000);
    t = feed(watch, speech(-70), t, 800);
    expect(watch.speaking).toBe(false);
    t = feed(watch, speech(-70), t, 400);
    expect(watch.speaking).toBe(true);
    feed(watch, () => -70, t, 1000);
    expect(watch.speaking).toBe(false);
  });

  it('steady room noise, even loud, is not talking once the watch has heard it', () => {
    const watch = new VoiceWatch();
    feed(watch, () => -70, 0, 500);
    const t = feed(watch, () => -38, 500, 8000);
    expect(watch.speaking).toBe(false);
    feed(watch, speech(-38), t, 1500);
    expect(watch.speaking).toBe(true);
  });

  it('digital silence for five seconds is a dead microphone; a quiet room is not', () => {
    const watch = new VoiceWatch();
    let t = feed(watch, () => -Infinity, 0, 4900);
    expect(watch.silent).toBe(false);
    t = feed(watch, () => -Infinity, t, 200);
    expect(watch.silent).toBe(true);
    feed(watch, () => -75, t, 100);
    expect(watch.silent).toBe(false);
    const quiet = new VoiceWatch();
    feed(quiet, () => -80, 0, 10_000);
    expect(quiet.silent).toBe(false);
  });

  it('decibels of samples: full-scale square is 0 dBFS, zeros are -Infinity', () => {
    expect(decibels(Float32Array.from({ length: 480 }, (_, i) => (i % 2 ? 1 : -1)))).toBeCloseTo(0);
    expect(decibels(new Float32Array(480))).toBe(-Infinity);
  });

  it('the page query can shorten the waits (the harness tests), and nothing else', () => {
    expect(timingsFromQuery('?silentMs=1500')).toEqual({ talkMs: 1000, pauseMs: 800, silentMs: 1500 });
    expect(timingsFromQuery('?silentMs=-3&talkMs=abc')).toEqual({ talkMs: 1000, pauseMs: 800, silentMs: 5000 });
  });
});
