/**
 * When the control that had focus disappears (the dialer turns into a call, a call ends), the
 * browser drops focus to the page and a keyboard user starts over from the top. This puts it on
 * the next sensible control instead, and only when focus was really lost.
 */
export function focusIfLost(selectors: readonly string[]): void {
  const active = document.activeElement;
  if (active && active !== document.body) return;
  for (const selector of selectors) {
    const target = document.querySelector<HTMLElement>(selector);
    if (target && !target.hasAttribute('disabled')) {
      target.focus();
      return;
    }
  }
}
