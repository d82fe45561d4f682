import type { CallEngine } from '../calls/call-engine';
import type { CallView } from '../softphone/api';

const KEY = 'evo.mutedCall';

/**
 * Mute is the phone's (the engine's), and a window reload builds a new phone: without this the
 * call comes back unmuted while the agent believes the caller cannot hear them. The window's
 * session storage (kept across a reload, gone with the window) remembers which call was muted;
 * once the same call is live again on the new phone, it is muted again, once.
 */
export function keepMuteAcrossReload(
  engine: () => CallEngine | null,
  current: () => CallView | null,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = typeof sessionStorage === 'undefined' ? null : sessionStorage,
): () => void {
  // Read once, before anything below can write: the call that was muted when the window went away.
  let restoring = storage?.getItem(KEY) ?? null;
  return $effect.root(() => {
    $effect(() => {
      const phone = engine();
      const call = current();
      if (!storage || !phone || phone.status !== 'registered' || call?.phase !== 'live') return;
      if (restoring !== null) {
        if (restoring === call.id && !phone.muted) phone.setMuted(true);
        // Done once the phone says muted (an engine may only take it once its leg is up), or
        // when another call is the live one now.
        if (phone.muted || restoring !== call.id) restoring = null;
        else return;
      }
      if (phone.muted) storage.setItem(KEY, call.id);
      else storage.removeItem(KEY);
    });
  });
}
