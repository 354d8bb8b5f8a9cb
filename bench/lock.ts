import { expect, type Page } from '@playwright/test';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { PersistentProfile } from '../e2e/helpers/profile.ts';
import { UNLOCK_DERIVED, UNLOCK_FINISHED, UNLOCK_STARTED } from '../src/lock/lock-marks.ts';
import type { Article } from '../src/shared/article.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import {
  ARTICLE_REQUESTED,
  ARTICLE_SHOWN,
  IMPORT_FINISHED,
  LIBRARY_CONFIRMED,
  LIBRARY_STARTED,
  SEARCH_SHOWN,
  SEARCH_STARTED,
} from '../src/app/performance-marks.ts';
import { mark, measureBetween, syntheticArticles, vocabulary, withP95 } from './scale.ts';
import { spreadOf, type Spread } from './stats.ts';

/** What the library lock costs, the same library measured with it off and on. */
export interface LockFigures {
  articles: number;
  /** Turning the lock on: every record sealed, through Settings. */
  lockOnSeconds: number;
  /** The passphrase's Argon2id (64 MiB, t=3, p=1) in its worker, and the whole unlock. */
  keyDerivationMs: Spread;
  unlockMs: Spread;
  off: LockedUse;
  on: LockedUse;
}

export interface LockedUse {
  /** From the library screen starting to its list confirmed from IndexedDB (after a reload, and with the lock on, after the unlock). */
  libraryOpenMs: Spread;
  /** The first search after opening: the saved index loaded (and opened) in the worker. */
  firstSearchMs: Spread;
  searchMs: Spread & { p95: number };
  articleOpenMs: Spread & { p95: number };
}

const PASSPHRASE = 'a bench passphrase of some length';
const OPENINGS = 5;

async function marksSince(page: Page, name: string): Promise<number> {
  return page.evaluate((markName) => performance.getEntriesByName(markName).length, name);
}

async function waitForMark(page: Page, name: string, before: number, timeout = 300_000): Promise<void> {
  await page.waitForFunction(([markName, count]) => performance.getEntriesByName(markName).length > count, [name, before] as const, {
    timeout,
  });
}

interface Side {
  page: Page;
  locked: boolean;
  open: number[];
  firstSearch: number[];
  searches: number[];
  opens: number[];
}

/** A reload (and, locked, an unlock), to the library confirmed from IndexedDB, then a first search. */
async function openAndSearch(side: Side, words: string[], unlockTimes: { derive: number[]; unlock: number[] }): Promise<void> {
  const { page } = side;
  await page.goto('/');
  if (side.locked) {
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await mark(page, UNLOCK_FINISHED);
    unlockTimes.derive.push(await measureBetween(page, UNLOCK_STARTED, UNLOCK_DERIVED));
    unlockTimes.unlock.push(await measureBetween(page, UNLOCK_STARTED, UNLOCK_FINISHED));
  }
  await mark(page, LIBRARY_CONFIRMED, 300_000);
  side.open.push(await measureBetween(page, LIBRARY_STARTED, LIBRARY_CONFIRMED));
  const before = await marksSince(page, SEARCH_SHOWN);
  await page.getByRole('searchbox', { name: 'Search the library' }).fill(words[10] ?? 'ka');
  await waitForMark(page, SEARCH_SHOWN, before);
  side.firstSearch.push(await measureBetween(page, SEARCH_STARTED, SEARCH_SHOWN));
}

async function searchOnce(side: Side, text: string): Promise<void> {
  const before = await marksSince(side.page, SEARCH_SHOWN);
  await side.page.getByRole('searchbox', { name: 'Search the library' }).fill(text);
  await waitForMark(side.page, SEARCH_SHOWN, before);
  side.searches.push(await measureBetween(side.page, SEARCH_STARTED, SEARCH_SHOWN));
}

async function openArticle(side: Side, at: number): Promise<void> {
  const { page } = side;
  const before = await marksSince(page, ARTICLE_SHOWN);
  await page
    .getByRole('list', { name: 'Library' })
    .getByRole('link')
    .nth(at % 8)
    .click();
  await waitForMark(page, ARTICLE_SHOWN, before);
  side.opens.push(await measureBetween(page, ARTICLE_REQUESTED, ARTICLE_SHOWN));
  await page.goBack();
  await page.getByRole('list', { name: 'Library' }).waitFor();
}

