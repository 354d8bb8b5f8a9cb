import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { follow as followOffer, libraryItem, libraryTitles } from './helpers/bundles.ts';
import { Newsroom } from './helpers/edition.ts';
import { test, expect, expectNoProblems, type BrowserProblems } from './helpers/fixtures.ts';
import { Mirror } from './helpers/mirror.ts';
import { articleBody } from './helpers/reader.ts';
import { PERIODIC_SYNC_TAG } from '../src/browser/sync/periodic-sync-tag.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

/** Changes a few words in each article file of a folder, leaving its signed index as it was. */
async function tamperArticles(folder: string, count: number): Promise<void> {
  const files = (await readdir(join(folder, 'articles'))).slice(0, count);
  for (const file of files) {
    const path = join(folder, 'articles', file);
    await writeFile(path, (await readFile(path, 'utf8')).replaceAll('told in enough words', 'told in other words'));
  }
}

/** Follows a source through the Sources screen, as a reader given a mirror's address would. */
async function follow(page: Page, address: string, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Sources' }).click();
  await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(address);
  await page.getByRole('button', { name: 'Find source' }).click();
  await followOffer(page, name);
}

/** What the Sources screen says about the sync: how it goes, then what each source brought. */
function syncStatus(page: Page) {
  return page.getByRole('region', { name: 'Sync' });
}

/** The line in it that screen readers hear when a sync ends (a polite live region). */
function syncFinished(page: Page) {
  return syncStatus(page).getByRole('status');
}

/**
 * Changes an article's title in a folder's index, and in its gzipped copy (which readers ask for
 * first), leaving the signature as it was: a forged index.
 */
async function forgeIndex(folder: string): Promise<void> {
  const path = join(folder, 'pamphlet-index.json');
  const index = JSON.parse(await readFile(path, 'utf8')) as { articles: { title: string }[] };
  index.articles[0]!.title = 'The council resigns';
  await writeFile(path, JSON.stringify(index));
  await writeFile(`${path}.gz`, gzipSync(JSON.stringify(index)));
}

/** A size as the Sources screen writes it in English. */
function kilobytes(bytes: number): string {
  return new Intl.NumberFormat('en-US', { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 0 }).format(
    bytes / 1024,
  );
}

function allow(problems: BrowserProblems, ...mirrors: Mirror[]): void {
  for (const mirror of mirrors) problems.allowedOrigins.add(mirror.origin);
}

/**
 * A newsroom whose edition of `pages` articles one mirror serves, started and allowed; with
 * `pack: false`, an edition without a pack, which readers fetch article by article (each file
 * held `delayMs` by the mirror).
 */
async function editionOnOneMirror(
  problems: BrowserProblems,
  pages: number,
  { delayMs = 0, pack = true } = {},
): Promise<{ newsroom: Newsroom; mirror: Mirror }> {
  const newsroom = await Newsroom.create();
  const mirror = await Mirror.at(newsroom.dir);
  mirror.dir = await newsroom.edition('edition', await newsroom.writePages(pages), [mirror.url], 'City Desk', { pack });
  mirror.delayMs = delayMs;
  await mirror.start();
  allow(problems, mirror);
  return { newsroom, mirror };
}

/** A request for articles: an article's own file, or (one request, whatever it holds) the edition's pack. */
function isArticleData(path: string): boolean {
  return path.startsWith('/articles/') || path.startsWith('/packs/');
}

/** A mirror's line in the Sources screen's list of the source's mirrors. */
function mirrorLine(page: Page, mirror: Mirror) {
  return page.getByRole('list', { name: 'Mirrors of City Desk' }).getByRole('listitem').filter({ hasText: mirror.url });
}

