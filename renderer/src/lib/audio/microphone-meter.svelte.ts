/**
 * Settings' microphone check: opens the chosen microphone and reports how loud it hears the
 * agent, about 60 times a second, until stopped. Nothing is recorded or sent anywhere.
 */
import { refusal } from './microphone';

export interface MeterDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  createContext(): AudioContext;
  requestFrame(fn: () => void): number;
  cancelFrame(handle: number): void;
}

const browserDeps = (): MeterDeps | null => {
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!media?.getUserMedia || typeof AudioContext === 'undefined') return null;
  return {
    getUserMedia: (constraints) => media.getUserMedia(constraints),
    createContext: () => new AudioContext(),
    requestFrame: (fn) => requestAnimationFrame(fn),
    cancelFrame: (handle) => cancelAnimationFrame(handle),
  };
};

/** Loudness as 0..1: -60 dBFS (silence) and below is 0, full scale is 1. */
export function levelOf(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  if (rms <= 0) return 0;
  return Math.min(1, Math.max(0, (20 * Math.log10(rms) + 60) / 60));
}

export class MicrophoneMeter {
  level = $state(0);
  running = $state(false);
  error = $state<string | null>(null);
  private stream: MediaStream | null = null;
  private context: AudioContext | null = null;
  private frame: number | null = null;
  /** Bumped by every start and stop, so a slow getUserMedia cannot start a stopped meter. */
  private generation = 0;

  constructor(private readonly deps: MeterDeps | null = browserDeps()) {}

  async start(deviceId: string): Promise<void> {
    this.stop();
    const generation = this.generation;
    const deps = this.deps;
    if (!deps) {
      this.error = 'This computer offers no microphone to test.';
      return;
    }
    this.error = null;
    let stream: MediaStream;
    try {
      stream = await deps.getUserMedia({ audio: deviceId === 'default' ? true : { deviceId: { exact: deviceId } } });
    } catch (error) {
      if (generation === this.generation) this.error = refusal(error);
      return;
    }
    if (generation !== this.generation) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    const context = deps.createContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.stream = stream;
    this.context = context;
    this.running = true;
    const measure = () => {
      analyser.getFloatTimeDomainData(samples);
      this.level = levelOf(samples);
      this.frame = deps.requestFrame(measure);
    };
    measure();
  }

  stop(): void {
    this.generation += 1;
    if (this.frame !== null) this.deps?.cancelFrame(this.frame);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    void this.context?.close().catch(() => undefined);
    this.frame = null;
    this.stream = null;
    this.context = null;
    this.running = false;
    this.level = 0;
  }
}
