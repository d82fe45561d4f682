/**
 * A caller's name or Evo's words as main sets them inside its sentences: between First Strong
 * Isolate and Pop Directional Isolate. Spelled out here, not imported, so a sentence that stops
 * isolating fails the exact-sentence tests.
 */
export const named = (text: string): string => `\u2068${text}\u2069`;
