/** The app itself, a chunk of its own: main.ts loads it once the first questions are asked. */
import { mount } from 'svelte';
import App from './App.svelte';
import type { SoftphoneApi } from './lib/softphone/api';
import type { FirstAnswers } from './lib/start-up/first-answers';

export function startApp(api: SoftphoneApi, first: FirstAnswers): void {
  mount(App, { target: document.getElementById('app')!, props: { api, first } });
}
