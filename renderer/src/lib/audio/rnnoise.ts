/**
 * RNNoise as a Web Audio node (@sapphi-red/web-noise-suppressor, MIT): the worklet and its wasm
 * are the app's own files. A chunk of its own, imported only when noise suppression starts, so
 * the start-up bundle does not carry it.
 */
import { loadRnnoise, RnnoiseWorkletNode } from '@sapphi-red/web-noise-suppressor';
import workletUrl from '@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js?url';
import wasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise.wasm?url';
import simdUrl from '@sapphi-red/web-noise-suppressor/rnnoise_simd.wasm?url';

/** RNNoise is trained on (and the node assumes) 48 kHz audio. */
export const RNNOISE_SAMPLE_RATE = 48_000;

let binary: Promise<ArrayBuffer> | null = null;
const registered = new WeakMap<BaseAudioContext, Promise<void>>();

export interface SuppressorNode extends AudioNode {
  destroy(): void;
}

export async function createRnnoiseNode(context: BaseAudioContext): Promise<SuppressorNode> {
  // Compiled here once first: the worklet cannot report a refused compile (a CSP without
  // 'wasm-unsafe-eval') and would send silence; here it throws, and the audio goes unprocessed.
  binary ??= loadRnnoise({ url: wasmUrl, simdUrl })
    .then(async (bytes) => (await WebAssembly.compile(bytes), bytes))
    .catch((error: unknown) => {
      binary = null;
      throw error;
    });
  let module = registered.get(context);
  if (!module) {
    module = context.audioWorklet.addModule(workletUrl);
    registered.set(context, module);
  }
  const [wasmBinary] = await Promise.all([binary, module]);
  return new RnnoiseWorkletNode(context as AudioContext, { maxChannels: 1, wasmBinary });
}
