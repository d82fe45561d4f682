/**
 * Noise suppression (RNNoise, the shipped chunk) in headless Chromium: speech from espeak-ng mixed
 * with noise from sox (pink noise, and babble made of four espeak voices) at 5 dB SNR, rendered
 * through the suppressor and, as the baseline, through a plain gain node, in the same run.
 *
 * SNR is measured the same way on both: the clean speech is known, so each 20 ms frame of the
 * output is projected onto the clean speech of that frame (at the measured lag); the projection
 * is the speech that came through, the rest (noise and any damage to the speech) is noise.
 * Latency: the lag at which the output of the clean speech best matches the input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from '../../electron/harness/server';
import { launchChromium } from '../e2e/browser';
import { babbleWav, fixtureDir, noiseWav, readWav, SAMPLE_RATE, speechWav } from '../support/audio-fixtures';
import { result, type BenchResult } from './stats';

const INPUT_SNR_DB = 5;
const FRAME = SAMPLE_RATE / 50;
const MAX_LAG = SAMPLE_RATE / 10;
/** Where the input starts in the rendered output: the suppressor is given time to load first. */
const LEAD_IN = 1024;

const power = (samples: Float32Array) => samples.reduce((sum, sample) => sum + sample * sample, 0);

/** The clean speech plus the noise (looped), scaled so that speech is `snrDb` above it. */
export function mix(speech: Float32Array, noise: Float32Array, snrDb: number): { mixed: Float32Array; noise: Float32Array } {
  const looped = Float32Array.from(speech, (_, i) => noise[i % noise.length]!);
  const gain = Math.sqrt(power(speech) / power(looped) / 10 ** (snrDb / 10));
  const scaled = looped.map((sample) => sample * gain);
  return { mixed: speech.map((sample, i) => sample + scaled[i]!), noise: scaled };
}

/** The lag (in samples) at which `output` best matches `input`. */
export function lagOf(input: Float32Array, output: Float32Array): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = 0; lag <= MAX_LAG; lag += 1) {
    let score = 0;
    // The first three seconds are speech enough to find it.
    for (let i = 0; i + lag < output.length && i < Math.min(input.length, SAMPLE_RATE * 3); i += 4) score += input[i]! * output[i + lag]!;
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best;
}

/** SNR (dB) of `output` against the clean speech, by a least-squares projection per 20 ms frame. */
export function snrAgainst(clean: Float32Array, output: Float32Array, lag: number): number {
  let speech = 0;
  let rest = 0;
  for (let start = 0; start + FRAME <= clean.length; start += FRAME) {
    let ss = 0;
    let ys = 0;
    let yy = 0;
    for (let i = start; i < start + FRAME; i += 1) {
      const s = clean[i]!;
      const y = output[i + lag] ?? 0;
      ss += s * s;
      ys += y * s;
      yy += y * y;
    }
    const through = ss > 0 ? (ys * ys) / ss : 0;
    speech += through;
    rest += yy - through;
  }
  return 10 * Math.log10(speech / rest);
}

