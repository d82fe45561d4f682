import '@testing-library/svelte/vitest';
import { configure } from '@testing-library/svelte';
import { loadPhoneNumbers } from '../../renderer/src/lib/phone-numbers/library.svelte';

// The window reads numbers once libphonenumber-js has arrived (it loads just after start-up);
// component tests start from there.
await loadPhoneNumbers();

// Chunks the window loads on first use (the demo call's audio leg, the microphone guard with the
// first live call) are loaded here, before any test: a test that ends while one was still being
// fetched left vitest "Cannot load … after the environment was torn down" (unhandled errors that
// fail the run), depending on timing.
await Promise.all([import('../../renderer/src/lib/calls/simulated-line'), import('../../renderer/src/lib/audio/microphone-watch')]);

// Lazy panels (Settings, History, Today) arrive as chunks; on a loaded 2-core machine the first one
// took longer than the library's 1 s default and a findBy gave up on a screen that was coming.
// A wait that fails still fails, only later.
configure({ asyncUtilTimeout: 5_000 });
