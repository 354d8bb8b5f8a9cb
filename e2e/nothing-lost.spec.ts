import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { AppServer } from './helpers/app-server.ts';
import { articlesWritten, watchArticleWrites } from './helpers/article-writes.ts';
import { restoreBackup } from './helpers/backup.ts';
import {
  bundleFile,
  draftArticle,
  follow,
  importReport,
  importThroughPicker,
  libraryItem,
  libraryTitles,
  newPublisherKey,
  signed,
  trustInReport,
} from './helpers/bundles.ts';
import { Newsroom } from './helpers/edition.ts';
import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { Mirror } from './helpers/mirror.ts';
import { PersistentProfile } from './helpers/profile.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';
import { IMPORT_FINISHED } from '../src/app/performance-marks.ts';

/** What a reader would call their library: every article with its verdict and read state, sources, trusted publishers, settings. */
async function describeLibrary(page: Page) {
  await page.getByRole('link', { name: 'Library' }).click();
  const list = page.getByRole('list', { name: 'Library' });
  await expect(list).toBeVisible();
  // Title, verdict (in the verdict element's shadow root), read state, collections and star of each article.
  const items = await list.getByRole('listitem').evaluateAll((elements) =>
    elements.map((element) => {
      const verdict = element.querySelector('pamphlet-verdict')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim();
      const spans = [...element.querySelectorAll('.meta span')].map((span) => span.textContent ?? '');
      const stateAt = spans.findIndex((text) => text === 'Read' || text === 'Unread');
      const collections = spans[stateAt + 1] ?? 'no collection';
      const starred = element.querySelector('button[aria-pressed]')?.getAttribute('aria-pressed') === 'true' ? 'starred' : 'not starred';
      return `${element.querySelector('h2')?.textContent} | ${verdict} | ${spans[stateAt]} | ${collections} | ${starred}`;
    }),
  );
  await page.getByRole('link', { name: 'Sources' }).click();
  await page.getByRole('list', { name: 'Sources' }).or(page.getByText('You follow no source yet.')).waitFor();
  const sources = await page.getByRole('list', { name: 'Sources' }).getByRole('heading').allInnerTexts();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Trusted publishers' }).getByRole('listitem').first().waitFor();
  const trusted = (await page.getByRole('group', { name: 'Trusted publishers' }).getByRole('listitem').allInnerTexts()).map((text) =>
    text.replace(/\s+/g, ' '),
  );
  const theme = await page.locator('html').getAttribute('data-theme');
  const size = await page.getByRole('slider', { name: 'Text size' }).getAttribute('aria-valuetext');
  return { items: items.sort(), sources, trusted, theme, size };
}

