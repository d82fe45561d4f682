/**
 * Drives the demo to each screen an agent sees, for the sweeps that check every screen at several
 * widths and in both themes (layout, accessibility).
 */
import type { Locator, Page } from 'playwright-core';
import type { World } from './harness-fixture';
import { nextPress, signInAsDemoAgent } from './harness-fixture';

export type ScreenName = 'sign-in' | 'phone' | 'incoming' | 'history' | 'settings' | 'compact';

export interface ScreenStep {
  name: ScreenName;
  /** Brings the window to this screen (each step starts where the previous one ended). */
  reach(world: World): Promise<void>;
  /** Controls that must be fully on screen, not cut off, at every width. */
  essentials(page: Page): Locator[];
}

/** Asks main to poll Evo now instead of waiting for the next poll. */
const syncNow = (page: Page) => page.evaluate(() => window.softphone!.sessions.refresh()).then(() => undefined);

const onCall = (page: Page) => page.getByRole('region', { name: 'On call' });
const heldList = (page: Page) => page.getByRole('list', { name: 'Held calls' });
const incoming = (page: Page) => page.getByRole('region', { name: 'Incoming call' });
const strip = (page: Page) => page.getByRole('region', { name: 'Call strip' });
const compact = (page: Page) => page.getByRole('main', { name: 'Compact softphone' });

export const screens: ScreenStep[] = [
  {
    name: 'sign-in',
    reach: async ({ page }) => {
      await page.getByLabel('Email').waitFor();
    },
    essentials: (page) => [
      page.getByLabel('Email'),
      page.getByRole('button', { name: 'Sign in' }),
      page.getByRole('button', { name: 'Try the demo' }),
    ],
  },
  {
    name: 'phone',
    // A call with Sam and Jane on hold: the busiest phone screen.
    reach: async ({ page, simulator }) => {
      await signInAsDemoAgent(page);
      await onCall(page).getByText('Jane Doe').first().waitFor();
      await page.getByRole('button', { name: 'Hold', exact: true }).click();
      await heldList(page).getByRole('listitem', { name: 'Jane Doe' }).waitFor();
      simulator.ring('demo@evosoftphone.local', { number: '+15550100555', name: 'Sam Caller' });
      await syncNow(page);
      await nextPress(page);
      await incoming(page).getByRole('button', { name: 'Answer' }).click();
      await onCall(page).getByText('Sam Caller').first().waitFor();
    },
    essentials: (page) => [
      onCall(page).getByRole('button', { name: 'Hold', exact: true }),
      onCall(page).getByRole('button', { name: 'Hang up' }),
      onCall(page).getByRole('button', { name: /Mute/ }),
      onCall(page).getByRole('timer'),
      heldList(page).getByRole('button', { name: 'Resume' }),
      heldList(page).getByRole('button', { name: 'Hang up' }),
      // The held card has two timers since promised holds (the promise countdown beside it).
      heldList(page).getByRole('timer', { name: 'Time on hold' }),
      page.getByRole('button', { name: 'Sign out' }),
      // The Phone tab's count of calls (seen as a number; its words are in the tab's name).
      page.getByRole('tab', { name: /^Phone/ }).getByText(/^\d+$/),
    ],
  },
  {
    name: 'incoming',
    reach: async ({ page, simulator }) => {
      simulator.ring('demo@evosoftphone.local', { number: '+15550100666', name: 'Lee Wong' });
      await syncNow(page);
      await incoming(page).getByText('Lee Wong').first().waitFor();
    },
    // Lee rings while Sam is on the line: call waiting.
    essentials: (page) => [
      incoming(page).getByRole('button', { name: 'Hold & answer' }),
      incoming(page).getByRole('button', { name: 'End & answer' }),
      incoming(page).getByRole('button', { name: 'Decline' }),
      onCall(page).getByRole('button', { name: 'Hang up' }),
    ],
  },
  {
    name: 'history',
    reach: async ({ page }) => {
      await page.getByRole('tab', { name: 'History' }).click();
      const list = page.getByRole('list', { name: 'Call history' });
      await list.getByRole('button').first().click();
      await page.getByRole('region', { name: 'Call details' }).getByRole('button', { name: 'Call back' }).waitFor();
    },
    // Sam on the line, Jane on hold, Lee ringing: the call strip above History.
    essentials: (page) => [
      page.getByRole('searchbox', { name: 'Search history' }),
      page.getByRole('region', { name: 'Call details' }).getByRole('button', { name: 'Call back' }),
      strip(page).getByRole('button', { name: 'Hold', exact: true }),
      strip(page).getByRole('button', { name: 'Hang up' }),
      strip(page).getByRole('button', { name: 'Resume' }),
    ],
  },
  {
    name: 'settings',
    reach: async ({ page }) => {
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Save settings' }).waitFor();
    },
    essentials: (page) => [page.getByRole('button', { name: 'Save settings' })],
  },
  {
    name: 'compact',
    // The slim view with Sam on the line, Jane on hold and Lee ringing.
    reach: async ({ page }) => {
      await page.getByRole('button', { name: 'Compact view' }).click();
      await page.getByRole('main', { name: 'Compact softphone' }).getByRole('listitem', { name: 'Jane Doe' }).waitFor();
    },
    essentials: (page) => [
      compact(page).getByRole('button', { name: 'Hold', exact: true }),
      compact(page).getByRole('button', { name: 'Hang up' }),
      compact(page).getByRole('button', { name: 'Resume Jane Doe' }),
      compact(page).getByRole('button', { name: 'Hold & answer' }),
      compact(page).getByRole('button', { name: 'End & answer' }),
      compact(page).getByRole('button', { name: 'Decline' }),
    ],
  },
];

/** Scrolls the control into view, then checks it lies inside the viewport and nothing covers it. */
export async function fullyVisible(locator: Locator): Promise<string | null> {
  const found = await locator.scrollIntoViewIfNeeded({ timeout: 5000 }).then(
    () => true,
    () => false,
  );
  if (!found) return 'not found';
  const box = await locator.boundingBox();
  if (!box) return 'not rendered';
  return locator.evaluate((element, b) => {
    const width = window.innerWidth;
    if (b.x < 0 || b.x + b.width > width + 0.5) return `spans x ${Math.round(b.x)}..${Math.round(b.x + b.width)} in a ${width} px window`;
    // Clipped by an ancestor's overflow or covered by another element: the centre is not ours.
    const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
    if (!hit || !(element === hit || element.contains(hit))) return `covered by ${hit?.outerHTML.slice(0, 80) ?? 'nothing'}`;
    for (let node = element.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX === 'visible') continue;
      const clip = node.getBoundingClientRect();
      if (b.x < clip.left - 0.5 || b.x + b.width > clip.right + 0.5) return `cut off by ${node.tagName.toLowerCase()}.${node.className}`;
    }
    return null;
  }, box);
}

export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
