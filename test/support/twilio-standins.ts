/**
 * Stand-ins for @twilio/voice-sdk's Device and Call that emit the SDK's real event names
 * (registering, registered, incoming, tokenWillExpire; accept, ringing, reconnecting,
 * reconnected, warning, warning-cleared, disconnect, cancel, reject, mute).
 */
import type { AudioProcessorLike, CallLike, DeviceLike, DeviceOptions } from '../../renderer/src/lib/calls/twilio-types';

class Emitter {
  private readonly listeners = new Map<string, ((...args: never[]) => void)[]>();
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

export class StandInCall extends Emitter implements CallLike {
  muted = false;
  digits = '';
  accepted = false;
  rejected = false;
  disconnected = false;
  constructor(public parameters: Record<string, string | undefined>) {
    super();
  }
  accept() {
    this.accepted = true;
    this.emit('accept', this);
  }
  reject() {
    this.rejected = true;
    this.emit('reject');
  }
  disconnect() {
    this.disconnected = true;
    this.emit('disconnect', this);
  }
  mute(shouldMute = true) {
    this.muted = shouldMute;
    this.emit('mute', shouldMute, this);
  }
  isMuted() {
    return this.muted;
  }
  sendDigits(digits: string) {
    this.digits += digits;
  }
}

class StandInOutputs {
  current = 'default';
  constructor(private readonly available: Map<string, unknown>) {}
  async set(id: string | string[]) {
    const wanted = Array.isArray(id) ? id[0]! : id;
    if (!this.available.has(wanted)) throw new Error(`unknown device ${wanted}`);
    this.current = wanted;
  }
}

export class StandInAudio extends Emitter {
  availableInputDevices = new Map([['default', { deviceId: 'default', label: 'Default' }]]);
  availableOutputDevices = new Map([['default', { deviceId: 'default', label: 'Default' }]]);
  /** The microphone the SDK holds open, null when none. */
  input: string | null = null;
  /** Processors added, as [processor, isRemote]. */
  processors: [AudioProcessorLike, boolean][] = [];
  speakerDevices = new StandInOutputs(this.availableOutputDevices);
  ringtoneDevices = new StandInOutputs(this.availableOutputDevices);
  async setInputDevice(id: string) {
    if (!this.availableInputDevices.has(id)) throw new Error(`unknown device ${id}`);
    this.input = id;
  }
  async unsetInputDevice() {
    this.input = null;
  }
  async addProcessor(processor: AudioProcessorLike, isRemote: boolean) {
    // As the SDK: one processor a side.
    if (this.processors.some(([, remote]) => remote === isRemote)) throw new Error('already has a processor');
    this.processors.push([processor, isRemote]);
  }
  async removeProcessor(processor: AudioProcessorLike, isRemote: boolean) {
    this.processors = this.processors.filter(([known, remote]) => known !== processor || remote !== isRemote);
  }
}

export class StandInDevice extends Emitter implements DeviceLike {
  static created: StandInDevice[] = [];
  tokens: string[] = [];
  destroyed = false;
  registerCalls = 0;
  audio = new StandInAudio();
  connects: Record<string, string>[] = [];
  /** What register() does: by default it succeeds at once. */
  registerBehaviour: 'succeed' | 'hang' | 'fail' = 'succeed';
  constructor(
    token: string,
    readonly options: DeviceOptions,
  ) {
    super();
    this.tokens.push(token);
    StandInDevice.created.push(this);
  }
  async register() {
    this.registerCalls += 1;
    this.emit('registering');
    if (this.registerBehaviour === 'succeed') this.emit('registered');
    if (this.registerBehaviour === 'fail') throw Object.assign(new Error('denied'), { code: 31401 });
  }
  async connect(options: { params: Record<string, string> }) {
    this.connects.push(options.params);
    return new StandInCall({ CallSid: `CA-out-${this.connects.length}`, To: options.params.To });
  }
  updateToken(token: string) {
    this.tokens.push(token);
  }
  destroy() {
    this.destroyed = true;
  }
}
