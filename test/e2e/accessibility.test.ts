import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2e, screenshotPath } from './harness-fixture';
import { screens } from './screens';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe checks at a docked (360 px) and a full-screen (1280 px) width; screenshots also at 1400. */
const AXE_WIDTHS = [360, 1280];
const SCREENSHOT_WIDTHS = [360, 1280, 1400];
const THEMES = ['light', 'dark'] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe only "needs review" an aria-label on an element that cannot carry one (a <p>, a <span>)
 * when it has text; the issue wants none at all, so those count too.
 */
const ALWAYS_FAIL = new Set(['aria-prohibited-attr']);

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const { violations, incomplete } = await page.evaluate(async () => {
    type Results = { violations: Violation[]; incomplete: Violation[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Results> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations', 'incomplete'] });
    return { violations: result.violations, incomplete: result.incomplete };
  });
  return [
    ...violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'),
    ...incomplete.filter((review) => ALWAYS_FAIL.has(review.id)),
  ].map((violation) => {
    const first = violation.nodes[0];
    const more = violation.nodes.length > 1 ? ` (and ${violation.nodes.length - 1} more)` : '';
    return `${violation.id} (${violation.impact}): ${first?.target.join(' ')}${more}: ${first?.failureSummary ?? violation.help}`;
  });
}

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
