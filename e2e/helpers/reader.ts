import type { FrameLocator, Page } from '@playwright/test';

/** The article's body, which the reader shows in a sandboxed frame of its own. */
export function articleBody(page: Page): FrameLocator {
  return page.getByTitle('Article text').contentFrame();
}

/** Waits until the article's frame has its stylesheet: the last thing an open article asks the server for. */
export async function articleStyled(page: Page): Promise<void> {
  await articleBody(page)
    .locator('link[rel="stylesheet"]')
    .evaluate((link: HTMLLinkElement) =>
      link.sheet
        ? true
        : new Promise<boolean>((resolve) => {
            link.addEventListener('load', () => resolve(true), { once: true });
            link.addEventListener('error', () => resolve(false), { once: true });
          }),
    );
}
