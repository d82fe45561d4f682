/**
 * The window's entry, kept to a few kilobytes: it asks main what the first screen needs, then
 * loads the app. The app's own chunk (Svelte and every component) takes tens of milliseconds to
 * compile and run, and the answers arrive meanwhile, so the first screen renders with them instead
 * of a round trip after it mounts (npm run bench, the start-up row). index.html preloads that
 * chunk and its styles (electron.vite.config.ts), so it downloads beside this one, not after it.
 */
import './app.css';
import { getSoftphone } from './lib/softphone/api';
import { askFirstQuestions } from './lib/start-up/first-answers';

const api = getSoftphone();
const first = askFirstQuestions(api);
import('./start-app').then(
  ({ startApp }) => startApp(api, first),
  (error: unknown) => {
    // A missing or damaged install: say so in the window instead of leaving it blank.
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.className = 'error';
    message.textContent = `Evo Softphone could not load its window (${error instanceof Error ? error.message : String(error)}). Restart the app; if this happens again, reinstall it.`;
    document.getElementById('app')?.replaceChildren(message);
  },
);
