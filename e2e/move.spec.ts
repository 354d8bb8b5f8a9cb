import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Article } from '../src/shared/article.ts';
import { AppServer } from './helpers/app-server.ts';
import { restoreReview } from './helpers/backup.ts';
import { bundleFile, draftArticle, importThroughPicker, libraryItem, newPublisherKey, signed } from './helpers/bundles.ts';
import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { storedRecords } from './helpers/library-database.ts';
import { expectLocked, PASSPHRASE, turnLockOn, unlock } from './helpers/lock.ts';
import { PlainStaticServer } from './helpers/plain-static-server.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';

/**
 * Settings → Move to another address: the reader's app at an address that is now blocked (its
 * server stopped; the app opens from its service worker) copies the whole library to the app at a
 * new address, through a window it opens there, after the reader compares a code and accepts.
 */
test.describe.configure({ timeout: 180_000 });

const ARTICLES = 1_000;

/** Articles of one new publisher, each with some paragraphs, so that the library takes several parts to send. */
async function manyArticles(count: number): Promise<Article[]> {
  const key = await newPublisherKey();
  const paragraph = '<p>The court heard the case behind closed doors, and the reporters were kept outside the building.</p>';
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      signed(
        draftArticle({ guid: `urn:pamphlet:e2e:move:${index}`, title: `Moved report ${index + 1}`, content: paragraph.repeat(12) }),
        key,
      ),
    ),
  );
}

/** The library as stored: every article's id, revision and signature, in id order. */
async function storedArticles(page: Page): Promise<string[]> {
  const records = await storedRecords<{ id: string; revision: number; signature?: { value?: string } }>(page, 'articles');
  return records.map((record) => `${record.id} ${record.revision} ${record.signature?.value ?? ''}`).sort();
}

async function libraryCount(page: Page): Promise<number> {
  return (await storedRecords(page, 'articles')).length;
}

/**
 * The old address, with a library of `articles` articles (over 20, which the import report sums
 * up) besides the sample, a star and a theme, the lock turned on if `lock`, then blocked (and
 * unlocked again); the library as stored before the lock sealed it.
 */
async function blockedOldAddress(
  context: BrowserContext,
  old: AppServer,
  { articles = ARTICLES, lock = false } = {},
): Promise<{ page: Page; before: string[] }> {
  const page = await context.newPage();
  await page.goto(`${old.url}/`);
  await waitForOfflineReady(page);
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  // Starred while the list is short (a long one shows only what is on screen).
  await libraryItem(page, SAMPLE_TITLE)
    .getByRole('button', { name: `Star “${SAMPLE_TITLE}”` })
    .click();
  await importThroughPicker(page, [bundleFile('many.html', await manyArticles(articles))]);
  await expect(page.getByRole('region', { name: 'Import' })).toContainText(`${articles} articles: ${articles} added.`, { timeout: 60_000 });
  const before = await storedArticles(page);
  expect(before).toHaveLength(articles + 1);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Sepia' }).check();
  if (lock) await turnLockOn(page);
  await old.stop();
  await page.reload();
  if (lock) {
    await expectLocked(page);
    await unlock(page);
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  return { page, before };
}

/** Starts the move from the old page's Settings (with the passphrase, when given); the new address's window. */
async function startMove(page: Page, to: string, { passphrase }: { passphrase?: string } = {}): Promise<Page> {
  const section = page.getByRole('group', { name: 'Move to another address' });
  await section.getByRole('textbox', { name: 'New address' }).fill(to);
  if (passphrase !== undefined) await section.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  const opened = page.context().waitForEvent('page');
  await section.getByRole('button', { name: 'Move to another address' }).click();
  return opened;
}

/**
 * Accepts the offer in the new address's window and, where it asks what to take of the library
 * (as a restore asks), takes everything, the library being the reader's own; until it is stored.
 */
/**
 * Accepts the offer; what came over is then reviewed as a backup is: the articles are taken, the
 * keys, sources and settings are offered unticked, and the reader ticks them (all, here).
 */
async function acceptMove(receiving: Page): Promise<void> {
  await receiving.getByRole('button', { name: 'Accept' }).click();
  const review = restoreReview(receiving);
  await expect(review).toBeVisible({ timeout: 60_000 });
  const boxes = await review.getByRole('checkbox').all();
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) {
    await expect(box).not.toBeChecked();
    await box.check();
  }
  await review.getByRole('button', { name: 'Restore now' }).click();
  await expect(receiving.getByRole('status').filter({ hasText: 'Your library is here' })).toBeVisible({ timeout: 60_000 });
}

