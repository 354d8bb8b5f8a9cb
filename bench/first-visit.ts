import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { launchOptions } from '../e2e/helpers/browser.ts';
import { LIBRARY_PAINTED } from '../src/app/performance-marks.ts';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface FirstVisit {
  files: Array<{ path: string; kind: string } & Sizes>;
  byKind: Record<'html' | 'js' | 'css', Sizes>;
  jsAndCssGzip: number;
  /**
   * Everything the page itself asked for until the network was idle, the paint's files included:
   * what the first visit goes on to load once the library is up (the import panel, the service
   * worker's bridge, the search worker, the translations of a reader's language). The service
   * worker's precache, fetched in the background for offline use, is not the page's and is left out.
   */
  untilIdle: { files: Array<{ path: string; kind: string } & Sizes>; jsAndCssGzip: number };
}

function sizesOf(bytes: Buffer): Sizes {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * What a first visit loads before the library is painted: the HTML, scripts and styles the page
 * itself requests (the service worker's background precaching comes after and is not counted).
 * Sizes are of the files in the build, compressed as the server sends them.
 */
export async function measureFirstVisit(url: string, dist: string): Promise<FirstVisit> {
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage();
    const kinds = new Map<string, string>();
    page.on('response', (response) => {
      const type = response.request().resourceType();
      const kind = type === 'document' ? 'html' : type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : undefined;
      if (kind && response.ok()) kinds.set(new URL(response.url()).pathname, kind);
    });
    await page.goto(url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, LIBRARY_PAINTED);
    // What was asked for before the paint, by the page's own clock: work deferred until after it
    // (the import panel, the service worker) may still be arriving as this reads, and is not counted.
    const before = await page.evaluate((mark) => {
      const painted = performance.getEntriesByName(mark)[0]!.startTime;
      return [
        '/',
        ...performance
          .getEntriesByType('resource')
          .filter((entry) => entry.startTime < painted)
          .map((entry) => new URL(entry.name).pathname),
      ];
    }, LIBRARY_PAINTED);
    await page.waitForLoadState('networkidle');
    const sized = async (paths: string[]) => {
      const files = [];
      for (const path of new Set(paths.filter((path) => kinds.has(path)))) {
        const file = path === '/' ? 'index.html' : path.slice(1);
        files.push({ path, kind: kinds.get(path)!, ...sizesOf(await readFile(join(dist, file))) });
      }
      return files;
    };
    const files = await sized(before);
    const byKind = { html: sum([]), js: sum([]), css: sum([]) };
    for (const kind of ['html', 'js', 'css'] as const) byKind[kind] = sum(files.filter((file) => file.kind === kind));
    const later = await sized(['/', ...kinds.keys()]);
    const jsAndCss = (list: typeof files) => list.filter((file) => file.kind !== 'html').reduce((total, file) => total + file.gzip, 0);
    return { files, byKind, jsAndCssGzip: byKind.js.gzip + byKind.css.gzip, untilIdle: { files: later, jsAndCssGzip: jsAndCss(later) } };
  } finally {
    await browser.close();
  }
}

function sum(files: Sizes[]): Sizes {
  return files.reduce((total, file) => ({ raw: total.raw + file.raw, gzip: total.gzip + file.gzip, brotli: total.brotli + file.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}