test('a backup restored into a fresh profile at another mirror gives back the same library', async ({ page, browser, problems }) => {
  const newsroom = await Newsroom.create();
  const mirror = await Mirror.at(newsroom.dir);
  mirror.dir = await newsroom.edition('edition', await newsroom.writePages(2), [mirror.url]);
  await mirror.start();
  problems.allowedOrigins.add(mirror.origin);
  const elsewhere = await AppServer.start();
  try {
    const trustedKey = await newPublisherKey();
    const strangerKey = await newPublisherKey();
    await page.goto('/');
    await importThroughPicker(page, [
      bundleFile('two.html', [
        await signed(draftArticle({ title: 'Trusted desk story' }), trustedKey),
        await signed(draftArticle({ title: 'Stranger story' }), strangerKey),
      ]),
    ]);
    await trustInReport(page, 'Trusted Desk');
    await importThroughPicker(page, [
      { name: 'pamphlet-source.json', mimeType: 'application/json', buffer: await readFile(join(mirror.dir, 'pamphlet-source.json')) },
    ]);
    await follow(importReport(page), 'City Desk');
    await expect(libraryItem(page, 'Report number 2 on the city council')).toBeVisible();
    await page.getByRole('button', { name: 'Star “Stranger story”' }).click();
    await page.getByRole('checkbox', { name: 'Select “Trusted desk story”' }).check();
    await page.getByRole('group', { name: 'Selected articles' }).getByRole('button', { name: 'Add to collection' }).click();
    await page.getByRole('textbox', { name: 'Collection name' }).fill('Keep for the trial');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(libraryItem(page, 'Trusted desk story')).toContainText('Keep for the trial');
    await libraryItem(page, SAMPLE_TITLE).getByRole('link').click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Sepia' }).check();
    await page.getByRole('slider', { name: 'Text size' }).focus();
    await page.keyboard.press('ArrowRight');
    const before = await describeLibrary(page);
    expect(before.items).toHaveLength(5);
    expect(before.items.join('\n')).toContain('Verified · signed by Trusted Desk');
    expect(before.items).toContainEqual(expect.stringMatching(/^Stranger story \|.*\| no collection \| starred$/));
    expect(before.items).toContainEqual(expect.stringMatching(/^Trusted desk story \|.*\| Keep for the trial \| not starred$/));

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Back up library' }).click();
    const backup = await downloading;
    expect(backup.suggestedFilename()).toMatch(/^pamphlet-backup-\d{4}-\d{2}-\d{2}\.html$/);
    await expect(page.getByRole('status').filter({ hasText: 'Backed up 5 articles' })).toBeVisible();
    await expect(page.getByText(/Last backup: .* \(5 articles\)/)).toBeVisible();

    const fresh = await browser.newContext({ baseURL: elsewhere.url });
    const freshProblems = watchContext(fresh, () => elsewhere.url);
    freshProblems.allowedOrigins.add(mirror.origin);
    try {
      const other = await fresh.newPage();
      await other.goto('/?screen=settings');
      // The reader's own backup: they tick every box the review offers.
      await restoreBackup(other, await backup.path(), 'all');
      // Five articles (this profile had not opened its library, so not even the sample yet), the
      // followed edition, its key and the trusted desk, and the theme and text size.
      await expect(other.getByRole('status').filter({ hasText: 'Restored' })).toContainText(
        'Restored 5 articles, 1 source, 2 trusted publishers and 2 settings.',
      );
      expect(await describeLibrary(other)).toEqual(before);
      expectNoProblems(freshProblems);
    } finally {
      await fresh.close();
    }
  } finally {
    await mirror.stop();
    await elsewhere.stop();
    await newsroom.remove();
  }
});

test('restoring an older backup adds what it holds and takes nothing away: newer articles, stars and reading stay', async ({ page }) => {
  const key = await newPublisherKey();
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('before.html', [await signed(draftArticle({ title: 'In the backup' }), key)])]);
  await expect(libraryItem(page, 'In the backup')).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up library' }).click();
  const backup = await (await downloading).path();

  // After the backup: a new article, starred, and the sample read.
  await page.getByRole('link', { name: 'Library' }).click();
  await importThroughPicker(page, [bundleFile('after.html', [await signed(draftArticle({ title: 'Only here since' }), key)])]);
  await page.getByRole('button', { name: 'Star “Only here since”' }).click();
  await libraryItem(page, SAMPLE_TITLE).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  await restoreBackup(page, backup, 'all');
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
  await page.getByRole('link', { name: 'Library' }).click();
  await expect.poll(() => libraryTitles(page)).toEqual(expect.arrayContaining(['In the backup', 'Only here since', SAMPLE_TITLE]));
  expect(await libraryTitles(page)).toHaveLength(3);
  await expect(page.getByRole('button', { name: 'Star “Only here since”' })).toHaveAttribute('aria-pressed', 'true');
  await expect(libraryItem(page, SAMPLE_TITLE)).not.toContainText('Unread');
});

test('a bundle is not a backup: Restore says so and changes nothing', async ({ page }) => {
  const article = await signed(draftArticle({ title: 'Only an article' }), await newPublisherKey());
  await page.goto('/?screen=settings');
  await page
    .getByLabel('Restore')
    .setInputFiles({ name: 'article.html', mimeType: 'text/html', buffer: Buffer.from(encodeBundle([article], [])) });
  await expect(page.getByRole('alert')).toContainText(
    'Nothing was restored: This file is a bundle of articles, not a library backup: use Import',
  );
  await page.getByRole('link', { name: 'Library' }).click();
  await expect.poll(() => libraryTitles(page)).toEqual([SAMPLE_TITLE]);
});

