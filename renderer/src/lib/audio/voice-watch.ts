/**
 * What the microphone's level says over time, decided from level readings on a monotonic clock:
 * is the agent speaking (for about a second now), and is the microphone giving digital silence
 * (for about five seconds now). Pure: the guard feeds it, tests drive it with numbers.
 */

export interface VoiceWatchTimings {
  /** Speech this long (short pauses between words included) counts as talking. */
  talkMs: number;
  /** A pause this long ends the talking. */
  pauseMs: number;
  /** Digital silence this long means a dead microphone. */
  silentMs: number;
}

export const DEFAULT_TIMINGS: VoiceWatchTimings = { talkMs: 1000, pauseMs: 800, silentMs: 5000 };

/**
 * The timings, shortened by the page's query (`?silentMs=1500`): the browser harness's tests use
 * it so that a dead microphone is found in a second and a half, not five. The app's page has no query.
 */
export function timingsFromQuery(search: string): VoiceWatchTimings {
  const query = new URLSearchParams(search);
  const read = (name: keyof VoiceWatchTimings) => {
    const value = Number(query.get(name));
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMINGS[name];
  };
  return { talkMs: read('talkMs'), pauseMs: read('pauseMs'), silentMs: read('silentMs') };
}

/** Below this a real microphone never goes (its own hiss is around -70 dBFS): nothing is arriving. */
export const DIGITAL_SILENCE_DB = -90;
/** Speech is at least this loud, and this far above the room's noise. */
const SPEECH_FLOOR_DB = -50;
const SPEECH_ABOVE_NOISE_DB = 12;
/** The noise estimate follows quiet moments at once and louder ones slowly (dB a second). */
const NOISE_RISE_DB_PER_S = 6;
/** Until it has heard the room, the watch assumes a quiet one. */
const QUIET_ROOM_DB = -55;

/** The RMS level of samples in dBFS; -Infinity for exact zeros. */
export function decibels(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return 10 * Math.log10(sum / Math.max(1, samples.length));
}

export class VoiceWatch {
  speaking = false;
  silent = false;
  private noiseDb: number | null = null;
  private voicedSince: number | null = null;
  private lastVoiced = -Infinity;
  private silentSince: number | null = null;
  private lastAt: number | null = null;

  constructor(private readonly timings: VoiceWatchTimings = DEFAULT_TIMINGS) {}

  /** One reading: the level in dBFS at `nowMs` (monotonic). */
  update(levelDb: number, nowMs: number): void {
    const elapsedS = this.lastAt === null ? 0 : Math.max(0, nowMs - this.lastAt) / 1000;
    this.lastAt = nowMs;

    if (levelDb < DIGITAL_SILENCE_DB) {
      this.silentSince ??= nowMs;
    } else {
      this.silentSince = null;
    }
    this.silent = this.silentSince !== null && nowMs - this.silentSince >= this.timings.silentMs;

    const level = Number.isFinite(levelDb) ? levelDb : DIGITAL_SILENCE_DB - 30;
    this.noiseDb = this.noiseDb === null ? Math.min(level, QUIET_ROOM_DB) : Math.min(level, this.noiseDb + NOISE_RISE_DB_PER_S * elapsedS);
    const voiced = level > Math.max(SPEECH_FLOOR_DB, this.noiseDb + SPEECH_ABOVE_NOISE_DB);
    if (voiced) {
      this.voicedSince ??= nowMs;
      this.lastVoiced = nowMs;
    } else if (nowMs - this.lastVoiced >= this.timings.pauseMs) {
      this.voicedSince = null;
    }
    this.speaking = this.voicedSince !== null && nowMs - this.voicedSince >= this.timings.talkMs;
  }

  reset(): void {
    this.speaking = false;
    this.silent = false;
    this.noiseDb = null;
    this.voicedSince = null;
    this.lastVoiced = -Infinity;
    this.silentSince = null;
    this.lastAt = null;
  }
}
