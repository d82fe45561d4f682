#!/usr/bin/env node
/**
 * Writes the softphone's sounds (ringtone, ringback, hang-up, DTMF) as small WAV files into
 * resources/public/sounds, so the Voice SDK plays them from the app instead of Twilio's CDN.
 * Pure tones, generated: no third-party audio to license. Run: node electron/tools/make-sounds.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wav as pcmWav } from './wav.mjs';

const RATE = 16000;
const out = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../resources/public/sounds');
mkdirSync(out, { recursive: true });

/** segments: [durationSec, [freqHz...] | null (silence)] */
function wav(segments, volume = 0.35) {
  const samples = [];
  for (const [seconds, freqs] of segments) {
    const count = Math.round(seconds * RATE);
    for (let i = 0; i < count; i += 1) {
      const fade = Math.min(1, i / 80, (count - i) / 80);
      const value = freqs ? freqs.reduce((sum, f) => sum + Math.sin((2 * Math.PI * f * i) / RATE), 0) / freqs.length : 0;
      samples.push(Math.round(value * fade * volume * 32767));
    }
  }
  return pcmWav(Int16Array.from(samples), RATE);
}

const DTMF = {
  1: [697, 1209],
  2: [697, 1336],
  3: [697, 1477],
  4: [770, 1209],
  5: [770, 1336],
  6: [770, 1477],
  7: [852, 1209],
  8: [852, 1336],
  9: [852, 1477],
  s: [941, 1209],
  0: [941, 1336],
  h: [941, 1477],
};
for (const [key, freqs] of Object.entries(DTMF)) writeFileSync(join(out, `dtmf${key}.wav`), wav([[0.16, freqs]]));
// A calm two-tone ring, repeated by the SDK while a call is incoming.
writeFileSync(
  join(out, 'incoming.wav'),
  wav(
    [
      [0.4, [440, 480]],
      [0.2, null],
      [0.4, [440, 480]],
      [2.0, null],
    ],
    0.3,
  ),
);
writeFileSync(
  join(out, 'outgoing.wav'),
  wav(
    [
      [1.0, [440, 480]],
      [3.0, null],
    ],
    0.25,
  ),
);
writeFileSync(
  join(out, 'disconnect.wav'),
  wav(
    [
      [0.12, [620]],
      [0.05, null],
      [0.12, [480]],
    ],
    0.3,
  ),
);
console.log(`sounds written to ${out}`);
