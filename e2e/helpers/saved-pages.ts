import { readFile } from 'node:fs/promises';
import type { Browser } from '@playwright/test';
import sharp from 'sharp';
import { ROOT } from './app-server.ts';

/**
 * Pages as readers save them, made at run time by Chromium itself: the corpus of real pages in
 * shared/corpus beside the project, served at the address Readability's tests give them, and
 * saved with the DevTools protocol's Page.captureSnapshot, which is what Chrome's "Save as…
 * Webpage, single file" and Android's "Download page" write.
 */

/** shared/corpus/readability beside the project, or where PAMPHLET_CORPUS says (a work tree elsewhere). */
export const CORPUS = `${process.env.PAMPHLET_CORPUS ?? `${ROOT}../shared/corpus/readability`}/`;
/** The address every corpus page's expected output assumes. */
export const CORPUS_PAGE_URL = 'http://fakehost/test/page.html';

export interface CorpusPage {
  html: string;
  metadata: { title: string; byline?: string; lang?: string; excerpt?: string };
}

export async function corpusPage(name: string): Promise<CorpusPage> {
  const [html, metadata] = await Promise.all([
    readFile(`${CORPUS}${name}/source.html`, 'utf8'),
    readFile(`${CORPUS}${name}/expected-metadata.json`, 'utf8'),
  ]);
  return { html, metadata: JSON.parse(metadata) as CorpusPage['metadata'] };
}

/** A real picture, of a size and colour of its own, so that each image of a page is a different one. */
export async function picture(width: number, height: number, shade: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: shade % 256, g: (shade * 7) % 256, b: 90 } } })
    .png()
    .toBuffer();
}

/**
 * The page at `address` saved by Chromium as MHTML, every picture it asks for answered with a real
 * PNG, everything else refused, scripts off (a page's scripts would ask the web for more): in a
 * browser context of its own, so that none of it touches the app's.
 */
export async function chromiumSnapshot(browser: Browser, address: string, html: string): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    let shade = 0;
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (request.url() === address) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
      if (request.resourceType() === 'image') {
        shade += 40;
        return route.fulfill({ contentType: 'image/png', body: await picture(320 + shade, 200, shade) });
      }
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(address, { waitUntil: 'load' });
    const session = await context.newCDPSession(page);
    const { data } = await session.send('Page.captureSnapshot', { format: 'mhtml' });
    return Buffer.from(data, 'latin1');
  } finally {
    await context.close();
  }
}
