import { readFile, readdir } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { PersistentProfile } from '../e2e/helpers/profile.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import type { Article } from '../src/shared/article.ts';
import { generateSigningKey, signArticle } from '../src/shared/signing.ts';
import {
  ARTICLE_REQUESTED,
  ARTICLE_SHOWN,
  IMPORT_FINISHED,
  LIBRARY_PAINTED,
  LIBRARY_STARTED,
  SEARCH_SHOWN,
  SEARCH_STARTED,
} from '../src/performance-marks.ts';
import { spreadOf, type Spread } from './stats.ts';

export interface ScaleFigures {
  articles: number;
  textMegabytes: number;
  seedSeconds: number;
  indexSeconds: number;
  /** From the library screen starting to its first paint, and from navigation to it. */
  libraryFirstScreenMs: Spread;
  navigationToLibraryMs: Spread;
  searchMs: Spread & { p95: number };
  articleOpenMs: Spread & { p95: number };
  /** After searching and reading: the page's JavaScript heap, and the renderer processes' resident size (page and workers). */
  memoryMegabytes: { pageHeap: number; renderers: number };
}

/** Words of a made-up language with a realistic spread (a few common, most rare), Latin and Cyrillic. */
function vocabulary(size: number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sta', 'vor', 'pel', 'dan', 'ik', 'за', 'ро', 'ми', 'на', 'ство', 'пер', 'ли', 'ков'];
  const words: string[] = [];
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  while (words.length < size) {
    const length = 2 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += syllables[Math.floor(next() * (next() < 0.5 ? 10 : syllables.length))];
    words.push(word);
  }
  return [...new Set(words)];
}

function zipfPicker(words: string[], seedStart: number): () => string {
  let seed = seedStart;
  return () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    // An inverse-power draw: index ~ n^u, so that low indexes (common words) come up often.
    const u = seed / 2 ** 32;
    return words[Math.max(0, Math.min(words.length - 1, Math.floor(Math.pow(words.length, u)) - 1))]!;
  };
}

async function syntheticArticles(count: number, words: string[]): Promise<Article[]> {
  const key = await generateSigningKey();
  const pick = zipfPicker(words, 99);
  const articles: Article[] = [];
  for (let index = 0; index < count; index++) {
    const paragraphs = Array.from({ length: 8 }, () => `<p>${Array.from({ length: 95 }, pick).join(' ')}.</p>`).join('');
    articles.push(
      await signArticle(
        {
          guid: `urn:pamphlet:scale:${index}`,
          revision: 1,
          title: `${pick()} ${pick()} ${pick()} ${pick()} ${index}`,
          publisher: { name: `Desk ${index % 7}` },
          lang: index % 3 === 0 ? 'ru' : 'en',
          dir: 'ltr',
          published: new Date(Date.UTC(2020, 0, 1) + index * 3_600_000).toISOString(),
          content: paragraphs,
        },
        key,
      ),
    );
  }
  return articles;
}

async function mark(page: Page, name: string, timeout = 120_000): Promise<void> {
  await page.waitForFunction((markName) => performance.getEntriesByName(markName).length > 0, name, { timeout });
}

