import type { AppInfo, StorageStatus } from '../../../shared/contract';
import type { Handlers } from '../router';

export interface AppHandlerDeps {
  info: AppInfo;
  storage: StorageStatus;
  restartToUpdate(): { restarting: true };
}

export const appHandlers = (deps: AppHandlerDeps): Pick<Handlers, 'app.info' | 'app.storageStatus' | 'app.restartToUpdate'> => ({
  'app.info': () => deps.info,
  'app.storageStatus': () => deps.storage,
  'app.restartToUpdate': () => deps.restartToUpdate(),
});