function figuresOf(side: Side): LockedUse {
  return {
    libraryOpenMs: spreadOf(side.open),
    firstSearchMs: spreadOf(side.firstSearch),
    searchMs: withP95(side.searches),
    articleOpenMs: withP95(side.opens),
  };
}

/** A profile with the library put in through Import, and its search index built. */
async function seeded(dist: string, articles: Article[], words: string[]) {
  const server = await AppServer.start(dist);
  const profile = await PersistentProfile.create(server.url);
  const context = await profile.launch();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/');
  await mark(page, LIBRARY_CONFIRMED);
  for (let start = 0; start < articles.length; start += 1000) {
    // Counted on this page (the built-in sample's import on first start is one too), as in scale.ts.
    const before = await marksSince(page, IMPORT_FINISHED);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await (
      await chooser
    ).setFiles({
      name: `lock-${start}.html`,
      mimeType: 'text/html',
      buffer: Buffer.from(encodeBundle(articles.slice(start, start + 1000), [])),
    });
    await waitForMark(page, IMPORT_FINISHED, before);
  }
  await page.getByRole('searchbox', { name: 'Search the library' }).fill(words[50] ?? 'ka');
  await mark(page, SEARCH_SHOWN, 600_000);
  const close = async () => {
    await context.close().catch(() => undefined);
    await server.stop();
    await profile.remove();
  };
  return { page, close };
}

/**
 * The same library of `count` articles in two profiles, put in through Import; the lock turned on
 * in one of them (through Settings). Then the same use of both, taking turns, so that a machine
 * busy with something else slows both alike.
 */
export async function measureLock(dist: string, count: number): Promise<LockFigures> {
  const words = vocabulary(40_000);
  const articles = await syntheticArticles(count, words);
  const plain = await seeded(dist, articles, words);
  const locked = await seeded(dist, articles, words).catch(async (error: unknown) => {
    await plain.close();
    throw error;
  });
  try {
    const { page } = locked;
    await page.getByRole('link', { name: 'Settings' }).click();
    const lock = page.getByRole('group', { name: 'Library lock' });
    await lock.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await lock.getByLabel('Passphrase again').fill(PASSPHRASE);
    const started = performance.now();
    await lock.getByRole('button', { name: 'Turn the lock on' }).click();
    await expect(lock.getByRole('status')).toHaveText('The lock is on. Everything in the library is encrypted.', { timeout: 1_200_000 });
    const lockOnSeconds = Math.round((performance.now() - started) / 100) / 10;

    const sides: Side[] = [plain.page, locked.page].map((sidePage, at) => ({
      page: sidePage,
      locked: at === 1,
      open: [],
      firstSearch: [],
      searches: [],
      opens: [],
    }));
    const unlockTimes = { derive: [] as number[], unlock: [] as number[] };
    for (let run = 0; run < OPENINGS; run++) for (const side of sides) await openAndSearch(side, words, unlockTimes);
    for (let query = 0; query < 30; query++) {
      const word = words[100 + query * 37] ?? 'kalo';
      const text =
        query % 3 === 0
          ? `${words[20 + query] ?? 'ka'} ${words[300 + query] ?? 'lo'}`
          : query % 3 === 1
            ? word
            : word.slice(0, Math.max(4, word.length - 2));
      for (const side of sides) await searchOnce(side, text);
    }
    for (const side of sides) await side.page.getByRole('searchbox', { name: 'Search the library' }).fill('');
    for (let at = 0; at < 20; at++) for (const side of sides) await openArticle(side, at);
    return {
      articles: count,
      lockOnSeconds,
      keyDerivationMs: spreadOf(unlockTimes.derive),
      unlockMs: spreadOf(unlockTimes.unlock),
      off: figuresOf(sides[0]!),
      on: figuresOf(sides[1]!),
    };
  } finally {
    await plain.close();
    await locked.close();
  }
}
