/**
 * During a call, digits, `*` and `#` typed anywhere in the window are tones for the call (an
 * IVR menu, an extension), except while the agent is typing into a text field.
 */

const TEXT_INPUTS = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number']);

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

/** The tone a key press stands for, or null when it is not one (or belongs to a field or a shortcut). */
export function toneForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'target'>): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null;
  if (!/^[0-9*#]$/.test(event.key)) return null;
  return isTextEntry(event.target) ? null : event.key;
}
