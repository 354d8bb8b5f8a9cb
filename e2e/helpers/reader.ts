import type { FrameLocator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** The article's body, which the reader shows in a sandboxed frame of its own. */
export function articleBody(page: Page): FrameLocator {
  return page.getByTitle('Article text').contentFrame();
}

/** Waits until the article's frame has its typography (a constructed stylesheet its document adopts). */
export async function articleStyled(page: Page): Promise<void> {
  await expect
    .poll(() =>
      articleBody(page)
        .locator('body')
        .evaluate((body) => body.ownerDocument.adoptedStyleSheets.length),
    )
    .toBeGreaterThan(0);
}