const toBase64 = (samples: Float32Array) => Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString('base64');
const fromBase64 = (text: string) => {
  const bytes = Buffer.from(text, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

export async function noiseSuppression(): Promise<BenchResult[]> {
  const dir = fixtureDir();
  const speech = readWav(readFileSync(speechWav(dir)));
  const noises = {
    'pink noise': readWav(readFileSync(noiseWav(dir, 'pinknoise', 12))),
    'babble of 4 voices': readWav(readFileSync(babbleWav(dir))),
  };
  const chunk = readdirSync(join(process.cwd(), 'out/renderer/assets')).find((name) => /^rnnoise-.*\.js$/.test(name));
  if (!chunk) throw new Error('No rnnoise chunk in out/renderer: run `npx electron-vite build` first');
  const harness = await startHarness({ quiet: true, simulator: { seed: { history: 0, liveCall: false } } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // tsx keeps function names with a helper (__name) that the page does not have.
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(harness.url);
    /** Renders the signals through RNNoise (or a plain gain node) in an offline context at 48 kHz. */
    const render = (signals: Float32Array[], suppress: boolean) =>
      page
        .evaluate(
          async ({ chunkUrl, inputs, suppress, leadIn }) => {
            const { createRnnoiseNode } = (await import(chunkUrl)) as {
              createRnnoiseNode(context: BaseAudioContext): Promise<AudioNode>;
            };
            const decode = (text: string) => new Float32Array(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer);
            const encode = (samples: Float32Array) => {
              const bytes = new Uint8Array(samples.buffer);
              let text = '';
              for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
              return btoa(text);
            };
            const outputs: string[] = [];
            for (const input of inputs.map(decode)) {
              const context = new OfflineAudioContext(1, input.length + 9600, 48_000);
              const buffer = context.createBuffer(1, input.length, 48_000);
              buffer.copyToChannel(input, 0);
              const source = context.createBufferSource();
              source.buffer = buffer;
              const node = suppress ? await createRnnoiseNode(context) : context.createGain();
              source.connect(node).connect(context.destination);
              source.start(leadIn / 48_000);
              // RNNoise's worklet instantiates its wasm asynchronously (silence until then, a few
              // ms in a live call): the offline render waits for it before the speech starts.
              const ready = context.suspend(256 / 48_000).then(async () => {
                await new Promise((resolve) => setTimeout(resolve, 300));
                await context.resume();
              });
              const rendering = context.startRendering();
              await ready;
              outputs.push(encode((await rendering).getChannelData(0)));
            }
            return outputs;
          },
          { chunkUrl: `/assets/${chunk}`, inputs: signals.map(toBase64), suppress, leadIn: LEAD_IN },
        )
        .then((outputs) => outputs.map(fromBase64));

    const rows: BenchResult[] = [];
    const [cleanOut] = await render([speech], true);
    const [cleanPlain] = await render([speech], false);
    const lag = lagOf(speech, cleanOut!);
    const plainLag = lagOf(speech, cleanPlain!);
    const latencyMs = ((lag - LEAD_IN) / SAMPLE_RATE) * 1000;
    const plainMs = ((plainLag - LEAD_IN) / SAMPLE_RATE) * 1000;
    for (const [name, noise] of Object.entries(noises)) {
      const { mixed, noise: scaled } = mix(speech, noise, INPUT_SNR_DB);
      const [mixedOut, noiseOut] = await render([mixed, scaled], true);
      const [mixedPlain] = await render([mixed], false);
      // Each path is held against its own rendering of the clean speech: what differs is noise.
      const before = snrAgainst(cleanPlain!, mixedPlain!, 0);
      const after = snrAgainst(cleanOut!, mixedOut!, 0);
      // Stricter: against the clean input itself, so that any change to the voice counts as noise too.
      const strictBefore = snrAgainst(speech, mixedPlain!, plainLag);
      const strictAfter = snrAgainst(speech, mixedOut!, lag);
      const noiseCut = 10 * Math.log10(power(scaled) / power(noiseOut!));
      const speechKept = 10 * Math.log10(power(cleanOut!) / power(speech));
      // As a noise-to-speech power ratio, so that "10 dB better" is a ratio of at most 0.1 to the unprocessed mix.
      rows.push(
        result(
          `noise suppression, noise-to-speech power, speech + ${name} at ${INPUT_SNR_DB} dB SNR`,
          10 ** (-after / 10),
          'N/S',
          'the unprocessed mix, same measure',
          10 ** (-before / 10),
          name === 'pink noise' ? { maxRatio: 0.1 } : { none: 'babble is speech itself: shown, no goal' },
          `${name}: SNR ${before.toFixed(1)} dB in, ${after.toFixed(1)} dB out (${(after - before).toFixed(1)} dB better); ` +
            `against the clean input ${strictBefore.toFixed(1)} -> ${strictAfter.toFixed(1)} dB; noise alone cut by ${noiseCut.toFixed(1)} dB; ` +
            `clean speech level ${speechKept.toFixed(1)} dB`,
        ),
      );
    }
    rows.push(result('noise suppression, added latency', latencyMs, 'ms', 'the same graph with a gain node', plainMs, { maxValue: 20 }));
    return rows;
  } finally {
    await browser.close();
    await harness.close();
  }
}
