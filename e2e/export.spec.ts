import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { checkSignature } from '../src/shared/signing.ts';
import { AppServer } from './helpers/app-server.ts';
import { articleBody } from './helpers/reader.ts';
import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { articleWithImage } from './helpers/fixture-articles.ts';
import {
  bundleFile,
  importAndSelectTwo,
  importReport,
  importThroughPicker,
  libraryItem,
  newPublisherKey,
  showMoreActions,
  signed,
} from './helpers/bundles.ts';
import { storedImages } from './helpers/library-database.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

async function saved(download: Download, path: string): Promise<string> {
  await download.saveAs(path);
  return readFile(path, 'utf8');
}

/**
 * What a reader sees of an article (its text, how many images are shown) and the SHA-256 of the
 * bytes of every image IndexedDB holds (the page's CSP keeps even tests from fetching blob: URLs).
 */
async function readArticle(page: Page) {
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toBeVisible();
  const body = articleBody(page).locator('body');
  await expect(body.locator('img').first()).toHaveJSProperty('complete', true);
  const shown = {
    title: await article.getByRole('heading', { level: 1 }).textContent(),
    ...(await body.evaluate((element) => ({
      text: (element as HTMLElement).innerText,
      imagesShown: [...element.querySelectorAll('img')].filter((img) => img.naturalWidth > 0).length,
    }))),
  };
  const images = (await storedImages(page)).map((image) => image.sha256);
  return { ...shown, images };
}

test('Export in the reader saves the article as <title-slug>.html, signature intact', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('russia-u-s-tensions-spill-over-at-un-security-council-meeting.html');
  const { articles } = await decodeBundle(await saved(download, testInfo.outputPath('sample.html')));
  expect(articles.map((article) => article.title)).toEqual([SAMPLE_TITLE]);
  expect((await checkSignature(articles[0]!)).status).toBe('signed');
});

test('the selected articles, or the whole library, export as one bundle', async ({ page }, testInfo) => {
  await importAndSelectTwo(page, ['First pick', 'Second pick']);
  let downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export selected (2)' }).click();
  let file = await saved(await downloading, testInfo.outputPath('selected.html'));
  expect((await decodeBundle(file)).articles.map((article) => article.title).sort()).toEqual(['First pick', 'Second pick']);
  expect(file).toContain('<nav aria-label="Contents">');

  downloading = page.waitForEvent('download');
  await showMoreActions(page);
  await page.getByRole('button', { name: 'Export library' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^pamphlet-library-\d{4}-\d{2}-\d{2}\.html$/);
  file = await saved(download, testInfo.outputPath('library.html'));
  expect((await decodeBundle(file)).articles.map((article) => article.title).sort()).toEqual(['First pick', SAMPLE_TITLE, 'Second pick']);
});

test('exported in one profile and imported in a fresh one: same text, same images, same verdict', async ({ page, browser }, testInfo) => {
  const key = await newPublisherKey();
  const { article, image } = await articleWithImage();
  const { id: _id, signature: _signature, ...draft } = article;
  const signedArticle = await signed(draft, key);
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('picture.html', [signedArticle], [image])]);
  await libraryItem(page, article.title).getByRole('link').click();
  const original = await readArticle(page);
  const verdict = page.getByRole('article').locator('pamphlet-verdict');
  await expect(verdict).toHaveText(/^Unknown publisher · key [0-9a-f]{4}( [0-9a-f]{4}){4}$/);
  // The verdict's words live in its shadow root; locators reach into it, innerText does not.
  const originalVerdict = (await verdict.locator('span').allInnerTexts()).join(' ');
  expect(original.images).toEqual([image.hash]);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const path = testInfo.outputPath('exported.html');
  await (await downloading).saveAs(path);

  // Another browser profile, at another origin: nothing shared but the file.
  const elsewhere = await AppServer.start();
  const fresh = await browser.newContext({ baseURL: elsewhere.url });
  const problems = watchContext(fresh, () => elsewhere.url);
  try {
    const other = await fresh.newPage();
    await other.goto('/');
    await importThroughPicker(other, [{ name: 'exported.html', mimeType: 'text/html', buffer: await readFile(path) }]);
    await expect(importReport(other)).toContainText(`${article.title} (added to the library)`);
    await libraryItem(other, article.title).getByRole('link').click();
    expect(await readArticle(other)).toEqual(original);
    await expect(other.getByRole('article').locator('pamphlet-verdict')).toHaveText(originalVerdict);
    expect(originalVerdict).toMatch(/^Unknown publisher · key [0-9a-f]{4}( [0-9a-f]{4}){4}$/);
    expectNoProblems(problems);
  } finally {
    await fresh.close();
    await elsewhere.stop();
  }
});

test.describe('a bundle opened from disk', () => {
  async function exportedWithImage(page: Page, path: string): Promise<string> {
    const { article, image } = await articleWithImage();
    const withByline = { ...article, byline: 'Picture Desk' };
    const { id: _id, signature: _signature, ...draft } = withByline;
    const signedArticle = await signed(draft, await newPublisherKey());
    await page.goto('/');
    await importThroughPicker(page, [bundleFile('picture.html', [signedArticle], [image])]);
    await libraryItem(page, article.title).getByRole('link').click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await (await downloading).saveAs(path);
    return article.title;
  }

  test('shows title, byline, text and images with JavaScript off, and asks the network for nothing', async ({
    page,
    browser,
  }, testInfo) => {
    const path = testInfo.outputPath('offline-view.html');
    const title = await exportedWithImage(page, path);
    const viewer = await browser.newContext({ javaScriptEnabled: false });
    try {
      const tab = await viewer.newPage();
      const requests: string[] = [];
      tab.on('request', (request) => requests.push(request.url()));
      await tab.goto(`file://${path}`);
      await expect(tab.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(tab.getByText('Picture Desk')).toBeVisible();
      await expect(tab.getByText('Text after the picture.')).toBeVisible();
      const picture = tab.getByRole('img', { name: 'The Pamphlet icon' });
      await expect(picture).toBeVisible();
      expect((await picture.boundingBox())?.width).toBeGreaterThan(100);
      expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
    } finally {
      await viewer.close();
    }
  });

  test('runs no script that someone added to the file, even with JavaScript on', async ({ page, browser }, testInfo) => {
    const path = testInfo.outputPath('tampered.html');
    await exportedWithImage(page, path);
    const original = await readFile(path, 'utf8');
    const tampered = original
      .replace('</head>', '<script>document.title = "ran in head"</script></head>')
      .replace(
        '<footer',
        '<img src="x" onerror="document.title = \'ran in onerror\'"><script>document.title = "ran in body"; fetch("https://attacker.example/")</script><footer',
      );
    await writeFile(path, tampered);
    const viewer = await browser.newContext();
    try {
      const tab = await viewer.newPage();
      const requests: string[] = [];
      tab.on('request', (request) => requests.push(request.url()));
      await tab.goto(`file://${path}`);
      await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await tab.title()).not.toMatch(/^ran/);
      expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
    } finally {
      await viewer.close();
    }
  });
});
