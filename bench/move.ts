import { stat } from 'node:fs/promises';
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import sharp from 'sharp';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { launchOptions } from '../e2e/helpers/browser.ts';
import { bundleFile, draftArticle, importThroughPicker, newPublisherKey, signed } from '../e2e/helpers/bundles.ts';
import { storedRecords } from '../e2e/helpers/library-database.ts';
import { waitForOfflineReady } from '../e2e/helpers/service-worker.ts';
import type { Article } from '../src/shared/article.ts';
import type { DecodedImage } from '../src/shared/bundle/bundle-format.ts';
import { sha256Hex } from '../src/shared/sha256.ts';
import { vocabulary, zipfPicker } from './scale.ts';
import { spreadOf, type Spread } from './stats.ts';

/** Settings → Move to another address, against the backup file made and restored through Settings. */
export interface MoveFigures {
  /** Articles in the library moved, the sample included. */
  articles: number;
  images: number;
  runs: number;
  move: {
    /** From the click on "Move to another address" to "Your library is here" in the new window. */
    totalMs: Spread;
    /** From the click to the offer shown in the new window (it opens, loads, and the old side makes the library's text). */
    untilOfferMs: Spread;
    /** From the offer shown (Accept clicked at once) to the last part arrived in the new window. */
    transferMs: Spread;
    /** From the last part arrived to "Your library is here" (read, checked and stored; the review, where the app asks, taken at once). */
    restoreMs: Spread;
    /** The library's text as sent, in UTF-16 units (the offer's `bytes`), and in how many parts. */
    characters: number;
    parts: number;
    articlesPerSecond: number;
    /** In how many runs the new window asked what to take, as a restore asks (the bench took everything at once). */
    reviewedRuns: number;
  };
  backupFile: {
    /** From the click on "Back up library" at the old address to "Restored …" at the new one. */
    totalMs: Spread;
    /** The click to the file saved. */
    backUpMs: Spread;
    /** The new address opened at its Settings. */
    openMs: Spread;
    /** The file chosen in Restore to its review shown. */
    readMs: Spread;
    /** "Restore now" to "Restored …". */
    restoreMs: Spread;
    /** The backup file's size on disk. */
    bytes: number;
    articlesPerSecond: number;
  };
}

/** Epoch milliseconds, comparable with the same taken in a page of the browser. */
const now = () => performance.timeOrigin + performance.now();
const round = (value: number) => Math.round(value * 10) / 10;
const TIMEOUT = 600_000;

/** A picture in one article in ten. */
const IMAGE_EVERY = 10;

/** Signed articles of one publisher, of some 4 KB of text each, one in ten with a small photo (about 6 KB). */
async function library(count: number): Promise<{ articles: Article[]; images: DecodedImage[] }> {
  const key = await newPublisherKey();
  const pick = zipfPicker(vocabulary(20_000), 41);
  const articles: Article[] = [];
  const images: DecodedImage[] = [];
  for (let index = 0; index < count; index++) {
    let figure = '';
    if (index % IMAGE_EVERY === 0) {
      const bytes = new Uint8Array(
        await sharp({
          create: { width: 100, height: 100, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
        })
          .jpeg({ quality: 80 })
          .toBuffer(),
      );
      const hash = await sha256Hex(bytes);
      images.push({ hash, type: 'image/jpeg', bytes });
      figure = `<figure><img src="sha256:${hash}" alt="Photo ${index + 1}"></figure>`;
    }
    const paragraphs = Array.from({ length: 5 }, () => `<p>${Array.from({ length: 90 }, pick).join(' ')}.</p>`).join('');
    const draft = draftArticle({
      guid: `urn:pamphlet:bench:move:${index}`,
      title: `${pick()} ${pick()} ${pick()} ${index + 1}`,
      content: figure + paragraphs,
    });
    articles.push(await signed(draft, key));
  }
  return { articles, images };
}

interface MoveSeen {
  offer?: { articles: number; bytes: number; chunks: number };
  chunks: number[];
}

/** The receiving window's own record of the move's messages as they arrive: the offer, and each part's arrival. */
async function recordMoveMessages(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (new URLSearchParams(location.search).get('screen') !== 'receive') return;
    const seen: MoveSeen = { chunks: [] };
    (window as unknown as { moveSeen: MoveSeen }).moveSeen = seen;
    addEventListener(
      'message',
      (event) => {
        const move = (event.data as { 'pamphlet-move'?: { type?: string; articles: number; bytes: number; chunks: number } } | null)?.[
          'pamphlet-move'
        ];
        if (move?.type === 'offer') seen.offer = { articles: move.articles, bytes: move.bytes, chunks: move.chunks };
        else if (move?.type === 'chunk') seen.chunks.push(performance.timeOrigin + performance.now());
      },
      true,
    );
  });
}

