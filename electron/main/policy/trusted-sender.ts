/** The router's sender check, before anything runs: our window, its main frame, our origin. */
import { APP_ORIGIN, originOf } from './app-assets';

export function isTrustedSender(
  sender: { id: number; isMainFrame: boolean; origin: string },
  windowIds: ReadonlySet<number>,
  origin = APP_ORIGIN,
): boolean {
  return windowIds.has(sender.id) && sender.isMainFrame && originOf(sender.origin) === origin;
}
