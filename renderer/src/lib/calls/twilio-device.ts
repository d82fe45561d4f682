/** The real @twilio/voice-sdk behind the engine's DeviceFactory. Loaded only when a real server is used. */
import type { DeviceFactory, DeviceLike } from './twilio-types';

export async function loadTwilioDeviceFactory(): Promise<DeviceFactory> {
  const { Device, Call } = await import('@twilio/voice-sdk');
  return (token, options) =>
    new Device(token, {
      ...options,
      codecPreferences: options.codecPreferences.map((codec) => (codec === 'opus' ? Call.Codec.Opus : Call.Codec.PCMU)),
    }) as unknown as DeviceLike;
}