/** The app at two addresses (two origins: the old one, to be blocked, and the new one) and a browser context, all closed after `run`. */
async function betweenTwoAddresses(
  browser: Browser,
  run: (addresses: { old: AppServer; fresh: AppServer; context: BrowserContext }) => Promise<void>,
): Promise<void> {
  const old = await AppServer.start();
  const fresh = await AppServer.start();
  const context = await browser.newContext();
  try {
    await run({ old, fresh, context });
  } finally {
    await context.close();
    await old.stop();
    await fresh.stop();
  }
}

test('the whole library moves to a new address while the old one is blocked, every article arriving as it was', async ({ browser }) => {
  await betweenTwoAddresses(browser, async ({ old, fresh, context }) => {
    const problems = watchContext(context, () => old.url);
    problems.allowedOrigins.add(fresh.url);
    const { page, before } = await blockedOldAddress(context, old);

    const receiving = await startMove(page, `${fresh.url}/`);
    const offer = receiving.getByRole('heading', { name: `Receive a library from ${old.url}?` });
    await expect(offer).toBeVisible({ timeout: 60_000 });
    // Both windows show the same code, for the reader to compare.
    const code = await receiving.getByLabel('Code to compare').textContent();
    expect(code).toMatch(/^\d{3} \d{3}$/);
    await expect(page.getByLabel('Code to compare')).toHaveText(code!);
    await acceptMove(receiving);
    await expect(page.getByRole('status').filter({ hasText: 'The library is at the new address' })).toBeVisible();
    expect(await storedArticles(receiving)).toEqual(before);
    // Nothing was taken from the old copy.
    expect(await storedArticles(page)).toEqual(before);

    // Reading state (read, place, stars, collections) arrives as it was: the star given at the old address too.
    const readingOf = async (at: Page) => (await storedRecords(at, 'reading')).map((record) => JSON.stringify(record)).sort();
    const reading = await readingOf(page);
    expect(reading.some((record) => record.includes('"starred":true'))).toBe(true);
    expect(await readingOf(receiving)).toEqual(reading);
    await receiving.getByRole('link', { name: 'Go to the library' }).click();
    await receiving.getByRole('link', { name: 'Settings' }).click();
    await expect(receiving.getByRole('radio', { name: 'Sepia' })).toBeChecked();
    expectNoProblems(problems, { offline: true });
  });
});

