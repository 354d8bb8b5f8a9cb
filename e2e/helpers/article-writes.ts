import type { Page } from '@playwright/test';

/**
 * Makes `articlesWritten(page)` resolve once the app has made `count` writes to its articles store.
 * An import's transaction writes each article as soon as its checks accept it, while the rest are
 * checked (src/browser/storage/articles.ts): this is the moment it has written some and not all.
 * Counted in the page as the writes are made: a locator or a PerformanceObserver would hear of
 * them too late.
 */
export async function watchArticleWrites(page: Page, count: number): Promise<void> {
  await page.evaluate((count) => {
    let written!: () => void;
    (window as unknown as { articlesWritten: Promise<void> }).articlesWritten = new Promise((resolve) => (written = resolve));
    let writes = 0;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the store as `this`
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'articles' && ++writes === count) written();
      return put.apply(this, args);
    };
  }, count);
}

/** Resolves once the writes `watchArticleWrites` waits for are made. */
export async function articlesWritten(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { articlesWritten: Promise<void> }).articlesWritten);
}