test('after enough new articles the library suggests a backup, and after the first import asks to keep the library', async ({ page }) => {
  const key = await newPublisherKey();
  const articles = await Promise.all(Array.from({ length: 25 }, (_, n) => signed(draftArticle({ title: `Bulk story ${n + 1}` }), key)));
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('bulk.html', articles)]);
  const report = importReport(page);
  await expect(report).toContainText('Ask the browser to keep it?');
  await report.getByRole('button', { name: 'Keep my library' }).click();
  await expect(report).toContainText(/The browser (will keep your library|did not promise to keep it)/);
  const reminder = page.getByRole('status').filter({ hasText: 'articles are in no backup yet' });
  await expect(reminder).toContainText('26 articles are in no backup yet.');
  const downloading = page.waitForEvent('download');
  await reminder.getByRole('button', { name: 'Back up library' }).click();
  await downloading;
  await expect(reminder).toHaveCount(0);
});

test.describe('with the import panel slow to load', () => {
  // Without the service worker, so that the page's own request for the panel's code can be held.
  test.use({ serviceWorkers: 'block' });

  test('an import that ends before the import panel has loaded still shows, and asks to keep the library', async ({ page }) => {
    const key = await newPublisherKey();
    const article = await signed(draftArticle({ title: 'A quick story' }), key);
    // The panel's code is held back until the import has ended, as on a slow first visit.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/pamphlet-import-panel-[^/]*\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto('/');
    await importThroughPicker(page, [bundleFile('quick.html', [article])]);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, IMPORT_FINISHED);
    await expect(importReport(page)).toHaveCount(0);
    release();
    await expect(importReport(page)).toContainText('A quick story (added to the library)');
    await expect(importReport(page)).toContainText('Ask the browser to keep it?');
  });
});

test('with the storage quota exhausted, an import says so, stores nothing and leaves the library as it was', async ({ server }) => {
  // 50 articles of 500 KB signed, 26 MB imported, a browser on a disk of its own: 50 s of the
  // default minute on a busy 2-core machine, where it ran out of time once.
  test.slow();
  // A profile on a 36 MB disk: Chromium sizes the origin's quota from the disk it is on.
  const profile = await PersistentProfile.onSmallDisk(server.url, 36);
  const context = await profile.launch();
  const problems = watchContext(context, () => server.url);
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    const key = await newPublisherKey();
    const batch = (name: string) =>
      // Random text, which neither the bundle nor the browser's storage can compress.
      Promise.all(
        Array.from({ length: 25 }, (_, n) =>
          signed(draftArticle({ title: `${name} ${n}`, content: `<p>${randomBytes(375_000).toString('base64')}</p>` }), key),
        ),
      );
    // Two imports of some 13 MB each: the first fits, the second does not.
    await importThroughPicker(page, [bundleFile('first.html', await batch('First'))]);
    await expect(importReport(page)).toContainText('25 articles: 25 added.', { timeout: 30_000 });
    await importThroughPicker(page, [bundleFile('second.html', await batch('Second'))]);
    await expect(importReport(page)).toContainText(
      'There is no room left on this device for Pamphlet’s library, so nothing from this file was stored; your library is as it was.',
      { timeout: 30_000 },
    );
    await page.reload();
    await expect(page.getByText('26 articles', { exact: true })).toBeVisible();
    expect((await libraryTitles(page)).filter((title) => title.startsWith('Second'))).toEqual([]);
    expectNoProblems(problems);
  } finally {
    await context.close();
    await profile.remove();
  }
});