test('a move cut off midway leaves both libraries whole', async ({ browser }) => {
  await betweenTwoAddresses(browser, async ({ old, fresh, context }) => {
    // The connection is cut after the first part: the receiving window hears no more of the move.
    await context.addInitScript(() => {
      if (new URLSearchParams(location.search).get('screen') !== 'receive') return;
      window.addEventListener(
        'message',
        (event) => {
          const move = (event.data as { 'pamphlet-move'?: { type?: string; index?: number } } | null)?.['pamphlet-move'];
          if (move?.type === 'chunk' && (move.index ?? 0) >= 1) event.stopImmediatePropagation();
        },
        true,
      );
    });
    const { page, before } = await blockedOldAddress(context, old);
    const receiving = await startMove(page, `${fresh.url}/`);
    await receiving.getByRole('button', { name: 'Accept' }).click({ timeout: 60_000 });
    await expect(receiving.getByRole('progressbar', { name: 'Library received' })).toHaveAttribute('value', '1');
    await receiving.close();
    await expect(page.getByRole('alert').filter({ hasText: 'The other window was closed before the library arrived' })).toBeVisible();

    expect(await storedArticles(page)).toEqual(before);
    const again = await context.newPage();
    await again.goto(`${fresh.url}/`);
    await expect(again.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    expect(await libraryCount(again)).toBe(1);
  });
});

test('with the lock on, the old address asks for the passphrase before anything is sent', async ({ browser }) => {
  await betweenTwoAddresses(browser, async ({ old, fresh, context }) => {
    const problems = watchContext(context, () => old.url);
    problems.allowedOrigins.add(fresh.url);
    const { page, before } = await blockedOldAddress(context, old, { articles: 30, lock: true });
    const section = page.getByRole('group', { name: 'Move to another address' });

    const refused = await startMove(page, `${fresh.url}/`, { passphrase: 'seven quiet rivers at dusk' });
    await expect(section.getByRole('alert')).toHaveText('That is not the passphrase. Nothing was sent.');
    await expect.poll(() => refused.isClosed()).toBe(true);
    expect(context.pages()).toEqual([page]);
    await expect(section.getByLabel('Code to compare')).toHaveCount(0);
    // The new address holds nothing of the library: only its own sample, once opened.
    const look = await context.newPage();
    await look.goto(`${fresh.url}/`);
    await expect(look.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    expect(await libraryCount(look)).toBe(1);
    await look.close();

    const receiving = await startMove(page, `${fresh.url}/`, { passphrase: PASSPHRASE });
    await expect(receiving.getByRole('heading', { name: `Receive a library from ${old.url}?` })).toBeVisible({ timeout: 20_000 });
    await expect(section.getByRole('alert')).toHaveCount(0);
    const code = await receiving.getByLabel('Code to compare').textContent();
    await expect(page.getByLabel('Code to compare')).toHaveText(code!);
    await acceptMove(receiving);
    await expect(page.getByRole('status').filter({ hasText: 'The library is at the new address' })).toBeVisible();
    expect(await storedArticles(receiving)).toEqual(before);
    expectNoProblems(problems, { offline: true });
  });
});

test('the receiving screen hears only the address that opened it for the move, and a window of a third origin is ignored', async ({
  browser,
}) => {
  const fresh = await AppServer.start();
  const site = await mkdtemp(join(tmpdir(), 'pamphlet-third-origin-'));
  await writeFile(join(site, 'index.html'), '<!doctype html><title>Another site</title><p>Another site.</p>');
  const third = await PlainStaticServer.start({ '/': site });
  const context = await browser.newContext();
  const problems = watchContext(context, () => fresh.url);
  problems.allowedOrigins.add(third.origin);
  // The other site has no icon; the browser asks for one.
  problems.expectedConsoleErrors.push(/favicon\.ico/);
  try {
    // A page of a third origin opens the receiving screen, claiming to be a move from elsewhere,
    // and offers a library of its making.
    const hostile = await context.newPage();
    await hostile.goto(`${third.origin}/`);
    const opened = context.waitForEvent('page');
    await hostile.evaluate(
      (url) => {
        (window as unknown as { target: Window | null }).target = window.open(url, '_blank');
      },
      `${fresh.url}/?screen=receive&from=${encodeURIComponent('http://old.example')}`,
    );
    const receiving = await opened;
    await expect(receiving.getByRole('status').filter({ hasText: 'Waiting for the library…' })).toBeVisible();
    await hostile.evaluate((origin) => {
      const target = (window as unknown as { target: Window }).target;
      const session = 'A'.repeat(22);
      target.postMessage({ 'pamphlet-move': { type: 'offer', session, articles: 1, bytes: 10, chunks: 1 } }, origin);
      target.postMessage({ 'pamphlet-move': { type: 'chunk', session, index: 0, text: '<html></html>' } }, origin);
    }, fresh.url);
    // Nothing is offered to the reader, nothing is stored.
    await expect(receiving.getByRole('heading', { name: /Receive a library from/ })).toHaveCount(0);
    await expect(receiving.getByRole('status').filter({ hasText: 'Waiting for the library…' })).toBeVisible();
    expect(await libraryCount(receiving)).toBeLessThanOrEqual(1);

    // Named as the sender, the site is shown as itself; a reader who accepts anyway gets no more
    // than was offered: a part past the offered length ends the move, and nothing is stored.
    const named = context.waitForEvent('page');
    await hostile.evaluate(
      (url) => {
        (window as unknown as { target: Window | null }).target = window.open(url, '_blank');
      },
      `${fresh.url}/?screen=receive&from=${encodeURIComponent(third.origin)}`,
    );
    const accepting = await named;
    await expect(accepting.getByRole('status').filter({ hasText: 'Waiting for the library…' })).toBeVisible();
    await hostile.evaluate((origin) => {
      const target = (window as unknown as { target: Window }).target;
      target.postMessage({ 'pamphlet-move': { type: 'offer', session: 'B'.repeat(22), articles: 1, bytes: 10, chunks: 2 } }, origin);
    }, fresh.url);
    await expect(accepting.getByRole('heading', { name: `Receive a library from ${third.origin}?` })).toBeVisible();
    await accepting.getByRole('button', { name: 'Accept' }).click();
    await expect(accepting.getByRole('progressbar', { name: 'Library received' })).toBeVisible();
    await hostile.evaluate((origin) => {
      const target = (window as unknown as { target: Window }).target;
      target.postMessage({ 'pamphlet-move': { type: 'chunk', session: 'B'.repeat(22), index: 0, text: 'x'.repeat(11) } }, origin);
    }, fresh.url);
    await expect(accepting.getByRole('alert').filter({ hasText: 'The move failed, and nothing from it was stored.' })).toBeVisible();
    expect(await libraryCount(accepting)).toBeLessThanOrEqual(1);
    expectNoProblems(problems);
  } finally {
    await context.close();
    await third.stop();
    await rm(site, { recursive: true, force: true });
    await fresh.stop();
  }
});
