/** A 16-bit mono PCM WAV file of these samples at this rate. */
export function wav(samples: Int16Array, rate: number): Buffer;
