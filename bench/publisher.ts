import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import sharp from 'sharp';
import { finishArticles } from '../src/cli/collect.ts';
import { articleFromPage } from '../src/cli/extract/page-article.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { generateSigningKey, type SigningKey } from '../src/shared/signing.ts';

interface Page {
  html: string;
  base: string;
}

export interface PackRates {
  pages: number;
  /** Plain Readability on the same DOM (jsdom): the floor any extraction stands on. */
  readabilityPagesPerSecond: number;
  packPagesPerSecond: number;
  packWithImagesPagesPerSecond?: number;
}

/** Pages with photos of their own, beside them on disk as a browser saves them. */
async function syntheticPages(dir: string, count: number): Promise<Page[]> {
  const sample = await readFile(new URL('../public/samples/un-security-council-2016.html', import.meta.url), 'utf8');
  const body = sample.slice(sample.indexOf('<p>Tensions'), sample.indexOf('</article>'));
  await mkdir(join(dir, 'files'), { recursive: true });
  const pages: Page[] = [];
  for (let index = 0; index < count; index++) {
    const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: (index * 37) % 255, g: 90, b: 140 } } })
      .jpeg({ quality: 85 })
      .toBuffer();
    await writeFile(join(dir, 'files', `photo-${index}.jpg`), photo);
    const html = `<!doctype html><html lang="en"><head><title>Report number ${index} from the security council meeting</title></head>
      <body><header>Site menu</header><article><h1>Report number ${index} from the security council meeting</h1>
      <figure><img src="files/photo-${index}.jpg" alt="Photo ${index}"><figcaption>Caption ${index}</figcaption></figure>${body}</article></body></html>`;
    const path = join(dir, `page-${index}.html`);
    await writeFile(path, html);
    pages.push({ html, base: pathToFileURL(path).href });
  }
  return pages;
}

async function corpusPages(root: string): Promise<Page[]> {
  const names = (await readdir(root, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({ html: await readFile(join(root, name, 'source.html'), 'utf8'), base: 'http://fakehost/test/page.html' })),
  );
}

async function rate(pages: Page[], work: (page: Page) => unknown): Promise<number> {
  const started = performance.now();
  for (const page of pages) await work(page);
  return Math.round((pages.length / ((performance.now() - started) / 1000)) * 10) / 10;
}

async function pack(page: Page, key: SigningKey, images: boolean): Promise<void> {
  const extracted = await articleFromPage(page.html, page.base, { images, allowPrivate: false, warn: () => undefined });
  const { articles, images: carried } = await finishArticles([extracted], key);
  encodeBundle(articles, carried);
}

async function measure(pages: Page[], withImages: boolean): Promise<PackRates> {
  const key = await generateSigningKey();
  // One page first, so that module loading and JIT warm-up count against no one.
  await pack(pages[0]!, key, false);
  // jsdom reports every stylesheet it cannot parse; the figures are what matter here.
  const virtualConsole = new VirtualConsole();
  const readabilityPagesPerSecond = await rate(pages, (page) =>
    new Readability(new JSDOM(page.html, { url: page.base, virtualConsole }).window.document).parse(),
  );
  const packPagesPerSecond = await rate(pages, (page) => pack(page, key, false));
  const packWithImagesPagesPerSecond = withImages ? await rate(pages, (page) => pack(page, key, true)) : undefined;
  return {
    pages: pages.length,
    readabilityPagesPerSecond,
    packPagesPerSecond,
    ...(packWithImagesPagesPerSecond === undefined ? {} : { packWithImagesPagesPerSecond }),
  };
}

/** Packing rates on pages with photos on disk, and on the real-page corpus when it is there. */
export async function measurePublisher(
  corpus = process.env.BENCH_CORPUS ?? '../shared/corpus/readability',
): Promise<{ synthetic: PackRates; corpus?: PackRates }> {
  const dir = await mkdtemp(join(tmpdir(), 'pamphlet-bench-pages-'));
  try {
    const synthetic = await measure(await syntheticPages(dir, 24), true);
    const corpusRoot = resolve(corpus);
    return existsSync(corpusRoot) ? { synthetic, corpus: await measure(await corpusPages(corpusRoot), false) } : { synthetic };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
