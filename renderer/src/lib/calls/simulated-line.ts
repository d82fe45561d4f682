/**
 * Demo mode's audio leg: while a call is live it opens the agent's microphone as a real call
 * does (the chosen device, else the default), runs it through noise suppression when that is on,
 * and mutes by disabling the track the "caller" would hear. No call, no microphone.
 */
import { browserGetUserMedia, openMicrophone, stopTracks, type GetUserMedia } from '../audio/microphone';
import { NoiseSuppressor, type AudioProcessorLike } from '../audio/noise-suppressor';
import type { AudioChoice } from './call-engine';

export class SimulatedLine {
  /** What the caller would hear: the microphone after noise suppression. */
  sent: MediaStream | null = null;
  private microphone: MediaStream | null = null;
  private choice: AudioChoice | null = null;
  private muted = false;
  private generation = 0;

  constructor(
    private readonly getUserMedia: GetUserMedia | null = browserGetUserMedia(),
    private readonly suppressor: AudioProcessorLike = new NoiseSuppressor(),
  ) {}

  get open(): boolean {
    return this.choice !== null;
  }

  /** Opens the line with these devices; an open line with other devices is opened anew. */
  async connect(choice: AudioChoice): Promise<void> {
    if (this.choice && sameLine(this.choice, choice)) return;
    this.close();
    this.choice = choice;
    const generation = this.generation;
    if (!this.getUserMedia) return;
    let microphone: MediaStream;
    try {
      ({ stream: microphone } = await openMicrophone(this.getUserMedia, choice.input));
    } catch {
      // The microphone guard tells the agent why there is no sound; the call itself goes on.
      return;
    }
    if (generation !== this.generation) return stopTracks(microphone);
    const sent = choice.noiseSuppression ? await this.suppressor.createProcessedStream(microphone) : microphone;
    if (generation !== this.generation) {
      if (sent !== microphone) void this.suppressor.destroyProcessedStream(sent);
      return stopTracks(microphone);
    }
    this.microphone = microphone;
    this.sent = sent;
    this.setMuted(this.muted);
    for (const track of microphone.getAudioTracks()) {
      // Unplugged or revoked: open the line again (on the default microphone if the chosen one is gone).
      track.addEventListener('ended', () => {
        if (this.microphone !== microphone || !this.choice) return;
        const again = this.choice;
        this.close();
        void this.connect(again);
      });
    }
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of this.sent?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  close(): void {
    this.generation += 1;
    if (this.sent && this.sent !== this.microphone) void this.suppressor.destroyProcessedStream(this.sent);
    stopTracks(this.microphone);
    this.microphone = null;
    this.sent = null;
    this.choice = null;
  }
}

const sameLine = (a: AudioChoice, b: AudioChoice) => a.input === b.input && Boolean(a.noiseSuppression) === Boolean(b.noiseSuppression);
