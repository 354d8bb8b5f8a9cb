import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { articleBody } from './helpers/reader.ts';
import { test, expect } from './helpers/fixtures.ts';
import { htmlFile, importReport, importThroughPicker, libraryItem, libraryTitles, showMoreActions } from './helpers/bundles.ts';
import { inLibraryDatabase } from './helpers/library-database.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';
import { CORPUS_PAGE_URL, chromiumSnapshot, corpusPage, picture } from './helpers/saved-pages.ts';

function mhtmlFile(name: string, buffer: Buffer) {
  return { name, mimeType: 'multipart/related', buffer };
}

/** The media type of each picture the library keeps for the article titled `title`. */
function storedPictureTypes(page: Page, title: string): Promise<string[]> {
  return inLibraryDatabase(
    page,
    async (db, wanted) => {
      const all = <T>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error ?? new Error('the request failed'));
        });
      const summary = (await all<{ title: string; imageHashes: string[] }>('summaries')).find((entry) => entry.title === wanted);
      const images = await all<{ hash: string; type: string }>('images');
      return images.filter((image) => summary?.imageHashes.includes(image.hash)).map((image) => image.type);
    },
    title,
  );
}

test('a corpus page saved by Chromium as MHTML imports with its title, byline, text and pictures', async ({ page, browser }) => {
  const { html, metadata } = await corpusPage('guardian-1');
  const snapshot = await chromiumSnapshot(browser, CORPUS_PAGE_URL, html);
  await page.goto('/');
  await importThroughPicker(page, [mhtmlFile('whales.mhtml', snapshot)]);
  await expect(importReport(page).filter({ hasText: 'whales.mhtml' })).toContainText(`Unsigned: ${metadata.title}`);
  const item = libraryItem(page, metadata.title);
  await expect(item).toContainText('English');
  await item.getByRole('link', { name: metadata.title }).click();
  await expect(page.getByRole('article')).toContainText(metadata.byline!);
  const body = articleBody(page);
  await expect(body.locator('body')).toContainText('Hori Parata');
  await expect(body.getByRole('img', { name: 'A bin of small whale bones.' })).toHaveAttribute('src', /^blob:/);
  const types = await storedPictureTypes(page, metadata.title);
  expect(types.length, 'pictures kept from the archive').toBeGreaterThanOrEqual(5);
  expect(new Set(types)).toEqual(new Set(['image/webp']));
});

test('a corpus page that names no language, saved by Chromium as MHTML, shows no language name', async ({ page, browser }) => {
  const { html, metadata } = await corpusPage('keep-images');
  const snapshot = await chromiumSnapshot(browser, CORPUS_PAGE_URL, html);
  await page.goto('/');
  await importThroughPicker(page, [mhtmlFile('drug-lab.mhtml', snapshot)]);
  await expect(importReport(page).filter({ hasText: 'drug-lab.mhtml' })).toContainText(`Unsigned: ${metadata.title}`);
  const item = libraryItem(page, metadata.title);
  await expect(item).toContainText('Medium');
  await expect(item).not.toContainText(/\broot\b/);
  await item.getByRole('link', { name: metadata.title }).click();
  await expect(page.getByRole('article')).toContainText(metadata.byline!);
  await expect(page.getByRole('article')).not.toContainText(/\broot\b/);
  await expect(articleBody(page).locator('body')).toContainText('DoctorX');
  expect((await storedPictureTypes(page, metadata.title)).length, 'pictures kept from the archive').toBeGreaterThanOrEqual(5);
});

test('a damaged MHTML is refused with its reason, and nothing is stored', async ({ page, browser }) => {
  const { html, metadata } = await corpusPage('guardian-1');
  const snapshot = await chromiumSnapshot(browser, CORPUS_PAGE_URL, html);
  // A picture's part broken in the middle, as a bad copy would leave it.
  const text = snapshot.toString('latin1');
  const picturePart = /Content-Type: image\/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: (\S+)\r\n\r\n/.exec(text);
  expect(picturePart, 'a picture in the snapshot').not.toBeNull();
  const at = picturePart!.index + picturePart![0].length + 200;
  const damagedPicture = Buffer.from(`${text.slice(0, at)}!!~~ not base64 ~~!!${text.slice(at)}`, 'latin1');

  await page.goto('/');
  await expect(libraryItem(page, SAMPLE_TITLE)).toBeVisible();
  const before = await libraryTitles(page);
  await importThroughPicker(page, [
    mhtmlFile('cut-short.mhtml', snapshot.subarray(0, Math.floor(snapshot.length / 2))),
    mhtmlFile('not-an-archive.mhtml', Buffer.from('<!doctype html><title>Hello</title><p>Only a page, named as an archive.</p>')),
    mhtmlFile('damaged-picture.mhtml', damagedPicture),
  ]);
  const report = importReport(page);
  await expect(report.filter({ hasText: 'cut-short.mhtml' })).toContainText(
    'This web page archive (MHTML) is cut short or damaged: its last part never ends.',
  );
  await expect(report.filter({ hasText: 'not-an-archive.mhtml' })).toContainText(
    'This file is named as a saved web page archive (MHTML), but it is not one',
  );
  await expect(report.filter({ hasText: 'damaged-picture.mhtml' })).toContainText('This web page archive (MHTML) is damaged: the part for');
  expect(await libraryTitles(page)).toEqual(before);
  await expect(libraryItem(page, metadata.title)).toHaveCount(0);
});

