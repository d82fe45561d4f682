/** The app itself, a chunk of its own: main.ts loads it once the first questions are asked. */
import { mount } from 'svelte';
import App from './App.svelte';
import type { SoftphoneApi } from './lib/api';
import type { FirstAnswers } from './lib/first-answers';
import { loadPhoneNumbers } from './lib/phone-numbers.svelte';

export function startApp(api: SoftphoneApi, first: FirstAnswers): void {
  // Fetched beside start-up's requests; the dialer takes typing without waiting for it.
  void loadPhoneNumbers();
  mount(App, { target: document.getElementById('app')!, props: { api, first } });
}
