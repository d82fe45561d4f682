/**
 * "Check my setup": the microphone's level, a tone on the speaker, three seconds recorded and
 * played back so the agent hears themselves, and the path to Evo. Each step ends in a pass or a
 * fix in plain words; what only the agent can judge (did you hear it?) is asked.
 */
import { browserGetUserMedia, openMicrophone, refusal, stopTracks, type GetUserMedia } from './microphone';
import { decibels, DIGITAL_SILENCE_DB } from './voice-watch';

export type StepName = 'microphone' | 'speaker' | 'playback' | 'evo';
export type StepStatus = 'waiting' | 'running' | 'ask' | 'pass' | 'fix';

export interface Step {
  status: StepStatus;
  /** What the step found, or what to do. */
  detail: string;
}

export interface SetupDeps {
  getUserMedia: GetUserMedia | null;
  createContext(): AudioContext;
  /** Plays a URL on the speaker; resolves when it has started. */
  play(url: string, sinkId: string): Promise<{ stop(): void }>;
  record(stream: MediaStream, ms: number): Promise<string>;
  /** One round trip to Evo through main; answers whether it came back. */
  reachEvo(): Promise<boolean>;
  wait(ms: number): Promise<void>;
  now(): number;
}

const VOICE_DB = -50;
const QUIET_DB = -40;

export const STEP_TITLES: Record<StepName, string> = {
  microphone: 'Microphone',
  speaker: 'Speaker',
  playback: 'Hear yourself',
  evo: 'Connection to Evo Voice',
};

export class SetupCheck {
  steps = $state<Record<StepName, Step>>({
    microphone: { status: 'waiting', detail: '' },
    speaker: { status: 'waiting', detail: '' },
    playback: { status: 'waiting', detail: '' },
    evo: { status: 'waiting', detail: '' },
  });
  running = $state(false);
  private answer: ((heard: boolean) => void) | null = null;
  private playing: { stop(): void } | null = null;

  constructor(private readonly deps: SetupDeps) {}

  /** The agent's answer to the step that asks. */
  heard(yes: boolean): void {
    this.answer?.(yes);
  }

  async run(devices: { input: string; output: string }): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.microphone(devices.input);
      await this.speaker(devices.output);
      await this.playback(devices);
      await this.evo();
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    this.playing?.stop();
    this.answer?.(false);
  }

  private set(name: StepName, status: StepStatus, detail: string): void {
    this.steps[name] = { status, detail };
  }

  private async microphone(device: string): Promise<void> {
    this.set('microphone', 'running', 'Say a few words…');
    const stream = await this.open(device, 'microphone');
    if (!stream) return;
    const context = this.deps.createContext();
    try {
      const analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      context.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      let loudest = -Infinity;
      for (let i = 0; i < 60; i += 1) {
        await this.deps.wait(50);
        analyser.getFloatTimeDomainData(samples);
        loudest = Math.max(loudest, decibels(samples));
      }
      if (loudest < DIGITAL_SILENCE_DB) {
        this.set(
          'microphone',
          'fix',
          'No sound from your microphone. Choose another one, check it is not muted on the headset, and that your privacy settings allow Evo Softphone to use it.',
        );
      } else if (loudest < VOICE_DB) {
        this.set('microphone', 'fix', 'Your voice did not come through. Speak during the check, or choose another microphone.');
      } else if (loudest < QUIET_DB) {
        this.set('microphone', 'pass', 'Works, but quiet: move it closer to your mouth or raise its level in your system settings.');
      } else {
        this.set('microphone', 'pass', 'Your microphone hears you.');
      }
    } finally {
      stopTracks(stream);
      void context.close().catch(() => undefined);
    }
  }

  private async speaker(output: string): Promise<void> {
    this.set('speaker', 'running', 'Playing a tone…');
    try {
      this.playing = await this.deps.play('/sounds/outgoing.wav', output);
    } catch {
      this.set('speaker', 'fix', 'The tone could not be played on that speaker. Check it is plugged in, or choose another one.');
      return;
    }
    const heard = await this.ask('speaker', 'Did you hear the tone?');
    this.playing?.stop();
    this.playing = null;
    this.set(
      'speaker',
      heard ? 'pass' : 'fix',
      heard ? 'Your speaker works.' : 'Check the volume and that the right speaker or headset is chosen in Settings.',
    );
  }

  private async playback(devices: { input: string; output: string }): Promise<void> {
    this.set('playback', 'running', 'Recording 3 seconds: say something…');
    const stream = await this.open(devices.input, 'playback');
    if (!stream) return;
    let url: string;
    try {
      url = await this.deps.record(stream, 3000);
    } catch {
      this.set('playback', 'fix', 'Your voice could not be recorded. Another application may be using the microphone.');
      return;
    } finally {
      stopTracks(stream);
    }
    this.set('playback', 'running', 'Playing it back…');
    try {
      this.playing = await this.deps.play(url, devices.output);
    } catch {
      this.set('playback', 'fix', 'The recording could not be played on that speaker.');
      return;
    }
    const heard = await this.ask('playback', 'Did you hear yourself, clearly?');
    this.playing?.stop();
    this.playing = null;
    URL.revokeObjectURL?.(url);
    this.set(
      'playback',
      heard ? 'pass' : 'fix',
      heard
        ? 'Callers will hear you like that.'
        : 'Try another microphone or headset, and turn Noise suppression on if there is background noise.',
    );
  }

  private async evo(): Promise<void> {
    this.set('evo', 'running', 'Reaching Evo Voice…');
    const started = this.deps.now();
    const reached = await this.deps.reachEvo();
    const ms = Math.round(this.deps.now() - started);
    if (!reached) this.set('evo', 'fix', 'Evo Voice could not be reached. Check your network or VPN, then try again.');
    else if (ms > 1000) this.set('evo', 'fix', `Evo Voice answered, but slowly (${ms} ms). Calls may react late: check your network.`);
    else this.set('evo', 'pass', `Evo Voice answers in ${ms} ms.`);
  }

  private async open(device: string, step: StepName): Promise<MediaStream | null> {
    if (!this.deps.getUserMedia) {
      this.set(step, 'fix', 'This computer offers no microphone.');
      return null;
    }
    try {
      return (await openMicrophone(this.deps.getUserMedia, device, true)).stream;
    } catch (error) {
      this.set(step, 'fix', refusal(error));
      return null;
    }
  }

  private ask(step: StepName, question: string): Promise<boolean> {
    this.set(step, 'ask', question);
    return new Promise((resolve) => {
      this.answer = (heard) => {
        this.answer = null;
        resolve(heard);
      };
    });
  }
}

/** The browser's side of the check. */
export function browserSetupDeps(reachEvo: () => Promise<boolean>): SetupDeps {
  return {
    getUserMedia: browserGetUserMedia(),
    createContext: () => new AudioContext(),
    async play(url, sinkId) {
      const audio = new Audio(url);
      if (sinkId !== 'default') await audio.setSinkId(sinkId);
      await audio.play();
      return { stop: () => audio.pause() };
    },
    record: (stream, ms) =>
      new Promise((resolve, reject) => {
        const recorder = new MediaRecorder(stream);
        const chunks: Blob[] = [];
        recorder.ondataavailable = (event) => chunks.push(event.data);
        recorder.onstop = () => resolve(URL.createObjectURL(new Blob(chunks, { type: recorder.mimeType })));
        recorder.onerror = () => reject(new Error('recording failed'));
        recorder.start();
        setTimeout(() => recorder.stop(), ms);
      }),
    reachEvo,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => performance.now(),
  };
}