async function measureBetween(page: Page, start: string, end: string): Promise<number> {
  return page.evaluate(([from, to]) => {
    const ends = performance.getEntriesByName(to);
    const starts = performance.getEntriesByName(from);
    return ends.at(-1)!.startTime - starts.at(-1)!.startTime;
  }, [start, end] as const);
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Memory as the operating system sees it: the resident size of the browser's renderer processes
 * (the page and its workers live there), found from the browser process started on `profileDir`.
 * And the page's own JavaScript heap, from DevTools.
 */
async function memoryMegabytes(context: BrowserContext, page: Page, profileDir: string): Promise<{ pageHeap: number; renderers: number }> {
  const session = await context.newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  const processes = new Map<number, { parent: number; command: string; rss: number }>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = await readFile(`/proc/${name}/status`, 'utf8');
      const command = (await readFile(`/proc/${name}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      const parent = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      processes.set(Number(name), { parent, command, rss });
    } catch {
      // The process ended meanwhile.
    }
  }
  const browser = [...processes.entries()].find(([, info]) => info.command.includes(`--user-data-dir=${profileDir}`) && !info.command.includes('--type='))?.[0];
  let renderers = 0;
  for (const [pid, info] of processes) {
    if (!info.command.includes('--type=renderer')) continue;
    for (let ancestor = info.parent; ancestor > 1; ancestor = processes.get(ancestor)?.parent ?? 0) {
      if (ancestor === browser) {
        renderers += info.rss;
        break;
      }
    }
    void pid;
  }
  return { pageHeap: mb(usedSize), renderers: mb(renderers) };
}

function withP95(values: number[]): Spread & { p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { ...spreadOf(values), p95: Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! * 10) / 10 };
}

/**
 * A library of `count` articles (about 5 KB of text each), put in through the app's own Import,
 * then: the library's first screen, search, opening articles, and memory, in a profile on disk.
 */
export async function measureScale(dist: string, count: number): Promise<ScaleFigures> {
  const words = vocabulary(40_000);
  const articles = await syntheticArticles(count, words);
  const textMegabytes = Math.round((articles.reduce((sum, article) => sum + article.content.length, 0) / 1024 / 1024) * 10) / 10;
  const server = await AppServer.start(dist);
  const profile = await PersistentProfile.create(server.url);
  let context = await profile.launch();
  try {
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await mark(page, LIBRARY_PAINTED);
    const seedStarted = performance.now();
    for (let start = 0; start < count; start += 1000) {
      if (process.env.BENCH_VERBOSE) console.error(`importing ${start}… ${Math.round(performance.now() - seedStarted)} ms`);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await (await chooser).setFiles({ name: `scale-${start}.html`, mimeType: 'text/html', buffer: Buffer.from(encodeBundle(articles.slice(start, start + 1000), [])) });
      await page.waitForFunction(([markName, expected]) => performance.getEntriesByName(markName).length >= expected, [IMPORT_FINISHED, start / 1000 + 1] as const, { timeout: 300_000 });
    }
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;

    // The first search builds the index (once: it is kept) in the worker.
    const indexStarted = performance.now();
    await page.getByRole('searchbox', { name: 'Search the library' }).fill(words[50] ?? 'ka');
    await mark(page, SEARCH_SHOWN, 600_000);
    const indexSeconds = Math.round((performance.now() - indexStarted) / 100) / 10;
    await context.close();

    // Cold starts with the whole library in place.
    const firstScreen: number[] = [];
    const navigation: number[] = [];
    for (let run = 0; run < 5; run++) {
      context = await profile.launch();
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/');
      await mark(page, LIBRARY_PAINTED);
      firstScreen.push(await measureBetween(page, LIBRARY_STARTED, LIBRARY_PAINTED));
      navigation.push(await page.evaluate((markName) => performance.getEntriesByName(markName)[0]!.startTime, LIBRARY_PAINTED));
      if (run < 4) await context.close();
    }

    const searches: number[] = [];
    const box = page.getByRole('searchbox', { name: 'Search the library' });
    await box.fill(words[10] ?? 'ka');
    await mark(page, SEARCH_SHOWN, 300_000);
    for (let query = 0; query < 30; query++) {
      const before = await page.evaluate((markName) => performance.getEntriesByName(markName).length, SEARCH_SHOWN);
      // A third two-word queries, a third whole words, a third words begun (four letters or more).
      const word = words[100 + query * 37] ?? 'kalo';
      const text = query % 3 === 0 ? `${words[20 + query] ?? 'ka'} ${words[300 + query] ?? 'lo'}` : query % 3 === 1 ? word : word.slice(0, Math.max(4, word.length - 2));
      await box.fill(text);
      await page.waitForFunction(([markName, count]) => performance.getEntriesByName(markName).length > count, [SEARCH_SHOWN, before] as const);
      searches.push(await measureBetween(page, SEARCH_STARTED, SEARCH_SHOWN));
    }
    await box.fill('');

    const opens: number[] = [];
    for (let open = 0; open < 20; open++) {
      const before = await page.evaluate((markName) => performance.getEntriesByName(markName).length, ARTICLE_SHOWN);
      await page.getByRole('list', { name: 'Library' }).getByRole('link').nth(open % 8).click();
      await page.waitForFunction(([markName, count]) => performance.getEntriesByName(markName).length > count, [ARTICLE_SHOWN, before] as const);
      opens.push(await measureBetween(page, ARTICLE_REQUESTED, ARTICLE_SHOWN));
      await page.goBack();
      await page.getByRole('list', { name: 'Library' }).waitFor();
    }
    const memory = await memoryMegabytes(context, page, profile.dir);
    return {
      articles: count,
      textMegabytes,
      seedSeconds,
      indexSeconds,
      libraryFirstScreenMs: spreadOf(firstScreen),
      navigationToLibraryMs: spreadOf(navigation),
      searchMs: withP95(searches),
      articleOpenMs: withP95(opens),
      memoryMegabytes: memory,
    };
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    await profile.remove();
  }
}
