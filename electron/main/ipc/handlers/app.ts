import type { AppInfo } from '../../../shared/contract';
import type { Handlers } from '../router';

export const appHandlers = (info: AppInfo): Pick<Handlers, 'app.info'> => ({
  'app.info': () => info,
});
