import { readFile, readdir } from 'node:fs/promises';
import { expect, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { PersistentProfile } from '../e2e/helpers/profile.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import type { Article } from '../src/shared/article.ts';
import { generateSigningKey, signArticle } from '../src/shared/signing.ts';
import {
  ARTICLE_REQUESTED,
  ARTICLE_SHOWN,
  IMPORT_FINISHED,
  LIBRARY_CONFIRMED,
  LIBRARY_PAINTED,
  LIBRARY_STARTED,
  SEARCH_SHOWN,
  SEARCH_STARTED,
} from '../src/app/performance-marks.ts';
import { spreadOf, type Spread } from './stats.ts';

export interface ScaleFigures {
  articles: number;
  textMegabytes: number;
  seedSeconds: number;
  indexSeconds: number;
  /**
   * Cold starts: from the library screen starting to its first screen painted (from the copy kept
   * in one settings record), to the same confirmed from the library's index, and from navigation to the first paint.
   */
  libraryFirstScreenMs: Spread;
  /** The same for the small library (the sample and 20 articles) in the same profile, before the rest went in. */
  libraryFirstScreenBaselineMs: Spread;
  libraryConfirmedMs: Spread;
  navigationToLibraryMs: Spread;
  searchMs: Spread & { p95: number };
  articleOpenMs: Spread & { p95: number };
  /** After searching and reading, in megabytes; the baseline is the same app holding just the sample. */
  memoryMegabytes: MemoryFigures;
  memoryBaselineMegabytes: MemoryFigures;
}

/** Words of a made-up language with a realistic spread (a few common, most rare), Latin and Cyrillic. */
export function vocabulary(size: number): string[] {
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

export function zipfPicker(words: string[], seedStart: number): () => string {
  let seed = seedStart;
  return () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    // An inverse-power draw: index ~ n^u, so that low indexes (common words) come up often.
    const u = seed / 2 ** 32;
    return words[Math.max(0, Math.min(words.length - 1, Math.floor(Math.pow(words.length, u)) - 1))]!;
  };
}

export async function syntheticArticles(count: number, words: string[]): Promise<Article[]> {
  const key = await generateSigningKey();
  const pick = zipfPicker(words, 99);
  const articles: Article[] = [];
  for (let index = 0; index < count; index++) {
    const paragraphs = Array.from({ length: 6 }, () => `<p>${Array.from({ length: 95 }, pick).join(' ')}.</p>`).join('');
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

export async function mark(page: Page, name: string, timeout = 120_000): Promise<void> {
  await page.waitForFunction((markName) => performance.getEntriesByName(markName).length > 0, name, { timeout });
}

export async function measureBetween(page: Page, start: string, end: string): Promise<number> {
  return page.evaluate(
    ([from, to]) => {
      const ends = performance.getEntriesByName(to);
      const starts = performance.getEntriesByName(from);
      return ends.at(-1)!.startTime - starts.at(-1)!.startTime;
    },
    [start, end] as const,
  );
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export interface MemoryFigures {
  /** The page's own JavaScript heap (main thread), from DevTools. */
  pageHeap: number;
  /**
   * The renderer processes serving the app (page, workers, frames; not the browser's own UI),
   * summed: memory private to them (what closing them would free), their proportional share of
   * what they share with other processes, and the resident size (which counts shared code once
   * per process, so overstates).
   */
  renderersPrivate: number;
  renderersProportional: number;
  renderersResident: number;
  processes: number;
}

/**
 * Collects garbage in the page and in every worker it runs (the search worker, the service
 * worker), as a phone short of memory would before the figures are read: left to itself on a
 * machine with memory to spare, V8 lets garbage pile up to several times the live heap.
 */
async function collectGarbageEverywhere(session: CDPSession): Promise<void> {
  const workers: string[] = [];
  const answered = new Set<string>();
  session.on('Target.attachedToTarget', (event) => workers.push(event.sessionId));
  session.on('Target.receivedMessageFromTarget', (event) => answered.add(event.sessionId));
  // Not flattened: Playwright's session can then reach each worker through sendMessageToTarget.
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const sessionId of workers) {
    await session.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }),
    });
  }
  await session.send('HeapProfiler.collectGarbage');
  const deadline = Date.now() + 10_000;
  while (workers.some((sessionId) => !answered.has(sessionId)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

/** From the browser process started on `profileDir`, its renderers, as the operating system counts them. */
async function memoryFigures(context: BrowserContext, page: Page, profileDir: string): Promise<MemoryFigures> {
  const session = await context.newCDPSession(page);
  await collectGarbageEverywhere(session);
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  const processes = new Map<number, { parent: number; command: string }>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = await readFile(`/proc/${name}/status`, 'utf8');
      const command = (await readFile(`/proc/${name}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      processes.set(Number(name), { parent: Number(/PPid:\s+(\d+)/.exec(status)?.[1]), command });
    } catch {
      // The process ended meanwhile.
    }
  }
  const browser = [...processes.entries()].find(
    ([, info]) => info.command.includes(`--user-data-dir=${profileDir}`) && !info.command.includes('--type='),
  )?.[0];
  const figures: MemoryFigures = {
    pageHeap: mb(usedSize),
    renderersPrivate: 0,
    renderersProportional: 0,
    renderersResident: 0,
    processes: 0,
  };
  for (const [pid, info] of processes) {
    if (!info.command.includes('--type=renderer') || info.command.includes('--top-chrome-webui')) continue;
    let ancestor = info.parent;
    while (ancestor > 1 && ancestor !== browser) ancestor = processes.get(ancestor)?.parent ?? 0;
    if (ancestor !== browser) continue;
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) * 1024;
    figures.renderersPrivate += kilobytes('Private_Clean') + kilobytes('Private_Dirty');
    figures.renderersProportional += kilobytes('Pss');
    figures.renderersResident += kilobytes('Rss');
    figures.processes++;
  }
  return {
    ...figures,
    renderersPrivate: mb(figures.renderersPrivate),
    renderersProportional: mb(figures.renderersProportional),
    renderersResident: mb(figures.renderersResident),
  };
}

/** The baseline's use: one search, one article read and back, then the memory figures. */
async function readAndMeasure(
  context: BrowserContext,
  page: Page,
  profileDir: string,
  query: string,
  expectedHits: number,
): Promise<MemoryFigures> {
  await page.getByRole('searchbox', { name: 'Search the library' }).fill(query);
  await mark(page, SEARCH_SHOWN);
  await page.getByRole('list', { name: 'Library' }).getByRole('link').first().click();
  await mark(page, ARTICLE_SHOWN);
  await page.goBack();
  await page.getByRole('searchbox', { name: 'Search the library' }).fill('');
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(expectedHits);
  return memoryFigures(context, page, profileDir);
}

export function withP95(values: number[]): Spread & { p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { ...spreadOf(values), p95: Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! * 10) / 10 };
}

/**
 * A library of `count` articles (about 5 KB of text each), put in through the app's own Import,
 * then: the library's first screen, search, opening articles, and memory, in a profile on disk.
 */
/** Cold starts per library size: a busy moment moved a median of five by 20 ms. */
const COLD_STARTS = 9;

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
    // The baseline: a small library (the sample and 20 articles), used the same way.
    const SMALL = 20;
    const importSlice = async (from: number, to: number) => {
      const before = await page.evaluate((markName) => performance.getEntriesByName(markName).length, IMPORT_FINISHED);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await (
        await chooser
      ).setFiles({ name: `scale-${from}.html`, mimeType: 'text/html', buffer: Buffer.from(encodeBundle(articles.slice(from, to), [])) });
      await page.waitForFunction(
        ([markName, done]) => performance.getEntriesByName(markName).length > done,
        [IMPORT_FINISHED, before] as const,
        { timeout: 300_000 },
      );
    };
    await importSlice(0, SMALL);
    const baseline = await readAndMeasure(context, page, profile.dir, words[10] ?? 'ka', SMALL + 1);
    await context.close();

    /** Cold starts of the browser on the profile as it is; the last one's page stays open. */
    const coldStarts = async (runs: number) => {
      const figures = { firstScreen: [] as number[], confirmed: [] as number[], navigation: [] as number[] };
      for (let run = 0; run < runs; run++) {
        if (run > 0) await context.close();
        context = await profile.launch();
        page = context.pages()[0] ?? (await context.newPage());
        await page.goto('/');
        await mark(page, LIBRARY_PAINTED);
        await mark(page, LIBRARY_CONFIRMED);
        figures.firstScreen.push(await measureBetween(page, LIBRARY_STARTED, LIBRARY_PAINTED));
        figures.confirmed.push(await measureBetween(page, LIBRARY_STARTED, LIBRARY_CONFIRMED));
        figures.navigation.push(await page.evaluate((markName) => performance.getEntriesByName(markName)[0]!.startTime, LIBRARY_PAINTED));
      }
      return figures;
    };
    const baselineStarts = await coldStarts(COLD_STARTS);
    const seedStarted = performance.now();
    for (let start = SMALL; start < count; start += 1000) {
      if (process.env.BENCH_VERBOSE) console.error(`importing ${start}… ${Math.round(performance.now() - seedStarted)} ms`);
      await importSlice(start, Math.min(count, start + 1000));
    }
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;

    // The first search builds the index (once: it is kept) in the worker.
    const indexStarted = performance.now();
    await page.getByRole('searchbox', { name: 'Search the library' }).fill(words[50] ?? 'ka');
    await mark(page, SEARCH_SHOWN, 600_000);
    const indexSeconds = Math.round((performance.now() - indexStarted) / 100) / 10;
    await context.close();

    // Cold starts with the whole library in place.
    const { firstScreen, confirmed, navigation } = await coldStarts(COLD_STARTS);

    const searches: number[] = [];
    const box = page.getByRole('searchbox', { name: 'Search the library' });
    await box.fill(words[10] ?? 'ka');
    await mark(page, SEARCH_SHOWN, 300_000);
    for (let query = 0; query < 30; query++) {
      const before = await page.evaluate((markName) => performance.getEntriesByName(markName).length, SEARCH_SHOWN);
      // A third two-word queries, a third whole words, a third words begun (four letters or more).
      const word = words[100 + query * 37] ?? 'kalo';
      const text =
        query % 3 === 0
          ? `${words[20 + query] ?? 'ka'} ${words[300 + query] ?? 'lo'}`
          : query % 3 === 1
            ? word
            : word.slice(0, Math.max(4, word.length - 2));
      await box.fill(text);
      await page.waitForFunction(([markName, count]) => performance.getEntriesByName(markName).length > count, [
        SEARCH_SHOWN,
        before,
      ] as const);
      searches.push(await measureBetween(page, SEARCH_STARTED, SEARCH_SHOWN));
    }
    await box.fill('');

    const opens: number[] = [];
    for (let open = 0; open < 20; open++) {
      const before = await page.evaluate((markName) => performance.getEntriesByName(markName).length, ARTICLE_SHOWN);
      await page
        .getByRole('list', { name: 'Library' })
        .getByRole('link')
        .nth(open % 8)
        .click();
      await page.waitForFunction(([markName, count]) => performance.getEntriesByName(markName).length > count, [
        ARTICLE_SHOWN,
        before,
      ] as const);
      opens.push(await measureBetween(page, ARTICLE_REQUESTED, ARTICLE_SHOWN));
      await page.goBack();
      await page.getByRole('list', { name: 'Library' }).waitFor();
    }
    const memory = await memoryFigures(context, page, profile.dir);
    return {
      articles: count,
      textMegabytes,
      seedSeconds,
      indexSeconds,
      libraryFirstScreenMs: spreadOf(firstScreen),
      libraryFirstScreenBaselineMs: spreadOf(baselineStarts.firstScreen),
      libraryConfirmedMs: spreadOf(confirmed),
      navigationToLibraryMs: spreadOf(navigation),
      searchMs: withP95(searches),
      articleOpenMs: withP95(opens),
      memoryMegabytes: memory,
      memoryBaselineMegabytes: baseline,
    };
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    await profile.remove();
  }
}
