import '@testing-library/svelte/vitest';
import { loadPhoneNumbers } from '../../renderer/src/lib/phone-numbers/library.svelte';

// The window reads numbers once libphonenumber-js has arrived (it loads just after start-up);
// component tests start from there.
await loadPhoneNumbers();

// Chunks the window loads on first use (the demo call's audio leg, the microphone guard with the
// first live call) are loaded here, before any test: a test that ends while one was still being
// fetched left vitest "Cannot load … after the environment was torn down" (unhandled errors that
// fail the run), depending on timing.
await Promise.all([import('../../renderer/src/lib/calls/simulated-line'), import('../../renderer/src/lib/audio/microphone-watch')]);
