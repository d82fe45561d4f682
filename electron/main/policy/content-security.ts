/**
 * The renderer's Content-Security-Policy: sent with every app:// answer, by the harness, and
 * written into index.html as a <meta> at build time (electron.vite.config.ts).
 */

/** Hosts @twilio/voice-sdk talks to (signalling, media edge, insights). Nothing else is reachable. */
export const TWILIO_CONNECT_SOURCES = [
  'wss://voice-js.roaming.twilio.com',
  'wss://*.twilio.com',
  'https://eventgw.twilio.com',
  'https://media.twiliocdn.com',
];

export function contentSecurityPolicy(extraConnect: readonly string[] = []): string {
  const connect = ["'self'", ...TWILIO_CONNECT_SOURCES, ...extraConnect].join(' ');
  return [
    "default-src 'none'",
    // Compiling WebAssembly (the noise suppressor's RNNoise, a file of our own): not eval of strings.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
