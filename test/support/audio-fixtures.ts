/**
 * Sound files for the microphone tests and the noise bench, made on the spot: speech from
 * Debian's espeak-ng, noise from sox, silence written here. 48 kHz mono 16-bit WAV, Chromium's
 * fake capture device plays them in a loop. Missing tools fail with the command that installs them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wav as pcmWav } from '../../electron/tools/wav.mjs';

export const SAMPLE_RATE = 48_000;

const SENTENCES = [
  'Thank you for calling, this is Dana. How can I help you today?',
  'Let me look up your account. Could you give me the number on your last invoice?',
];

function run(tool: string, args: string[]): void {
  try {
    execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is needed to make the audio fixtures: sudo apt-get install -y espeak-ng sox`);
    }
    throw error;
  }
}

export const fixtureDir = () => mkdtempSync(join(tmpdir(), 'evo-audio-'));

/** A voice reading the sentences, resampled to 48 kHz mono at about -20 dBFS RMS. */
export function speechWav(dir: string, voice = 'en-us', name = 'speech.wav'): string {
  const raw = join(dir, `${name}.raw.wav`);
  const out = join(dir, name);
  run('espeak-ng', ['-v', voice, '-s', '155', '-w', raw, SENTENCES.join(' ')]);
  run('sox', [raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', out, 'norm', '-3', 'pad', '0.3', '0.3']);
  return out;
}

/** Digital silence (a dead or muted-at-the-source microphone). */
export function silenceWav(dir: string, seconds = 2): string {
  const out = join(dir, 'silence.wav');
  writeFileSync(out, wav(new Int16Array(SAMPLE_RATE * seconds)));
  return out;
}

/** Noise of a kind sox makes ('pinknoise', 'brownnoise', 'whitenoise'), `seconds` long, at full scale before mixing. */
export function noiseWav(dir: string, kind: 'pinknoise' | 'brownnoise' | 'whitenoise', seconds: number): string {
  const out = join(dir, `${kind}.wav`);
  run('sox', ['-R', '-n', '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', out, 'synth', String(seconds), kind, 'norm', '-3']);
  return out;
}

/** A 16-bit mono PCM WAV file (the app's sound tool writes its sounds with the same function). */
export function wav(samples: Int16Array, rate = SAMPLE_RATE): Buffer {
  return pcmWav(samples, rate);
}

/** The samples of a 16-bit mono WAV written by sox or `wav` (the data chunk found by name). */
export function readWav(file: Buffer): Float32Array {
  let offset = 12;
  while (offset < file.length - 8) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    if (id === 'data') {
      const pcm = new Int16Array(file.buffer.slice(file.byteOffset + offset + 8, file.byteOffset + offset + 8 + size));
      return Float32Array.from(pcm, (sample) => sample / 32768);
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('No data chunk in the WAV file');
}

const BABBLE = [
  ['en-us+m3', 'The delivery was supposed to arrive on Tuesday but nobody came to the door.'],
  ['en+f2', 'I would like to change the address on my account to the new office downtown.'],
  ['en-gb+m5', 'Can you read me the reference number again, slowly please, one digit at a time?'],
  ['en-us+f4', 'We have had this problem since the upgrade last month and it keeps getting worse.'],
] as const;

/** Several voices talking at once, as in an open-plan office, made from espeak-ng voices mixed by sox. */
export function babbleWav(dir: string): string {
  const voices = BABBLE.map(([voice, text], i) => {
    const raw = join(dir, `babble-${i}.raw.wav`);
    const out = join(dir, `babble-${i}.wav`);
    run('espeak-ng', ['-v', voice, '-s', String(150 + i * 12), '-w', raw, `${text} ${text}`]);
    run('sox', [raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', out, 'pad', String(i * 0.4), '0']);
    return out;
  });
  const out = join(dir, 'babble.wav');
  run('sox', ['-m', ...voices, out, 'norm', '-3']);
  return out;
}
