/**
 * Watches the agent's microphone during a live call, on a stream of its own (not the call's
 * track, which is silent while muted): says when the agent talks while muted, when the microphone
 * gives no sound, and opens it again when its track ends (unplugged, revoked). Nothing is
 * recorded or sent. With no live call it holds no microphone at all.
 */
import { browserGetUserMedia, openMicrophone, refusal, stopTracks, type GetUserMedia } from './microphone';
import { decibels, DEFAULT_TIMINGS, DIGITAL_SILENCE_DB, VoiceWatch, type VoiceWatchTimings } from './voice-watch';

export interface GuardDeps {
  getUserMedia: GetUserMedia;
  createContext(): AudioContext;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Monotonic milliseconds. */
  now(): number;
}

const browserDeps = (): GuardDeps | null => {
  const getUserMedia = browserGetUserMedia();
  if (!getUserMedia || typeof AudioContext === 'undefined') return null;
  return {
    getUserMedia,
    createContext: () => new AudioContext(),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    now: () => performance.now(),
  };
};

/** What the guard follows: is there a live call on the agent's microphone, muted or not, and which microphone. */
export interface GuardSituation {
  onCall: boolean;
  muted: boolean;
  device: string;
}

const READ_EVERY_MS = 50;

interface Listening {
  stream: MediaStream;
  context: AudioContext;
  timer: unknown;
  device: string;
}

export class MicrophoneGuard {
  /** The agent is talking while muted. */
  talkingWhileMuted = $state(false);
  /** Why the call carries no sound from the microphone, or null. */
  noSound = $state<string | null>(null);
  /** The microphone was lost and opened again: what the agent is told. */
  notice = $state<string | null>(null);
  /** What the check after sleep or screen lock found wrong, before the next call; null when fine. */
  afterWake = $state<string | null>(null);
  private situation: GuardSituation = { onCall: false, muted: false, device: 'default' };
  private listening: Listening | null = null;
  private sdkSilent = false;
  private failure: string | null = null;
  private watch: VoiceWatch;
  /** Bumped by every open and release, so a slow getUserMedia cannot revive a released guard. */
  private generation = 0;

  constructor(
    private readonly deps: GuardDeps | null = browserDeps(),
    timings: VoiceWatchTimings = DEFAULT_TIMINGS,
    /** The microphone was opened again after its track ended: the call's own audio should follow. */
    private readonly onReacquired: () => void = () => undefined,
  ) {
    this.watch = new VoiceWatch(timings);
  }

  /** True while the guard holds a microphone stream (tests and diagnostics). */
  get holdsMicrophone(): boolean {
    return this.listening !== null;
  }

  follow(next: GuardSituation): void {
    const before = this.situation;
    this.situation = { ...next };
    if (!next.onCall) {
      this.release();
      this.notice = null;
      this.sdkSilent = false;
      this.failure = null;
    } else if (!before.onCall || before.device !== next.device) {
      void this.listen(next.device, false);
    }
    this.decide();
  }

  /** The Voice SDK's `constant-audio-input-level` warning, raised or cleared. */
  sdkSaysSilent(silent: boolean): void {
    this.sdkSilent = silent;
    this.decide();
  }

  dismissNotice(): void {
    this.notice = null;
    this.afterWake = null;
  }

  /**
   * After sleep or a screen lock, with no call live: listens for a moment so that a microphone
   * that died meanwhile is found now, not in the next call. During a call the guard already listens.
   */
  async checkAfterWake(device: string, listenMs = 1500): Promise<void> {
    const deps = this.deps;
    if (!deps || this.situation.onCall) return;
    let opened;
    try {
      opened = await openMicrophone(deps.getUserMedia, device, true);
    } catch (error) {
      this.afterWake = `After the computer woke up: ${refusal(error)}`;
      return;
    }
    const context = deps.createContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(opened.stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let loudest = -Infinity;
    await new Promise<void>((resolve) => {
      const started = deps.now();
      const timer = deps.setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        loudest = Math.max(loudest, decibels(samples));
        if (deps.now() - started < listenMs) return;
        deps.clearInterval(timer);
        resolve();
      }, READ_EVERY_MS);
    });
    stopTracks(opened.stream);
    void context.close().catch(() => undefined);
    this.afterWake =
      loudest < DIGITAL_SILENCE_DB
        ? 'After the computer woke up, your microphone gives no sound. Before your next call, plug it in again or choose another one in Settings.'
        : null;
  }

  stop(): void {
    this.follow({ ...this.situation, onCall: false });
  }

  private async listen(device: string, afterLoss: boolean): Promise<void> {
    this.release();
    const generation = this.generation;
    const deps = this.deps;
    if (!deps) return;
    let opened;
    try {
      opened = await openMicrophone(deps.getUserMedia, device, true);
    } catch (error) {
      if (generation !== this.generation) return;
      this.failure = refusal(error);
      this.decide();
      return;
    }
    if (generation !== this.generation) {
      stopTracks(opened.stream);
      return;
    }
    this.failure = null;
    const context = deps.createContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(opened.stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = deps.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      this.watch.update(decibels(samples), deps.now());
      this.decide();
    }, READ_EVERY_MS);
    this.listening = { stream: opened.stream, context, timer, device };
    for (const track of opened.stream.getAudioTracks()) {
      track.addEventListener('ended', () => {
        if (this.listening?.stream !== opened.stream) return;
        void this.listen(this.situation.device, true);
      });
    }
    if (afterLoss) {
      this.notice = opened.fellBack
        ? 'Your microphone was disconnected. The call now uses the system default microphone.'
        : 'Your microphone stopped and was opened again.';
      this.onReacquired();
    } else if (opened.fellBack) {
      this.notice = 'The microphone chosen in Settings is not connected. The call uses the system default microphone.';
    }
  }

  private release(): void {
    this.generation += 1;
    const listening = this.listening;
    this.listening = null;
    this.watch.reset();
    if (!listening) return;
    this.deps?.clearInterval(listening.timer);
    stopTracks(listening.stream);
    void listening.context.close().catch(() => undefined);
  }

  private decide(): void {
    const { onCall, muted } = this.situation;
    this.talkingWhileMuted = onCall && muted && this.watch.speaking;
    const silent = this.watch.silent || this.sdkSilent;
    this.noSound = !onCall || muted ? null : (this.failure ?? (silent ? 'No sound from your microphone' : null));
  }
}