/** The old address with the library in it, then blocked: its server stopped, the app reopened at Settings from its service worker. */
async function blockedOldAddress(
  context: BrowserContext,
  old: AppServer,
  bundle: ReturnType<typeof bundleFile>,
  count: number,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${old.url}/`);
  await waitForOfflineReady(page);
  await importThroughPicker(page, [bundle]);
  await expect(page.getByRole('region', { name: 'Import' })).toContainText(`${count} articles: ${count} added.`, { timeout: TIMEOUT });
  await page.getByRole('link', { name: 'Settings' }).click();
  await old.stop();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  return page;
}

/** The review a backup (and, where the app asks, a move) gets, every box ticked: the reader's own library. */
async function restoreEverything(page: Page): Promise<void> {
  const review = page.getByRole('region', { name: 'What this backup would change' });
  for (const box of await review.getByRole('checkbox').all()) await box.check();
  await review.getByRole('button', { name: 'Restore now' }).click();
}

async function storedArticleCount(page: Page): Promise<number> {
  return (await storedRecords(page, 'articles')).length;
}

interface MoveRun {
  totalMs: number;
  untilOfferMs: number;
  transferMs: number;
  restoreMs: number;
  characters: number;
  parts: number;
  reviewed: boolean;
}

async function move(page: Page, to: AppServer, articles: number): Promise<MoveRun> {
  const section = page.getByRole('group', { name: 'Move to another address' });
  await section.getByRole('textbox', { name: 'New address' }).fill(`${to.url}/`);
  const opened = page.context().waitForEvent('page');
  const started = now();
  await section.getByRole('button', { name: 'Move to another address' }).click();
  const receiving = await opened;
  await receiving.getByRole('heading', { name: /^Receive a library from / }).waitFor({ timeout: TIMEOUT });
  const offered = now();
  await receiving.getByRole('button', { name: 'Accept' }).click();
  const review = receiving.getByRole('region', { name: 'What this backup would change' });
  const stored = receiving.getByRole('status').filter({ hasText: 'Your library is here' });
  await review.or(stored).waitFor({ timeout: TIMEOUT });
  const reviewed = await review.isVisible();
  if (reviewed) await restoreEverything(receiving);
  await stored.waitFor({ timeout: TIMEOUT });
  const done = now();
  await expect(page.getByRole('status').filter({ hasText: 'The library is at the new address' })).toBeVisible();
  const seen = await receiving.evaluate(() => (window as unknown as { moveSeen: MoveSeen }).moveSeen);
  const lastPart = seen.chunks.at(-1);
  if (!seen.offer || lastPart === undefined || seen.chunks.length !== seen.offer.chunks)
    throw new Error(`the move's parts were not all seen: ${JSON.stringify(seen)}`);
  const count = await storedArticleCount(receiving);
  if (count !== articles) throw new Error(`the new address holds ${count} articles, not ${articles}`);
  await receiving.close();
  return {
    totalMs: done - started,
    untilOfferMs: offered - started,
    transferMs: lastPart - offered,
    restoreMs: done - lastPart,
    characters: seen.offer.bytes,
    parts: seen.offer.chunks,
    reviewed,
  };
}

interface BackupRun {
  totalMs: number;
  backUpMs: number;
  openMs: number;
  readMs: number;
  restoreMs: number;
  bytes: number;
}

