/**
 * The parts of @twilio/voice-sdk the engine uses, as small interfaces: the real Device and Call
 * satisfy them, and unit tests drive the engine with stand-ins that emit the SDK's event names.
 */
export interface CallLike {
  parameters: Record<string, string | undefined>;
  on(event: string, listener: (...args: never[]) => void): unknown;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  isMuted(): boolean;
  sendDigits(digits: string): void;
}

export interface OutputCollectionLike {
  set(deviceIdOrIds: string | string[]): Promise<void>;
}

/** The SDK's AudioProcessor: a stream in, a processed stream out. */
export interface AudioProcessorLike {
  createProcessedStream(stream: MediaStream): Promise<MediaStream>;
  destroyProcessedStream(stream: MediaStream): Promise<void>;
}

export interface AudioHelperLike {
  setInputDevice(deviceId: string): Promise<void>;
  /** Stops the input tracks the SDK holds (it keeps them after a call otherwise). */
  unsetInputDevice(): Promise<void>;
  addProcessor(processor: AudioProcessorLike, isRemote: boolean): Promise<void>;
  removeProcessor(processor: AudioProcessorLike, isRemote: boolean): Promise<void>;
  speakerDevices: OutputCollectionLike;
  ringtoneDevices: OutputCollectionLike;
  availableInputDevices: Map<string, { deviceId: string; label: string }>;
  availableOutputDevices: Map<string, { deviceId: string; label: string }>;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

export interface DeviceLike {
  on(event: string, listener: (...args: never[]) => void): unknown;
  register(): Promise<void>;
  connect(options: { params: Record<string, string> }): Promise<CallLike>;
  updateToken(token: string): void;
  destroy(): void;
  audio: AudioHelperLike | null;
}

export interface DeviceOptions {
  codecPreferences: string[];
  maxCallSignalingTimeoutMs: number;
  closeProtection: boolean;
  allowIncomingWhileBusy: boolean;
  sounds: Record<string, string>;
  tokenRefreshMs: number;
  chunderw?: string;
  publishEvents?: boolean;
}

export type DeviceFactory = (token: string, options: DeviceOptions) => DeviceLike;

/** An error as the SDK reports it (TwilioError). */
export interface SdkError {
  code?: number;
  message?: string;
}
