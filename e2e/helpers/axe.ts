import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export function summarize(violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }>): string[] {
  return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** axe on the app's screen, into its components' shadow roots; the sandboxed article frame is left out (see accessibility.spec.ts). */
export async function expectNoViolationsOnScreen(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .exclude({ fromShadowDom: ['pamphlet-app', 'pamphlet-reader', 'pamphlet-article-body', 'iframe'] })
    .analyze();
  expect(summarize(violations), `axe violations on ${screen}`).toEqual([]);
}
