import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { e2e } from './harness-fixture';
import { fullyVisible, horizontalOverflow, screens } from './screens';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

/** From a softphone docked beside a CRM to a full screen. */
const WIDTHS = [320, 360, 380, 1280, 1400];

describe('no sideways scrolling, call controls always on screen', () => {
  it('every screen fits every width from 320 px to 1400 px, with its controls fully visible', async () => {
    const world = await fixture.world();
    const { page } = world;
    const problems: string[] = [];
    for (const screen of screens) {
      await screen.reach(world);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 760 });
        const { scrollWidth, innerWidth } = await horizontalOverflow(page);
        if (scrollWidth > innerWidth) problems.push(`${screen.name} @${width}: the page is ${scrollWidth} px wide`);
        for (const control of screen.essentials(page)) {
          const problem = await fullyVisible(control);
          if (problem) problems.push(`${screen.name} @${width}: ${control.toString()} ${problem}`);
        }
      }
      await page.setViewportSize({ width: 1280, height: 760 });
    }
    expect(problems).toEqual([]);
  });
});