test('a sync gets every good article through the mirrors that answer, reports the tampered one, and ignores a replayed index', async ({
  page,
  problems,
}) => {
  test.info().annotations.push({ type: 'offline' });
  const newsroom = await Newsroom.create();
  // In the publisher's order: one down, one whose copies were tampered with, a good one, and one
  // that will serve an old index. Without a pack, the articles come one by one (a tampered pack:
  // test/edition-packs.test.ts).
  const [down, tampered, good, replay] = await Promise.all(['.', '.', '.', '.'].map(() => Mirror.at(newsroom.dir)));
  const mirrors = [down!, tampered!, good!, replay!];
  const urls = mirrors.map((mirror) => mirror.url);
  const firstPages = await newsroom.writePages(3);
  await newsroom.edition('edition', firstPages, urls, 'City Desk', { pack: false });
  replay!.dir = await newsroom.copy('edition', 'replayed');
  await newsroom.edition('edition', [...firstPages, ...(await newsroom.writePages(2))], urls, 'City Desk', { pack: false });
  tampered!.dir = await newsroom.copy('edition', 'tampered');
  await tamperArticles(tampered!.dir, 2);
  good!.dir = join(newsroom.dir, 'edition');
  await Promise.all([replay!.start(), tampered!.start(), good!.start()]);
  allow(problems, ...mirrors);
  try {
    await page.goto('/');
    await follow(page, good!.url, 'City Desk');
    const status = syncStatus(page);
    await expect(syncFinished(page)).toHaveText('Sync finished: 5 new articles. 2 problems, listed below.');
    await expect(status).toContainText('City Desk: 5 new articles.');
    await expect(status).toContainText(`Mirror 127.0.0.1:${tampered!.port} served a bundle that failed verification`);

    const source = page.getByRole('list', { name: 'Sources' }).getByRole('listitem').filter({ hasText: 'City Desk' }).first();
    await expect(source).toContainText('last synced');
    await expect(mirrorLine(page, down!)).toContainText('did not answer (it could not be reached');
    // The tampered mirror served the index (valid and newest): the two articles it spoiled came from
    // the next mirror, asked for those alone; the one after that was not asked at all.
    await expect(mirrorLine(page, tampered!)).toContainText(
      'served data that failed verification (its copy does not match the hash in the signed index',
    );
    await expect(mirrorLine(page, good!)).toContainText('answered (asked for articles only');
    expect(good!.served.filter((path) => path !== '/pamphlet-source.json')).toEqual([
      expect.stringMatching(/^\/articles\//),
      expect.stringMatching(/^\/articles\//),
    ]);
    await expect(mirrorLine(page, replay!)).toContainText('not asked yet');
    expect(replay!.served).toEqual([]);

    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(6);
    for (let number = 1; number <= 5; number++) {
      await expect(libraryItem(page, `Report number ${number} on the city council`)).toContainText('Verified · signed by City Desk');
    }
    // The tampered words never reached the library.
    await libraryItem(page, 'Report number 1 on the city council').getByRole('link').click();
    await expect(page.getByTitle('Article text').contentFrame().locator('body')).toContainText('told in enough words');

    // Now only the mirror with the old index answers: asked last, its index is a replay, and is refused.
    await Promise.all([tampered!.stop(), good!.stop()]);
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncFinished(page)).toHaveText('Sync finished: no new articles. 1 problem, listed below.');
    // The replay is the most serious thing a mirror did this time: the summary names it, not the
    // mirrors that were down.
    await expect(syncStatus(page)).toContainText(
      `No mirror served a valid index (tried 4): 127.0.0.1:${replay!.port} served an older index (index number`,
    );
    await expect(mirrorLine(page, replay!)).toContainText('served an older index (index number');
    await expect(mirrorLine(page, replay!)).toContainText('a replay');
    await expect(mirrorLine(page, tampered!)).toContainText('did not answer');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(6);
    expectNoProblems(problems, { offline: true });
  } finally {
    await Promise.all(mirrors.map((mirror) => mirror.stop()));
    await newsroom.remove();
  }
});

test('each mirror is labelled by what it did, and when none serves a valid index the summary names the forgery, not a mirror that was down', async ({
  page,
  problems,
}) => {
  test.info().annotations.push({ type: 'offline' });
  const newsroom = await Newsroom.create();
  // In the publisher's order: one down, one serving a forged index, a good one, and one that will
  // serve an old index.
  const [down, forged, good, replay] = await Promise.all(['.', '.', '.', '.'].map(() => Mirror.at(newsroom.dir)));
  const mirrors = [down!, forged!, good!, replay!];
  const urls = mirrors.map((mirror) => mirror.url);
  const pages = await newsroom.writePages(2);
  await newsroom.edition('edition', pages, urls);
  replay!.dir = await newsroom.copy('edition', 'replayed');
  await newsroom.edition('edition', [...pages, ...(await newsroom.writePages(1))], urls);
  forged!.dir = await newsroom.copy('edition', 'forged');
  await forgeIndex(forged!.dir);
  good!.dir = join(newsroom.dir, 'edition');
  await Promise.all([forged!.start(), good!.start(), replay!.start()]);
  allow(problems, ...mirrors);
  const forgery = `127.0.0.1:${forged!.port}`;
  try {
    await page.goto('/');
    await follow(page, good!.url, 'City Desk');
    // The sync went through the good mirror; the reader still hears of the forged one.
    await expect(syncFinished(page)).toHaveText('Sync finished: 3 new articles. 1 problem, listed below.');
    await expect(syncStatus(page)).toContainText(
      `Mirror ${forgery} served an index that failed verification (The edition index does not verify: its signature does not match its content.); skipped.`,
    );
    await expect(mirrorLine(page, down!)).toContainText('did not answer (it could not be reached');
    await expect(mirrorLine(page, forged!)).toContainText(
      'served data that failed verification (The edition index does not verify: its signature does not match its content.',
    );
    await expect(mirrorLine(page, good!)).toContainText('answered (index number');
    await expect(mirrorLine(page, replay!)).toContainText('not asked yet');
    expect(forged!.served).toEqual(['/pamphlet-index.json.gz']);

    // With the good mirror gone, no mirror serves a valid index: the forgery is named, though the
    // mirror with the old index was asked last and the first was down.
    await good!.stop();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncFinished(page)).toHaveText('Sync finished: no new articles. 1 problem, listed below.');
    await expect(syncStatus(page)).toContainText(
      `City Desk: No mirror served a valid index (tried 4): ${forgery} served an index that failed verification (The edition index does not verify`,
    );
    await expect(mirrorLine(page, down!)).toContainText('did not answer');
    await expect(mirrorLine(page, forged!)).toContainText('served data that failed verification');
    await expect(mirrorLine(page, good!)).toContainText('did not answer (it could not be reached');
    await expect(mirrorLine(page, replay!)).toContainText('served an older index (index number');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(4);
    await expect(libraryItem(page, 'The council resigns')).toHaveCount(0);
    expectNoProblems(problems, { offline: true });
  } finally {
    await Promise.all(mirrors.map((mirror) => mirror.stop()));
    await newsroom.remove();
  }
});

