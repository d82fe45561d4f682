/** Settings' speaker test and ringtone preview: one of the app's own sounds on the chosen device. */

export type SoundCheckKind = 'speaker' | 'ringtone';

export interface PlayableAudio {
  play(): Promise<void>;
  pause(): void;
  setSinkId?(deviceId: string): Promise<void>;
  addEventListener(type: 'ended', listener: () => void): void;
}

const SOUNDS: Record<SoundCheckKind, string> = { speaker: '/sounds/outgoing.wav', ringtone: '/sounds/incoming.wav' };

export class SoundCheck {
  playing = $state<SoundCheckKind | null>(null);
  error = $state<string | null>(null);
  private audio: PlayableAudio | null = null;

  constructor(private readonly makeAudio: (url: string) => PlayableAudio = (url) => new Audio(url)) {}

  /** Plays the sound on the device (stopping any sound already playing); a second press stops it. */
  async toggle(kind: SoundCheckKind, deviceId: string): Promise<void> {
    const again = this.playing === kind;
    this.stop();
    if (again) return;
    this.error = null;
    const audio = this.makeAudio(SOUNDS[kind]);
    this.audio = audio;
    this.playing = kind;
    audio.addEventListener('ended', () => this.audio === audio && (this.playing = null));
    try {
      if (deviceId !== 'default') {
        if (!audio.setSinkId) throw new Error('no-sink');
        await audio.setSinkId(deviceId);
      }
      await audio.play();
    } catch {
      if (this.audio !== audio) return;
      this.playing = null;
      this.audio = null;
      this.error =
        deviceId !== 'default'
          ? 'That device could not play the sound. Check it is plugged in, or choose another one.'
          : 'The sound could not be played. Check the speaker is on and not muted.';
    }
  }

  stop(): void {
    this.audio?.pause();
    this.audio = null;
    this.playing = null;
  }
}
