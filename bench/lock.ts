import { expect, type Page } from '@playwright/test';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { PersistentProfile } from '../e2e/helpers/profile.ts';
import { UNLOCK_DERIVED, UNLOCK_FINISHED, UNLOCK_STARTED } from '../src/lock/lock-marks.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { ARTICLE_REQUESTED, ARTICLE_SHOWN, IMPORT_FINISHED, LIBRARY_CONFIRMED, LIBRARY_STARTED, SEARCH_SHOWN, SEARCH_STARTED } from '../src/performance-marks.ts';
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
  await page.waitForFunction(([markName, count]) => performance.getEntriesByName(markName).length > count, [name, before] as const, { timeout });
}

/** Reloads (unlocking when locked) `OPENINGS` times, then searches and opens articles as scale.ts does. */
async function use(page: Page, words: string[], locked: boolean, unlockTimes: { derive: number[]; unlock: number[] }): Promise<LockedUse> {
  const open: number[] = [];
  const firstSearch: number[] = [];
  const box = page.getByRole('searchbox', { name: 'Search the library' });
  for (let run = 0; run < OPENINGS; run++) {
    await page.goto('/');
    if (locked) {
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await mark(page, UNLOCK_FINISHED);
      unlockTimes.derive.push(await measureBetween(page, UNLOCK_STARTED, UNLOCK_DERIVED));
      unlockTimes.unlock.push(await measureBetween(page, UNLOCK_STARTED, UNLOCK_FINISHED));
    }
    await mark(page, LIBRARY_CONFIRMED, 300_000);
    open.push(await measureBetween(page, LIBRARY_STARTED, LIBRARY_CONFIRMED));
    const before = await marksSince(page, SEARCH_SHOWN);
    await box.fill(words[10] ?? 'ka');
    await waitForMark(page, SEARCH_SHOWN, before);
    firstSearch.push(await measureBetween(page, SEARCH_STARTED, SEARCH_SHOWN));
  }
  const searches: number[] = [];
  for (let query = 0; query < 30; query++) {
    const before = await marksSince(page, SEARCH_SHOWN);
    const word = words[100 + query * 37] ?? 'kalo';
    const text = query % 3 === 0 ? `${words[20 + query] ?? 'ka'} ${words[300 + query] ?? 'lo'}` : query % 3 === 1 ? word : word.slice(0, Math.max(4, word.length - 2));
    await box.fill(text);
    await waitForMark(page, SEARCH_SHOWN, before);
    searches.push(await measureBetween(page, SEARCH_STARTED, SEARCH_SHOWN));
  }
  await box.fill('');
  const opens: number[] = [];
  for (let at = 0; at < 20; at++) {
    const before = await marksSince(page, ARTICLE_SHOWN);
    await page.getByRole('list', { name: 'Library' }).getByRole('link').nth(at % 8).click();
    await waitForMark(page, ARTICLE_SHOWN, before);
    opens.push(await measureBetween(page, ARTICLE_REQUESTED, ARTICLE_SHOWN));
    await page.goBack();
    await page.getByRole('list', { name: 'Library' }).waitFor();
  }
  return { libraryOpenMs: spreadOf(open), firstSearchMs: spreadOf(firstSearch), searchMs: withP95(searches), articleOpenMs: withP95(opens) };
}

/**
 * A library of `count` articles put in through Import, used with the lock off; then the lock
 * turned on in Settings, and the same use after each unlock.
 */
export async function measureLock(dist: string, count: number): Promise<LockFigures> {
  const words = vocabulary(40_000);
  const articles = await syntheticArticles(count, words);
  const server = await AppServer.start(dist);
  const profile = await PersistentProfile.create(server.url);
  const context = await profile.launch();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await mark(page, LIBRARY_CONFIRMED);
    let imports = 0;
    for (let start = 0; start < count; start += 1000) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await (await chooser).setFiles({ name: `lock-${start}.html`, mimeType: 'text/html', buffer: Buffer.from(encodeBundle(articles.slice(start, start + 1000), [])) });
      await page.waitForFunction(([markName, expected]) => performance.getEntriesByName(markName).length >= expected, [IMPORT_FINISHED, ++imports] as const, { timeout: 300_000 });
    }
    // The index, built once and kept.
    await page.getByRole('searchbox', { name: 'Search the library' }).fill(words[50] ?? 'ka');
    await mark(page, SEARCH_SHOWN, 600_000);

    const unlockTimes = { derive: [] as number[], unlock: [] as number[] };
    const off = await use(page, words, false, unlockTimes);

    await page.getByRole('link', { name: 'Settings' }).click();
    const lock = page.getByRole('group', { name: 'Library lock' });
    await lock.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await lock.getByLabel('Passphrase again').fill(PASSPHRASE);
    const started = performance.now();
    await lock.getByRole('button', { name: 'Turn the lock on' }).click();
    await expect(lock.getByRole('status')).toHaveText('The lock is on. Everything in the library is encrypted.', { timeout: 1_200_000 });
    const lockOnSeconds = Math.round((performance.now() - started) / 100) / 10;

    const on = await use(page, words, true, unlockTimes);
    return { articles: count, lockOnSeconds, keyDerivationMs: spreadOf(unlockTimes.derive), unlockMs: spreadOf(unlockTimes.unlock), off, on };
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    await profile.remove();
  }
}