/** The way before: a backup file made at the old address, and restored at the new one through Settings. */
async function backupFile(page: Page, to: AppServer, articles: number): Promise<BackupRun> {
  const downloading = page.waitForEvent('download');
  const started = now();
  await page.getByRole('button', { name: 'Back up library' }).click();
  const file = await (await downloading).path();
  const backedUp = now();
  const other = await page.context().newPage();
  await other.goto(`${to.url}/?screen=settings`);
  await other.getByRole('heading', { level: 1, name: 'Settings' }).waitFor({ timeout: TIMEOUT });
  const open = now();
  await other.getByLabel('Restore').setInputFiles(file);
  await other.getByRole('region', { name: 'What this backup would change' }).waitFor({ timeout: TIMEOUT });
  const read = now();
  await restoreEverything(other);
  await other
    .getByRole('status')
    .filter({ hasText: /^Restored / })
    .waitFor({ timeout: TIMEOUT });
  const done = now();
  const count = await storedArticleCount(other);
  if (count !== articles) throw new Error(`the restore left ${count} articles at the new address, not ${articles}`);
  const { size } = await stat(file);
  await other.close();
  return {
    totalMs: done - started,
    backUpMs: backedUp - started,
    openMs: open - backedUp,
    readMs: read - open,
    restoreMs: done - read,
    bytes: size,
  };
}

/** One run: fresh servers (the old address, the move's new one, the backup's new one) and a fresh context. */
async function oneRun(browser: Browser, dist: string, bundle: ReturnType<typeof bundleFile>, count: number, moveFirst: boolean) {
  const servers = await Promise.all([AppServer.start(dist), AppServer.start(dist), AppServer.start(dist)]);
  const [old, moveTo, restoreTo] = servers;
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    await recordMoveMessages(context);
    const page = await blockedOldAddress(context, old, bundle, count);
    // The sample, besides the library imported.
    const articles = count + 1;
    if (moveFirst) {
      const moved = await move(page, moveTo, articles);
      return { moved, restored: await backupFile(page, restoreTo, articles) };
    }
    const restored = await backupFile(page, restoreTo, articles);
    return { moved: await move(page, moveTo, articles), restored };
  } finally {
    await context.close();
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/**
 * A library of `count` signed articles (some with a photo) moved from a blocked address to a new
 * one `runs` times, each run also making the same library's backup file and restoring it at
 * another new address, the two taking turns to go first.
 */
export async function measureMove(dist: string, count: number, runs: number): Promise<MoveFigures> {
  const { articles, images } = await library(count);
  const bundle = bundleFile('move-bench.html', articles, images);
  const browser = await chromium.launch(launchOptions());
  try {
    const results = [];
    for (let run = 0; run < runs; run++) results.push(await oneRun(browser, dist, bundle, count, run % 2 === 0));
    const moved = results.map((result) => result.moved);
    const restored = results.map((result) => result.restored);
    const total = spreadOf(moved.map((one) => one.totalMs));
    const backupTotal = spreadOf(restored.map((one) => one.totalMs));
    return {
      articles: count + 1,
      images: images.length,
      runs,
      move: {
        totalMs: total,
        untilOfferMs: spreadOf(moved.map((one) => one.untilOfferMs)),
        transferMs: spreadOf(moved.map((one) => one.transferMs)),
        restoreMs: spreadOf(moved.map((one) => one.restoreMs)),
        characters: moved[0]!.characters,
        parts: moved[0]!.parts,
        articlesPerSecond: round((count + 1) / (total.median / 1000)),
        reviewedRuns: moved.filter((one) => one.reviewed).length,
      },
      backupFile: {
        totalMs: backupTotal,
        backUpMs: spreadOf(restored.map((one) => one.backUpMs)),
        openMs: spreadOf(restored.map((one) => one.openMs)),
        readMs: spreadOf(restored.map((one) => one.readMs)),
        restoreMs: spreadOf(restored.map((one) => one.restoreMs)),
        bytes: restored[0]!.bytes,
        articlesPerSecond: round((count + 1) / (backupTotal.median / 1000)),
      },
    };
  } finally {
    await browser.close();
  }
}
