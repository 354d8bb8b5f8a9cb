import type { FrameLocator, Page } from '@playwright/test';
import type { Article } from '../../src/shared/article.ts';
import { addToFirstStartSamples, encodeBundle } from './fixture-articles.ts';
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

/** Opens `article` as a new reader would: among the samples of the app's first start, then from the library. */
export async function openArticle(page: Page, article: Article, fileName = 'article.html'): Promise<void> {
  await addToFirstStartSamples(page, { [fileName]: encodeBundle([article], []) });
  await page.goto('/');
  await page.getByRole('link', { name: article.title }).click();
  await articleStyled(page);
}

/** The text of the ranges a named highlight (CSS Custom Highlight API) marks in the article's frame. */
export async function marked(page: Page, name: string): Promise<string[]> {
  return articleBody(page)
    .locator('body')
    .evaluate((body, name) => {
      const highlight = body.ownerDocument.defaultView!.CSS.highlights.get(name);
      return highlight ? [...highlight].map((range) => (range as Range).toString()) : [];
    }, name);
}
