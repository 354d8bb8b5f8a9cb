import { addToFirstStartSamples, arabicArticle, encodeBundle } from './helpers/fixture-articles.ts';
import { NOTHING_STORED, originStorage, stopServiceWorkers, usageOf } from './helpers/origin-storage.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';
import { test, expect } from './helpers/fixtures.ts';
import type { Page } from '@playwright/test';
import { SAMPLE_TITLE } from './helpers/sample.ts';

/** A library with something in every kind of storage: articles, reading state, the search index, the offline copy. */
async function fillEverything(page: Page): Promise<void> {
  await addToFirstStartSamples(page, { 'arabic.html': encodeBundle([await arabicArticle()], []) });
  await page.goto('/');
  const library = page.getByRole('list', { name: 'Library' });
  await expect(library.getByRole('listitem')).toHaveCount(2);
  await waitForOfflineReady(page);
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('article')).toBeVisible();
  await page.getByRole('link', { name: 'Library' }).click();
  await page.getByRole('searchbox').fill('Churkin');
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await page.evaluate(async () => {
    sessionStorage.setItem('left-behind', 'yes');
    localStorage.setItem('left-behind', 'yes');
    const root = await navigator.storage.getDirectory();
    await root.getFileHandle('left-behind.txt', { create: true });
  });
  const before = await originStorage(page);
  expect(before.buckets).toEqual(['lib-1']);
  expect(before.caches.length).toBeGreaterThan(0);
  expect(before.serviceWorkers).toBe(1);
  expect(before.localStorage).toBeGreaterThan(0);
  expect(before.files).toEqual(['left-behind.txt']);
}

test('wiping removes everything the origin stores, and a reload adds nothing back', async ({ page }) => {
  await fillEverything(page);
  expect(await usageOf(page)).toBeGreaterThan(0);

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Wipe everything…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Wipe everything?' });
  await expect(dialog).toContainText('It cannot be undone.');
  await dialog.getByRole('button', { name: 'Wipe everything' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Nothing is stored here' })).toBeVisible();
  await expect(page.getByText(/^Removed: /)).toContainText('the library (2 articles');
  await expect(page.getByText(/^Removed: /)).toContainText('1 service worker');
  await expect(page).toHaveTitle('Nothing stored');
  expect(await originStorage(page)).toEqual(NOTHING_STORED);

  // The deleted caches' bytes go once the unregistered service worker stops.
  await stopServiceWorkers(page);
  await expect.poll(() => usageOf(page)).toBe(0);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Nothing is stored here' })).toBeVisible();
  expect(await originStorage(page)).toEqual(NOTHING_STORED);
  await expect.poll(() => usageOf(page)).toBe(0);

  // Starting again is a first start: the built-in sample (alone, now) comes back.
  await page.unrouteAll();
  await page.getByRole('button', { name: 'Start again' }).click();
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
});

test('the launcher’s shortcut asks first, and the app’s other tabs let go and show the wiped screen', async ({ page, context }) => {
  const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as { shortcuts: Array<{ name: string; url: string }> };
  const shortcut = manifest.shortcuts.find((entry) => entry.name === 'Wipe everything');
  expect(shortcut?.url).toBe('./?screen=settings#wipe');

  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(other.getByRole('article')).toBeVisible();

  await page.goto(shortcut!.url);
  const dialog = page.getByRole('dialog', { name: 'Wipe everything?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await originStorage(page)).buckets).toEqual(['lib-1']);

  await page.goto(shortcut!.url);
  await page.getByRole('dialog', { name: 'Wipe everything?' }).getByRole('button', { name: 'Wipe everything' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nothing is stored here' })).toBeVisible();
  await expect(other.getByRole('heading', { level: 1, name: 'Nothing is stored here' })).toBeVisible();
  await expect(other.getByRole('article')).toBeHidden();
  expect(await originStorage(page)).toEqual(NOTHING_STORED);
  expect(await originStorage(other)).toEqual(NOTHING_STORED);
});

test('a tab that does not let go of the database holds the wipe up, and the reader is told to close it', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  // An old version of the app, say, that does not close its connection when asked to.
  const old = await context.newPage();
  await old.goto('/manifest.webmanifest');
  await old.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('pamphlet');
        request.onsuccess = () => {
          (window as unknown as { held: IDBDatabase }).held = request.result;
          resolve();
        };
        request.onerror = () => reject(request.error ?? new Error('the library did not open'));
      }),
  );

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Wipe everything…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Wipe everything?' });
  await dialog.getByRole('button', { name: 'Wipe everything' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Another Pamphlet tab or window still has the library open. Close it, and the wipe finishes by itself.',
  );
  await expect(dialog.getByRole('button', { name: 'Wipe everything' })).toBeDisabled();
  // While the database waits for that tab, everything else is gone already: a reader who closes
  // the browser now leaves no cached app, no first screen's titles and no files behind.
  const waiting = await originStorage(page);
  expect(waiting.databases).toContain('pamphlet');
  expect({ ...waiting, databases: [] }).toEqual(NOTHING_STORED);

  await old.close();
  await expect(page.getByRole('heading', { level: 1, name: 'Nothing is stored here' })).toBeVisible();
  expect(await originStorage(page)).toEqual(NOTHING_STORED);
});