test('a sync asks one mirror at a time, in the publisher’s order: none after the one that answers, and never where a mirror redirects', async ({
  page,
  problems,
}) => {
  test.info().annotations.push({ type: 'offline' });
  const newsroom = await Newsroom.create();
  const [redirecting, elsewhere, first, second] = [
    await Mirror.at(newsroom.dir),
    await Mirror.at(newsroom.dir),
    await Mirror.at(newsroom.dir),
    await Mirror.at(newsroom.dir),
  ];
  const urls = [redirecting.url, first.url, second.url];
  // Article by article, so that the count of articles asked for shows where each was asked.
  const folder = await newsroom.edition('edition', await newsroom.writePages(2), urls, 'City Desk', { pack: false });
  for (const mirror of [elsewhere, first, second]) mirror.dir = folder;
  redirecting.redirectTo = elsewhere.url;
  await Promise.all([redirecting, elsewhere, first, second].map((mirror) => mirror.start()));
  // Chromium reports the redirect's target as a request the moment the redirect arrives, and then
  // as aborted when the app's fetch refuses to follow: what shows that nothing reached it is the
  // target's own count, and that no request there finished.
  allow(problems, redirecting, elsewhere, first, second);
  const finishedElsewhere: string[] = [];
  page
    .context()
    .on('requestfinished', (request) => void (request.url().startsWith(elsewhere.url) && finishedElsewhere.push(request.url())));
  try {
    await page.goto('/');
    await follow(page, first.url, 'City Desk');
    await expect(syncStatus(page)).toContainText('2 new articles.');
    await expect(mirrorLine(page, redirecting)).toContainText('did not answer (it redirected elsewhere, which Pamphlet does not follow');
    await expect(mirrorLine(page, first)).toContainText('answered (index number');
    await expect(mirrorLine(page, second)).toContainText('not asked yet');
    // Its redirect for the index's copy is taken for a host without one; the index itself is then refused.
    expect(redirecting.served).toEqual(['/pamphlet-index.json.gz', '/pamphlet-index.json']);
    expect(elsewhere.served).toEqual([]);
    expect(first.served.filter((path) => path.startsWith('/articles/'))).toHaveLength(2);
    expect(second.served).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);

    // With that mirror gone, the next is asked, and still no further.
    await first.stop();
    await newsroom.edition('edition', await newsroom.writePages(1), urls);
    for (const mirror of [redirecting, elsewhere, first, second]) mirror.served.length = 0;
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText('1 new article.');
    await expect(mirrorLine(page, first)).toContainText('did not answer');
    await expect(mirrorLine(page, second)).toContainText('answered (index number');
    // Not asked for the copy again this session.
    expect(redirecting.served).toEqual(['/pamphlet-index.json']);
    expect(elsewhere.served).toEqual([]);
    // This run wrote a pack: the new article comes in its first block, or from its own file.
    expect(second.served).toEqual(['/pamphlet-index.json.gz', expect.stringMatching(/^\/(articles|packs)\//)]);
    expect(finishedElsewhere).toEqual([]);
    expectNoProblems(problems, { offline: true });
  } finally {
    await Promise.all([redirecting, elsewhere, first, second].map((mirror) => mirror.stop()));
    await newsroom.remove();
  }
});

test('a publisher rotates mirrors through a newer index', async ({ page, problems }) => {
  const newsroom = await Newsroom.create();
  const [old, fresh] = [await Mirror.at(newsroom.dir), await Mirror.at(newsroom.dir)];
  const pages = await newsroom.writePages(2);
  const folder = await newsroom.edition('edition', pages, [old.url]);
  old.dir = folder;
  fresh.dir = folder;
  await old.start();
  allow(problems, old, fresh);
  try {
    await page.goto('/');
    await follow(page, old.url, 'City Desk');
    await expect(syncStatus(page)).toContainText('2 new articles.');
    // The old mirror is about to be blocked: the next index lists only the new one.
    await newsroom.edition('edition', await newsroom.writePages(1), [fresh.url]);
    await fresh.start();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText('1 new article.');
    const mirrorList = page.getByRole('list', { name: 'Mirrors of City Desk' });
    await expect(mirrorList.getByRole('listitem')).toHaveCount(1);
    await expect(mirrorList).toContainText(fresh.url);

    await old.stop();
    await newsroom.edition('edition', await newsroom.writePages(1), [fresh.url]);
    old.served.length = 0;
    fresh.served.length = 0;
    await page.getByRole('button', { name: 'Sync' }).click();
    // The status still says "1 new article." from the sync before: wait for this sync's article.
    await expect.poll(() => fresh.served.filter(isArticleData).length).toBe(1);
    await expect(syncStatus(page)).toContainText('1 new article.');
    await expect(syncStatus(page).getByRole('progressbar')).toHaveCount(0);
    // The app no longer asks the old mirror at all.
    await expect(mirrorList).not.toContainText(old.url);
    expect(old.served).toEqual([]);
  } finally {
    await Promise.all([old.stop(), fresh.stop()]);
    await newsroom.remove();
  }
});

test('a publisher corrects an article: the next sync fetches that one alone, the reader sees the corrected text and when it was corrected, and keeps its star and read mark', async ({
  page,
  problems,
}) => {
  const newsroom = await Newsroom.create();
  const mirror = await Mirror.at(newsroom.dir);
  const site = 'https://city-desk.example/';
  const pages = [
    ...(await newsroom.writePages(2, 'the city council', { site })),
    ...(await newsroom.writePages(1, 'the river bridge', { dated: false, site })),
  ];
  mirror.dir = await newsroom.edition('edition', pages, [mirror.url]);
  await mirror.start();
  allow(problems, mirror);
  const title = 'Report number 1 on the city council for our readers';
  const item = () => libraryItem(page, title);
  try {
    await page.goto('/');
    await follow(page, mirror.url, 'City Desk');
    await expect(syncStatus(page)).toContainText('3 new articles.');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect(item()).toContainText('Feb 1, 2026');
    await expect(item()).not.toContainText('Corrected');
    // A page that gave no date has none, and the reader is told so, not shown the day it was packed.
    await expect(libraryItem(page, 'Report number 3 on the river bridge')).toContainText('Date unknown');
    await page.getByRole('button', { name: `Star “${title}”` }).click();
    await item().getByRole('link').click();
    await expect(articleBody(page).locator('body')).toContainText('Paragraph 1 of report 1: what happened at the city council, told');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect(item()).not.toContainText('Unread');

    // The newsroom corrects the first report at its address, and runs the edition again.
    const correctedAt = await newsroom.correctPage(
      pages[0]!,
      'what happened at the city council, told',
      'what happened at the city council on Tuesday (not Monday, as we first wrote), told',
    );
    await newsroom.edition('edition', pages, [mirror.url]);
    expect(newsroom.lastOutput).toContain('0 added, 1 replaced (corrected), 2 unchanged, 3 in all');
    const corrected = `Corrected ${new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(correctedAt))}`;

    mirror.served.length = 0;
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText('City Desk: 1 corrected article.');
    expect(mirror.served.filter(isArticleData)).toHaveLength(1);

    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(4);
    await expect(item()).toContainText('Feb 1, 2026');
    await expect(item()).toContainText(corrected);
    await expect(item()).not.toContainText('Unread');
    await expect(page.getByRole('button', { name: `Star “${title}”` })).toHaveAttribute('aria-pressed', 'true');
    await item().getByRole('link').click();
    await expect(page.getByRole('article')).toContainText(`Feb 1, 2026 · ${corrected} · English`);
    await expect(articleBody(page).locator('body')).toContainText('on Tuesday (not Monday, as we first wrote), told');

    // Synced again with nothing new: nothing is fetched, and the correction stays.
    mirror.served.length = 0;
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText('City Desk: no new articles.');
    expect(mirror.served.filter((path) => path.startsWith('/articles/'))).toEqual([]);
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});

test('an article the reader deleted stays deleted: no sync fetches it again until the reader brings it back from Recently deleted', async ({
  page,
  problems,
}) => {
  const { newsroom, mirror } = await editionOnOneMirror(problems, 2);
  try {
    await page.goto('/');
    await follow(page, mirror.url, 'City Desk');
    await expect(syncStatus(page)).toContainText('2 new articles.');
    await page.getByRole('link', { name: 'Library' }).click();
    const title = 'Report number 1 on the city council for our readers';
    await page.getByRole('checkbox', { name: `Select “${title}”` }).check();
    await page.getByRole('group', { name: 'Selected articles' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('link', { name: title })).toHaveCount(0);

    // Synced again, from a mirror that still lists it: it does not come back, and is not even asked for.
    mirror.served.length = 0;
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText('no new articles.');
    expect(mirror.served.filter((path) => path.startsWith('/articles/'))).toEqual([]);
    await page.getByRole('link', { name: 'Library' }).click();
    await expect(page.getByRole('link', { name: title })).toHaveCount(0);

    await page.getByRole('link', { name: 'Recently deleted (1)' }).click();
    const deleted = page.getByRole('list', { name: 'Recently deleted' });
    await expect(deleted.getByRole('listitem')).toHaveCount(1);
    await expect(deleted).toContainText(title);
    await deleted.getByRole('button', { name: `Bring back “${title}”` }).click();
    await expect(page.getByRole('status').filter({ hasText: 'may come back' })).toBeVisible();
    await page.getByRole('link', { name: 'Library' }).click();
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});

test('a sync cut off midway keeps what it got, and the next one fetches only the rest', async ({ page, problems }) => {
  test.info().annotations.push({ type: 'offline' });
  const { newsroom, mirror } = await editionOnOneMirror(problems, 8, { delayMs: 300, pack: false });
  try {
    await page.goto('/');
    await follow(page, mirror.url, 'City Desk');
    // Bytes as well as articles: of all the bundles the signed index lists.
    const index = JSON.parse(await readFile(join(mirror.dir, 'pamphlet-index.json'), 'utf8')) as { articles: { size: number }[] };
    const total = kilobytes(index.articles.reduce((sum, entry) => sum + entry.size, 0));
    await expect(syncStatus(page)).toContainText(new RegExp(`Syncing City Desk: [3-7] of 8 articles, \\d+ kB of ${total}`));
    await mirror.stop();
    await expect(syncStatus(page)).toContainText('could not be had from any mirror');
    const firstServed = mirror.served.filter((path) => path.startsWith('/articles/')).length;
    await page.getByRole('link', { name: 'Library' }).click();
    const kept = (await libraryTitles(page)).length - 1;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(8);

    mirror.delayMs = 0;
    mirror.served.length = 0;
    await mirror.start();
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText(`${8 - kept} new article`);
    expect(mirror.served.filter((path) => path.startsWith('/articles/'))).toHaveLength(8 - kept);
    expect(firstServed).toBeGreaterThanOrEqual(kept);
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(9);
    expectNoProblems(problems, { offline: true });
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});

test('a reader far behind catches up through the pack in one request; cut midway, it resumes with a range from the first block not whole', async ({
  page,
  problems,
}) => {
  // Checks its own problems: the cut is a console error.
  test.info().annotations.push({ type: 'offline' });
  const { newsroom, mirror } = await editionOnOneMirror(problems, 40);
  try {
    const index = JSON.parse(await readFile(join(mirror.dir, 'pamphlet-index.json'), 'utf8')) as {
      pack: { path: string; size: number; blocks: [number, number][] };
    };
    const half = Math.floor(index.pack.size / 2);
    let cuts = 0;
    mirror.intercept = (req, res) => {
      if (!req.url?.startsWith('/packs/') || cuts++ > 0) return false;
      // Half the pack, then, once the reader has had it, the connection closes: the answer stops
      // short of its length.
      void readFile(join(mirror.dir, req.url)).then((bytes) => {
        res.writeHead(200, { 'content-length': bytes.length, 'access-control-allow-origin': '*' });
        res.write(bytes.subarray(0, half), () => setTimeout(() => res.socket?.end(), 500));
      });
      return true;
    };
    await page.goto('/');
    await follow(page, mirror.url, 'City Desk');
    await expect(syncFinished(page)).toContainText('40 new articles');
    const packRequests = mirror.served.flatMap((path, at) => (path.startsWith('/packs/') ? [mirror.ranges[at]] : []));
    expect(packRequests).toHaveLength(2);
    expect(packRequests[0]).toBeUndefined();
    // The blocks that came whole before the cut are kept: the range starts at the first that did not.
    const ends = index.pack.blocks.reduce<number[]>((all, [, size]) => [...all, (all.at(-1) ?? 0) + size], [0]);
    const firstNotWhole = Math.max(...ends.filter((end) => end <= half));
    expect(packRequests[1]).toBe(`bytes=${firstNotWhole}-${index.pack.size - 1}`);
    expect(mirror.served.filter((path) => path.startsWith('/articles/'))).toEqual([]);
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(41);
    expectNoProblems(problems, {
      expectedConsoleErrors: [`Failed to load resource: net::ERR_CONTENT_LENGTH_MISMATCH (${mirror.url}${index.pack.path})`],
    });
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});

test('the index comes from its gzipped copy as object storage serves it; a mirror whose CORS rule leaves the copy out is read from the index', async ({
  page,
  problems,
}) => {
  // Checks its own problems: the refused copy is a console error.
  test.info().annotations.push({ type: 'offline' });
  const { newsroom, mirror } = await editionOnOneMirror(problems, 12);
  try {
    const copy = await readFile(join(mirror.dir, 'pamphlet-index.json.gz'));
    let corsOnCopy = true;
    mirror.intercept = (req, res) => {
      if (req.url !== '/pamphlet-index.json.gz') return false;
      // The gzip bytes as a file of their own, as object storage sends them: no Content-Encoding.
      res.writeHead(200, { 'content-type': 'application/gzip', ...(corsOnCopy ? { 'access-control-allow-origin': '*' } : {}) });
      res.end(copy);
      return true;
    };
    await page.goto('/');
    await follow(page, mirror.url, 'City Desk');
    await expect(syncFinished(page)).toContainText('12 new articles');
    expect(mirror.served).toEqual(['/pamphlet-source.json', '/pamphlet-index.json.gz', expect.stringMatching(/^\/packs\//)]);

    corsOnCopy = false;
    mirror.served.length = 0;
    await newsroom.edition('edition', await newsroom.writePages(1), [mirror.url], 'City Desk');
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncFinished(page)).toContainText('1 new article');
    await expect(mirrorLine(page, mirror)).toContainText('answered (index number');
    expect(mirror.served.slice(0, 2)).toEqual(['/pamphlet-index.json.gz', '/pamphlet-index.json']);
    const copyUrl = `${mirror.url}pamphlet-index.json.gz`;
    expectNoProblems(problems, {
      expectedConsoleErrors: [
        `Access to fetch at '${copyUrl}' from origin '${new URL(page.url()).origin}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. (${page.url()})`,
        `Failed to load resource: net::ERR_FAILED (${copyUrl})`,
      ],
    });
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});

test('with every mirror down, the sync says so and the library stays as it was', async ({ page, problems }) => {
  test.info().annotations.push({ type: 'offline' });
  const newsroom = await Newsroom.create();
  const [first, second] = [await Mirror.at(newsroom.dir), await Mirror.at(newsroom.dir)];
  const folder = await newsroom.edition('edition', await newsroom.writePages(2), [first.url, second.url]);
  first.dir = folder;
  await first.start();
  allow(problems, first, second);
  try {
    await page.goto('/');
    await follow(page, first.url, 'City Desk');
    await expect(syncStatus(page)).toContainText('2 new articles.');
    await first.stop();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText(`No mirror answered (tried 2; last error: 127.0.0.1:`);
    await page.getByRole('link', { name: 'Library' }).click();
    await expect
      .poll(() => libraryTitles(page))
      .toEqual(expect.arrayContaining([SAMPLE_TITLE, 'Report number 1 on the city council for our readers']));
    expect((await libraryTitles(page)).length).toBe(3);
    expectNoProblems(problems, { offline: true });
  } finally {
    await first.stop();
    await newsroom.remove();
  }
});

test('a sync can be cancelled; what it fetched stays, and the next sync fetches the rest', async ({ page, problems }) => {
  const { newsroom, mirror } = await editionOnOneMirror(problems, 6, { delayMs: 1000, pack: false });
  try {
    await page.goto('/');
    await follow(page, mirror.url, 'City Desk');
    await expect(syncStatus(page)).toContainText(/Syncing City Desk: [1-5] of 6 articles/);
    await expect(syncStatus(page).getByRole('progressbar', { name: 'Sync progress' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel sync' }).click();
    await expect(syncStatus(page)).toContainText(
      'Sync cancelled. The articles it had already fetched are kept; the next sync fetches the rest.',
    );
    await page.getByRole('link', { name: 'Library' }).click();
    const kept = (await libraryTitles(page)).length - 1;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(6);
    mirror.delayMs = 0;
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText(`City Desk: ${6 - kept} new article`);
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});

test('with the device offline, Sync says so and changes nothing; back online, it syncs', async ({ page, context, problems }) => {
  const { newsroom, mirror } = await editionOnOneMirror(problems, 2);
  try {
    await page.goto('/');
    await follow(page, mirror.url, 'City Desk');
    await expect(syncStatus(page)).toContainText('2 new articles.');
    await newsroom.edition('edition', await newsroom.writePages(1), [mirror.url]);
    mirror.served.length = 0;

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText('This device is offline, so nothing was synced. Your library is as it was.');
    expect(mirror.served).toEqual([]);
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(3);

    await context.setOffline(false);
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page)).toContainText('1 new article.');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect(libraryItem(page, 'Report number 3 on the city council')).toContainText('Verified · signed by City Desk');
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});

test('the app asks for Periodic Background Sync where the browser allows it, and takes a refusal quietly', async ({ page, server }) => {
  const periodicSyncTags = () =>
    page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
        periodicSync: { getTags(): Promise<string[]> };
      };
      return registration.periodicSync.getTags();
    });
  // A tab, not an installed app: Chromium denies the permission, and the app registers nothing.
  await page.goto('/');
  expect(
    await page.evaluate(async () => (await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName })).state),
  ).toBe('denied');
  expect(await periodicSyncTags()).toEqual([]);

  // Chromium grants it to an installed app; DevTools grants it here, and the next start registers.
  const cdp = await page.context().newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.setPermission', {
    permission: { name: 'periodic-background-sync' },
    setting: 'granted',
    origin: server.url,
    ...(targetInfo.browserContextId ? { browserContextId: targetInfo.browserContextId } : {}),
  });
  await page.reload();
  await expect.poll(periodicSyncTags).toEqual([PERIODIC_SYNC_TAG]);
});
