import { readFile } from 'node:fs/promises';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { bundleFile, draftArticle, importThroughPicker, libraryItem, newPublisherKey, signed } from './helpers/bundles.ts';
import { test, expect } from './helpers/fixtures.ts';
import { PersistentProfile } from './helpers/profile.ts';
import { tracesIn } from './helpers/profile-files.ts';

/**
 * What the browser keeps of a reader's reading, in its own files, where neither the lock nor the
 * wipe reaches (docs/threat-model.md, section 6): read straight from the profile on disk.
 */

const SAMPLE_TITLE = 'Russia, U.S. Tensions Spill Over At UN Security Council Meeting';
/** The browser's own records of where a reader went: history, sessions, visited links. */
const BROWSER_RECORDS = /^Default\/(History|Sessions|Visited Links|Top Sites|Shortcuts|Network Action Predictor|Current |Last )/;

test('the browser’s history never holds an article id: reader addresses name articles by a token of this library', async ({ server }) => {
  const sample = (await decodeBundle(await readFile(new URL('../public/samples/un-security-council-2016.html', import.meta.url), 'utf8'))).articles[0]!;
  const other = await signed(draftArticle({ title: 'A report read at home' }), await newPublisherKey());
  const profile = await PersistentProfile.create(server.url);
  try {
    const browser = await profile.launch();
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    await importThroughPicker(page, [bundleFile('home.html', [other])]);
    // Both in the list before a click: an entry added under the pointer moves the one it was aimed at.
    await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(2);
    for (const title of [SAMPLE_TITLE, 'A report read at home']) {
      await libraryItem(page, title).getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      expect(page.url()).toMatch(/\/read\/[A-Za-z0-9_-]{22}$/);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await page.goBack();
      await page.goForward();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await page.getByRole('link', { name: 'Library' }).click();
    }
    // An address from before tokens still opens, and is rewritten in place.
    await page.goto(`/read/${sample.id}`);
    await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
    await expect(page).toHaveURL(/\/read\/[A-Za-z0-9_-]{22}$/);
    await browser.close();

    // The history is there to be read (the test can see the reader's addresses in it), and it
    // holds no article id.
    expect((await tracesIn(profile.dir, ['/read/'], BROWSER_RECORDS)).length).toBeGreaterThan(0);
    expect(await tracesIn(profile.dir, [other.id, other.id.slice(0, 16)], BROWSER_RECORDS)).toEqual([]);
  } finally {
    await profile.remove();
  }
});
