/** The microphone guard and what it needs, as one chunk: loaded with the first live call, not at start-up. */
export { MicrophoneGuard } from './microphone-guard.svelte';
export { timingsFromQuery } from './voice-watch';
