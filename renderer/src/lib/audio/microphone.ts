/** Opening the agent's microphone: the chosen one, else the system default, with plain-words refusals. */

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

export const browserGetUserMedia = (): GetUserMedia | null => {
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  return media?.getUserMedia ? (constraints) => media.getUserMedia(constraints) : null;
};

/** What a refused getUserMedia means for the agent, and what to do. */
export function refusal(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Evo Softphone may not use the microphone. Allow it in your system privacy settings, then test again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return 'That microphone is not connected. Plug it in or choose another one.';
  }
  return 'The microphone could not be opened. Another application may be using it.';
}

export interface OpenedMicrophone {
  stream: MediaStream;
  /** The chosen device was gone and the system default was opened instead. */
  fellBack: boolean;
}

/**
 * Opens the chosen microphone, or the default one when the chosen one is gone. `raw` turns the
 * browser's own processing off (for measuring the level as it is); a call keeps it on.
 */
export async function openMicrophone(getUserMedia: GetUserMedia, deviceId: string, raw = false): Promise<OpenedMicrophone> {
  const processing: MediaTrackConstraints = raw ? { echoCancellation: false, noiseSuppression: false, autoGainControl: false } : {};
  const constrain = (device: string): MediaStreamConstraints => ({
    audio: device === 'default' ? (raw ? processing : true) : { ...processing, deviceId: { exact: device } },
  });
  try {
    return { stream: await getUserMedia(constrain(deviceId)), fellBack: false };
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (deviceId === 'default' || (name !== 'NotFoundError' && name !== 'OverconstrainedError')) throw error;
    return { stream: await getUserMedia(constrain('default')), fellBack: true };
  }
}

export const stopTracks = (stream: MediaStream | null): void => {
  for (const track of stream?.getTracks() ?? []) track.stop();
};