test('a "Webpage, complete" page chosen with the pictures of its _files folder keeps them', async ({ page }) => {
  const paragraphs = '<p>A report saved with its pictures beside it, long enough for Readability to take it for an article.</p>'.repeat(6);
  const saved = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Saved complete</title></head>
    <body><article><h1>Saved complete</h1>${paragraphs}
    <figure><img src="./Saved%20complete_files/photo%201.png" alt="The photo"><figcaption>Caption</figcaption></figure>
    <figure><img src="Saved complete_files/not-chosen.png" alt="Not chosen"></figure>
    <figure><img src="elsewhere.png" alt="Beside the page"></figure>
    </article></body></html>`;
  await page.goto('/');
  await importThroughPicker(page, [
    htmlFile('Saved complete.html', saved),
    { name: 'photo 1.png', mimeType: 'image/png', buffer: await picture(1600, 900, 120) },
    { name: 'elsewhere.png', mimeType: 'image/png', buffer: await picture(100, 100, 30) },
  ]);
  await expect(importReport(page).filter({ hasText: 'Saved complete.html' })).toContainText('Unsigned: Saved complete');
  await expect(importReport(page).filter({ hasText: 'photo 1.png' })).toHaveCount(0);
  await libraryItem(page, 'Saved complete').getByRole('link', { name: 'Saved complete' }).click();
  const body = articleBody(page);
  await expect(body.getByRole('img', { name: 'The photo' })).toHaveAttribute('src', /^blob:/);
  await expect(body.getByRole('img', { name: 'Not chosen' })).toHaveCount(0);
  await expect(body.getByRole('img', { name: 'Beside the page' })).toHaveCount(0);
  expect(await storedPictureTypes(page, 'Saved complete')).toEqual(['image/webp']);
  // Made no wider than the reading width.
  expect(await body.getByRole('img', { name: 'The photo' }).evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(1280);
});

test('a folder picked with "Import a folder" brings its saved page with its pictures, and nothing else of its _files folder', async ({
  page,
}) => {
  const folder = await mkdtemp(join(tmpdir(), 'pamphlet-saved-folder-'));
  try {
    const paragraphs = '<p>A report saved as a whole folder, long enough for Readability to take it for an article.</p>'.repeat(6);
    await mkdir(join(folder, 'Folder report_files'));
    await writeFile(
      join(folder, 'Folder report.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Folder report</title>
      <script src="Folder%20report_files/app.js"></script><link rel="stylesheet" href="Folder%20report_files/style.css"></head>
      <body><article><h1>Folder report</h1>${paragraphs}
      <figure><img src="Folder%20report_files/photo.png" alt="The photo"><figcaption>Caption</figcaption></figure>
      <iframe src="Folder%20report_files/saved_resource.html"></iframe></article></body></html>`,
    );
    await writeFile(join(folder, 'Folder report_files', 'photo.png'), await picture(800, 450, 90));
    await writeFile(join(folder, 'Folder report_files', 'app.js'), 'window.ran = true;');
    await writeFile(join(folder, 'Folder report_files', 'style.css'), 'body { color: red }');
    await writeFile(join(folder, 'Folder report_files', 'saved_resource.html'), '<!doctype html><p>An advertisement frame</p>');
    await page.goto('/');
    await showMoreActions(page);
    await page.getByLabel('A folder of saved pages (a page saved as “Webpage, complete” with its folder)').setInputFiles(folder);
    await expect(importReport(page).filter({ hasText: 'Folder report.html' })).toContainText('Unsigned: Folder report');
    // Its scripts, styles and saved frames are the page's, not imports to refuse one by one.
    for (const name of ['app.js', 'style.css', 'saved_resource.html'])
      await expect(importReport(page).filter({ hasText: name })).toHaveCount(0);
    await expect(libraryItem(page, 'Folder report')).toHaveCount(1);
    expect(await libraryTitles(page)).toHaveLength(2);
    await libraryItem(page, 'Folder report').getByRole('link', { name: 'Folder report' }).click();
    await expect(articleBody(page).getByRole('img', { name: 'The photo' })).toHaveAttribute('src', /^blob:/);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('a "Webpage, complete" page whose picture does not decode is refused, and nothing is stored', async ({ page }) => {
  const paragraphs = '<p>A report saved with a picture that a bad copy broke, long enough to be read as an article.</p>'.repeat(6);
  const saved = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken picture</title></head>
    <body><article><h1>Broken picture</h1>${paragraphs}<img src="report_files/photo.jpg" alt="The photo"></article></body></html>`;
  await page.goto('/');
  await expect(libraryItem(page, SAMPLE_TITLE)).toBeVisible();
  const before = await libraryTitles(page);
  await importThroughPicker(page, [
    htmlFile('report.html', saved),
    { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture: the copy stopped here') },
  ]);
  await expect(importReport(page).filter({ hasText: 'report.html' })).toContainText(
    'The image photo.jpg that this page was saved with is damaged: it does not decode as a picture.',
  );
  expect(await libraryTitles(page)).toEqual(before);
});

test('an article whose page gave no language shows none, never "root"', async ({ page }) => {
  const paragraphs = '<p>A page that does not say which language it is written in, long enough to be an article.</p>'.repeat(5);
  await page.goto('/');
  await importThroughPicker(page, [
    htmlFile('no-language.html', `<!doctype html><title>No language</title><article><h1>No language</h1>${paragraphs}</article>`),
  ]);
  const item = libraryItem(page, 'No language');
  await expect(item).toContainText('Unsigned');
  await expect(item).not.toContainText('root');
  await item.getByRole('link', { name: 'No language' }).click();
  // The article's text is in its own frame: what the reader's own page shows is its header.
  const header = page.getByRole('article');
  await expect(header).toContainText('Saved page');
  await expect(header).not.toContainText(/\broot\b|\bund\b/);
});
