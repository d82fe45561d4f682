/**
 * The window's two layouts: the full window, and the compact one (slim, always on top, docked
 * beside the agent's CRM). Leaving compact gives back the size the agent had before.
 */
import type { WindowPort, WindowSize } from '../ports';

export const FULL_SIZE: WindowSize = { width: 1120, height: 760 };
/** Agents dock the softphone beside their CRM: the full window works from 320 px wide. */
export const FULL_MINIMUM: WindowSize = { width: 320, height: 480 };
export const COMPACT_SIZE: WindowSize = { width: 380, height: 250 };
export const COMPACT_MINIMUM: WindowSize = { width: 300, height: 190 };

export class WindowLayout {
  private compact = false;
  private fullSize: WindowSize | null = null;

  constructor(private readonly window: WindowPort) {}

  get isCompact(): boolean {
    return this.compact;
  }

  apply(compact: boolean): void {
    if (compact === this.compact) return;
    if (compact) {
      this.fullSize = this.window.size();
      this.window.setSize(COMPACT_SIZE, COMPACT_MINIMUM);
      this.window.setAlwaysOnTop(true);
    } else {
      this.window.setAlwaysOnTop(false);
      this.window.setSize(this.fullSize ?? FULL_SIZE, FULL_MINIMUM);
    }
    this.compact = compact;
  }
}
