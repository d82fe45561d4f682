import type { AppInfo } from '../../../shared/contract';
import type { Handlers } from '../router';

export interface AppHandlerDeps {
  info: AppInfo;
  restartToUpdate(): { restarting: true };
}

export const appHandlers = (deps: AppHandlerDeps): Pick<Handlers, 'app.info' | 'app.restartToUpdate'> => ({
  'app.info': () => deps.info,
  'app.restartToUpdate': () => deps.restartToUpdate(),
});