for (const moment of ['while its articles are checked', 'while they are written'] as const) {
  test(`closing the tab in the middle of a large import, ${moment}, leaves no partial import behind`, async ({ server }) => {
    // 3,000 articles signed, imported, and a browser started twice: slow on a busy machine.
    test.slow();
    const key = await newPublisherKey();
    const many = await Promise.all(
      Array.from({ length: 3000 }, (_, n) => signed(draftArticle({ title: `Bulk ${n}`, content: `<p>${'Words. '.repeat(300)}</p>` }), key)),
    );
    const profile = await PersistentProfile.create(server.url);
    try {
      const first = await profile.launch();
      const page = first.pages()[0] ?? (await first.newPage());
      await page.goto('/');
      await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
      // As on a slow phone: on this machine, checking 3,000 signatures in batches takes a fraction
      // of a second, and writing them not much more, too short a moment to close the tab in. The
      // page is slowed from the start to close it while checking, and once 100 articles are
      // written to close it while writing.
      const cdp = await page.context().newCDPSession(page);
      const slowDown = () => cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
      if (moment === 'while its articles are checked') await slowDown();
      else {
        await watchArticleWrites(page, 100);
        // The import's own phase measure (src/browser/phase-timing.ts) says when its transaction is done.
        await page.evaluate(() => {
          const measure = performance.measure.bind(performance);
          performance.measure = (name: string, ...rest: [PerformanceMeasureOptions?]) => {
            if (name === 'pamphlet:phase:transaction') (window as unknown as { written?: boolean }).written = true;
            return measure(name, ...rest);
          };
        });
      }
      await importThroughPicker(page, [bundleFile('many.html', many)]);
      const progress = importReport(page).getByRole('progressbar', { name: 'Import progress' });
      // Waited for in the page, frame by frame (expect() polls from here, at up to a second
      // apart, and could miss a phase that lasts a second).
      if (moment === 'while its articles are checked') {
        await importReport(page)
          .getByText(/^[1-9]\d* of 3000 articles checked$/)
          .waitFor();
        expect(await progress.evaluate((bar: HTMLProgressElement) => bar.value)).toBeGreaterThan(0);
        // Still at that moment as the browser is closed: not a check that ran after the import ended.
        expect(
          await importReport(page)
            .getByText(/^[1-9]\d* of 3000 articles checked$/)
            .isVisible(),
          'the import is still checking as the tab is closed',
        ).toBe(true);
      } else {
        await articlesWritten(page);
        await slowDown();
        // The transaction is under way and not done as the browser is closed: asked in one round
        // trip, right before closing (slowed, the rest of it lasts some 20 s here; the page, busy,
        // takes seconds to answer each locator, so the report is not read meanwhile).
        expect(
          await page.evaluate(() => (window as unknown as { written?: boolean }).written ?? false),
          'the import is still writing as the tab is closed',
        ).toBe(false);
      }
      await first.close();

      const second = await profile.launch();
      const problems = watchContext(second, () => server.url);
      const reopened = second.pages()[0] ?? (await second.newPage());
      await reopened.goto('/');
      await expect(reopened.getByRole('list', { name: 'Library' })).toBeVisible();
      const count = await reopened.getByText(/^\d+ articles?$/).innerText();
      // All or nothing: the import is one transaction (which of the two, the report's annotations say).
      expect(['1 article', '3001 articles']).toContain(count);
      test.info().annotations.push({ type: 'library after reopening', description: count });
      expectNoProblems(problems);
      await second.close();
    } finally {
      await profile.remove();
    }
  });
}

test('cancelling a large import once its first articles are written stores none of them, and the library stays as it was', async ({
  page,
}) => {
  // 1,500 articles signed, imported slowed down: slow on a busy machine.
  test.slow();
  const key = await newPublisherKey();
  const many = await Promise.all(
    Array.from({ length: 1500 }, (_, n) => signed(draftArticle({ title: `Bulk ${n}`, content: `<p>${'Words. '.repeat(300)}</p>` }), key)),
  );
  // One of them forged, so that the import also has something to refuse before it is cancelled.
  many[40] = { ...many[40]!, title: 'Forged on the way' };
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await watchArticleWrites(page, 100);
  // The page slowed as on a slow phone from the start (the database, in the browser's process,
  // is not), and more once articles are written, so that the rest of the checks last long enough
  // to cancel in: at full speed the import had ended by the time Cancel was clicked.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await importThroughPicker(page, [bundleFile('many.html', many)]);
  await articlesWritten(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await importReport(page).getByRole('button', { name: 'Cancel import' }).click();
  await expect(importReport(page)).toContainText('Import cancelled. Nothing from it was stored.', { timeout: 60_000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  // Nothing of it, in this page or after a reload, which reads the database afresh.
  await expect(page.getByText(/^\d+ articles?$/)).toHaveText('1 article');
  await page.reload();
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  expect(await libraryTitles(page)).toEqual([SAMPLE_TITLE]);
  await expect(page.getByText(/^\d+ articles?$/)).toHaveText('1 article');
});
