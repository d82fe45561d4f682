/** axe-core in the page: the violations an agent with a screen reader or low vision would meet. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

export async function seriousViolations(page: Page): Promise<string[]> {
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
