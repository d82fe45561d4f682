/**
 * Text from a caller or from Evo, set inside a sentence of ours. First Strong Isolate ... Pop
 * Directional Isolate keep it from reordering the words around it: a name carrying a
 * right-to-left override (U+202E) reverses only itself, never "Couldn't put ... on hold".
 * Plain text has no <bdi>; the window, the tray and OS notifications all show these sentences.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
