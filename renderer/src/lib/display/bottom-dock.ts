/**
 * For an element stuck to the window's bottom edge (`position: sticky; bottom`): while it is
 * there, scrolling a control into view (keyboard focus, a find) stops that much short of the
 * bottom edge, so the docked element never covers the control the agent scrolled to.
 */
export function keepClearOfDock(node: HTMLElement): () => void {
  const root = document.documentElement;
  const clear = () => (root.style.scrollPaddingBottom = `${node.offsetHeight}px`);
  clear();
  // Its height changes with what it shows (a second ringing caller, a failure line).
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(clear);
  observer?.observe(node);
  return () => {
    observer?.disconnect();
    root.style.scrollPaddingBottom = '';
  };
}
