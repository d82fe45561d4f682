/** Lifecycle only: one instance, privileged scheme before ready, then the composition root. */
import { app, dialog } from 'electron';
import { registerAppScheme } from './windows/app-protocol';
import { createApp } from './app';

// A failure in main is logged and shown, never silent.
process.on('uncaughtException', (error) => {
  console.error('Evo Softphone: uncaught error in main', error);
  if (app.isReady()) dialog.showErrorBox('Evo Softphone hit a problem', `${error.name}: ${error.message}`);
});
process.on('unhandledRejection', (reason) => {
  console.error('Evo Softphone: unhandled rejection in main', reason);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.whenReady().then(createApp, (error: unknown) => {
    console.error('Evo Softphone failed to start', error);
    app.exit(1);
  });
}
