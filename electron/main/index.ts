/** Lifecycle only: one instance, privileged scheme before ready, then the composition root. */
import { app } from 'electron';
import { registerAppScheme } from './windows/app-protocol';
import { createApp } from './app';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.whenReady().then(createApp, (error: unknown) => {
    console.error('Evo Softphone failed to start', error);
    app.exit(1);
  });
}
