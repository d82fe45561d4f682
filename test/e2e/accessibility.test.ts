import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { e2e, screenshotPath } from './harness-fixture';
import { screens } from './screens';
import { seriousViolations } from './axe';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

/** axe checks at a docked (360 px) and a full-screen (1280 px) width; screenshots also at 1400. */
const AXE_WIDTHS = [360, 1280];
const SCREENSHOT_WIDTHS = [360, 1280, 1400];
const THEMES = ['light', 'dark'] as const;

describe('accessibility: axe finds no serious or critical violation, and no aria-label where none may be', () => {
  it('on every screen, light and dark, at 360 and 1280 px (and keeps screenshots at 360, 1280 and 1400 px)', async () => {
    const world = await fixture.world({}, { bypassCSP: true });
    const { page } = world;
    const problems: string[] = [];
    for (const screen of screens) {
      await screen.reach(world);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        for (const width of SCREENSHOT_WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          await page.screenshot({ path: screenshotPath(`${screen.name}-${width}-${theme}.png`), fullPage: true });
          if (!AXE_WIDTHS.includes(width)) continue;
          for (const problem of await seriousViolations(page)) problems.push(`${screen.name} ${theme} @${width}: ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The user guide shows the call strip (on History) and the compact view with two calls.
    mkdirSync(join(process.cwd(), 'resources/screenshots'), { recursive: true });
    copyFileSync(screenshotPath('history-1280-light.png'), join(process.cwd(), 'resources/screenshots/call-strip.png'));
    copyFileSync(screenshotPath('compact-360-light.png'), join(process.cwd(), 'resources/screenshots/compact-two-calls.png'));
  });
});
