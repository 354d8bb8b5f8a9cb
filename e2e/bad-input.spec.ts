import type { Page } from '@playwright/test';
import { sha256Hex } from '../src/shared/sha256.ts';
import { test, expect } from './helpers/fixtures.ts';
import {
  bundleFile,
  draftArticle,
  htmlFile,
  importReport,
  importThroughPicker,
  libraryTitles,
  newPublisherKey,
  signed,
} from './helpers/bundles.ts';
import { storedRecords } from './helpers/library-database.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==', 'base64');

type File = { name: string; mimeType: string; buffer: Buffer };

async function badFiles(): Promise<Array<{ what: string; file: File; message: RegExp }>> {
  const key = await newPublisherKey();
  const good = await signed(draftArticle({ title: 'A good article' }), key);
  const goodFile = bundleFile('good.html', [good]).buffer.toString();
  const hash = await sha256Hex(new Uint8Array(PNG));
  const withImage = await signed(draftArticle({ title: 'With a picture', content: `<p>Text</p><img src="sha256:${hash}" alt="p">` }), key);
  const imageFile = bundleFile('image.html', [withImage], [{ hash, type: 'image/png', bytes: new Uint8Array(PNG) }]).buffer.toString();
  const payloadAt = goodFile.indexOf('{"format"');
  return [
    {
      what: 'not HTML at all',
      file: { name: 'photo.png', mimeType: 'image/png', buffer: PNG },
      message: /neither a Pamphlet bundle nor a web page/,
    },
    {
      what: 'HTML with no readable text',
      file: htmlFile('empty.html', '<!doctype html><html><body><p><img src="picture.png" alt=""></p></body></html>'),
      message: /No article was found in this page/,
    },
    { what: 'a truncated bundle', file: htmlFile('truncated.html', goodFile.slice(0, payloadAt + 120)), message: /cut short.*truncated/ },
    {
      what: 'a bundle cut before its data',
      file: htmlFile('cut.html', goodFile.slice(0, payloadAt - 200)),
      message: /cut short: its data is missing/,
    },
    { what: 'invalid JSON', file: htmlFile('json.html', goodFile.replace('{"format"', '{"format":]')), message: /not valid JSON/ },
    {
      what: 'an unknown major version',
      file: htmlFile('v2.html', goodFile.replace('"version":1', '"version":2')),
      message: /format version 2, which this version of Pamphlet cannot read/,
    },
    {
      what: 'a bad signature',
      file: htmlFile('forged.html', goodFile.replace('"title":"A good article"', '"title":"A forged article"')),
      message: /Refused · its signature does not match its content/,
    },
    {
      what: 'an image whose bytes do not match its hash',
      file: htmlFile('changed-image.html', imageFile.replace(/"data":"iVBOR/, '"data":"iVBOA')),
      message: /does not match its hash/,
    },
    {
      what: 'a missing image',
      file: htmlFile('missing-image.html', imageFile.replace(/"images":\[.*?\]\}/, '"images":[]}')),
      message: /refers to an image the bundle does not hold/,
    },
    {
      what: 'a file over the size limit',
      file: { name: 'huge.html', mimeType: 'text/html', buffer: Buffer.alloc(33 * 1024 * 1024, 0x20) },
      message: /over the 32 MB limit/,
    },
  ];
}

async function storedArticleCount(page: Page): Promise<number> {
  return (await storedRecords(page, 'articles')).length;
}

test('every kind of bad file is refused with a reason, and the library stays as it was', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  const before = await libraryTitles(page);
  for (const { what, file, message } of await badFiles()) {
    await importThroughPicker(page, [file]);
    const report = importReport(page);
    await expect(report, what).toContainText(message);
    await expect(report).toContainText(file.name);
    expect(await libraryTitles(page), what).toEqual(before);
    expect(await storedArticleCount(page), what).toBe(1);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  }
  // The app still works: a good file goes in.
  const good = await signed(draftArticle({ title: 'Still working' }), await newPublisherKey());
  await importThroughPicker(page, [bundleFile('after.html', [good])]);
  await expect(importReport(page)).toContainText('Still working (added to the library)');
  expect(await storedArticleCount(page)).toBe(2);
});

test('a refused article is never rendered, even by its id', async ({ page }) => {
  const article = await signed(draftArticle({ title: 'Original' }), await newPublisherKey());
  const forged = { ...article, content: '<p>Forged words.</p>' };
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('forged.html', [forged])]);
  await expect(importReport(page)).toContainText('Refused');
  await page.goto(`/?read=${forged.id}`);
  await expect(page.getByRole('heading', { name: 'Article not available' })).toBeVisible();
  await expect(page.getByText('Forged words.')).toHaveCount(0);
});
