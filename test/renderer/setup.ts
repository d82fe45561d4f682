import '@testing-library/svelte/vitest';
import { loadPhoneNumbers } from '../../renderer/src/lib/phone-numbers/library.svelte';

// The window reads numbers once libphonenumber-js has arrived (it loads just after start-up);
// component tests start from there.
await loadPhoneNumbers();
