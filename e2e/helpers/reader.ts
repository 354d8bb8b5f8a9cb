import type { FrameLocator, Page } from '@playwright/test';

/** The article's body, which the reader shows in a sandboxed frame of its own. */
export function articleBody(page: Page): FrameLocator {
  return page.getByTitle('Article text').contentFrame();
}
