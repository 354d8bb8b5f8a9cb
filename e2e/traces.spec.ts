import { INBOX_CACHE } from '../src/browser/inbox.ts';
import type { BrowserContext, Page } from '@playwright/test';
import { bundleFile, draftArticle, importThroughPicker, libraryItem, newPublisherKey, signed } from './helpers/bundles.ts';
import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { changePassphrase, PASSPHRASE, turnLockOn, unlock } from './helpers/lock.ts';
import { storedRecords } from './helpers/library-database.ts';
import { PersistentProfile } from './helpers/profile.ts';
import { tracesIn } from './helpers/profile-files.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';
import { SAMPLE_ARTICLE, SAMPLE_TITLE } from './helpers/sample.ts';

/**
 * What the browser keeps of a reader's reading, in its own files, where neither the lock nor the
 * wipe reaches (docs/threat-model.md, section 6): read straight from the profile on disk.
 */

/** The browser's own records of where a reader went: history, sessions, visited links. */
const BROWSER_RECORDS = /^Default\/(History|Sessions|Visited Links|Top Sites|Shortcuts|Network Action Predictor|Current |Last )/;

test('the browser’s history never holds an article id: reader addresses name articles by a token of this library', async ({ server }) => {
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
      expect(page.url()).toMatch(/\/\?read=[A-Za-z0-9_-]{22}$/);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await page.goBack();
      await page.goForward();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await page.getByRole('link', { name: 'Library' }).click();
    }
    // An address from before tokens still opens, and is rewritten in place.
    await page.goto(`/read/${SAMPLE_ARTICLE.id}`);
    await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
    await expect(page).toHaveURL(/\/\?read=[A-Za-z0-9_-]{22}$/);
    await browser.close();

    // The history is there to be read (the test can see the reader's addresses in it), and it
    // holds no article id.
    expect((await tracesIn(profile.dir, ['?read='], BROWSER_RECORDS)).length).toBeGreaterThan(0);
    expect(await tracesIn(profile.dir, [other.id, other.id.slice(0, 16)], BROWSER_RECORDS)).toEqual([]);
  } finally {
    await profile.remove();
  }
});

/** Every file of the profile but the browser's own records of where the reader went. */
const OUTSIDE_BROWSER_RECORDS = new RegExp(`^(?!${BROWSER_RECORDS.source.slice(1)})`);

/**
 * An article whose words are found nowhere else (so that a word found is its own), put in the
 * library of a profile on disk, read, and the browser closed: its words are then in the files.
 */
async function profileWithMarkedArticle(serverUrl: string) {
  const words = { title: 'Qorvath Mendilux Tzarnovi', body: 'Plimsoval Kestrivan', url: 'https://ydrelsk-news.example/qorvath' };
  const article = await signed(
    draftArticle({ title: `${words.title} report`, url: words.url, content: `<p>${words.body} was seen at the border crossing.</p>` }),
    await newPublisherKey(),
  );
  const profile = await PersistentProfile.create(serverUrl);
  const browser = await profile.launch();
  const problems = watchContext(browser, () => serverUrl);
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await waitForOfflineReady(page);
  await importThroughPicker(page, [bundleFile('marked.html', [article])]);
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(2);
  await libraryItem(page, article.title).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('link', { name: article.title })).toBeVisible();
  await browser.close();
  expectNoProblems(problems);
  return { profile, words: [words.title, words.body, words.url, article.id] };
}

/** The salt of the library's vault record (the passphrase's), as stored. */
async function storedVaultSalt(page: Page): Promise<number[]> {
  const [vault] = await storedRecords<{ salt: Uint8Array }>(page, 'vault');
  return Array.from(vault!.salt);
}

async function openAgain(
  profile: PersistentProfile,
  serverUrl: string,
): Promise<{ browser: BrowserContext; page: Page; problems: ReturnType<typeof watchContext> }> {
  const browser = await profile.launch();
  const problems = watchContext(browser, () => serverUrl);
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto('/');
  return { browser, page, problems };
}

test('with the lock turned on, nothing the library held in clear is left in the profile’s files, across a restart', async ({ server }) => {
  const { profile, words } = await profileWithMarkedArticle(server.url);
  try {
    // The search can find them: before the lock, the library's files hold them.
    const before = await tracesIn(profile.dir, words, OUTSIDE_BROWSER_RECORDS);
    expect(before.filter((trace) => trace.file.includes('IndexedDB')).map((trace) => trace.word)).toEqual(expect.arrayContaining(words));

    let opened = await openAgain(profile, server.url);
    await expect(opened.page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    await turnLockOn(opened.page);
    await opened.browser.close();
    expectNoProblems(opened.problems);
    expect(await tracesIn(profile.dir, words, OUTSIDE_BROWSER_RECORDS)).toEqual([]);

    // Opened again, locked and unlocked: still nothing in clear. Then the passphrase is changed:
    // the secret wrapped under the old one (found by its salt) must not stay in the files either,
    // or whoever knew the old passphrase could still open the library from a copy of them.
    opened = await openAgain(profile, server.url);
    await unlock(opened.page);
    await expect(opened.page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    const oldSalt = new Uint8Array(await storedVaultSalt(opened.page));
    expect(await tracesIn(profile.dir, [oldSalt], /IndexedDB/)).not.toEqual([]);
    await changePassphrase(opened.page, PASSPHRASE, 'a brand new passphrase');
    await opened.browser.close();
    expectNoProblems(opened.problems);
    expect(await tracesIn(profile.dir, [...words, oldSalt], OUTSIDE_BROWSER_RECORDS)).toEqual([]);

    opened = await openAgain(profile, server.url);
    await unlock(opened.page, 'a brand new passphrase');
    await expect(opened.page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    await opened.browser.close();
    expectNoProblems(opened.problems);
  } finally {
    await profile.remove();
  }
});

test('after a wipe, even with the server out of reach, nothing of the library is left in the profile’s files', async ({ server }) => {
  const { profile, words } = await profileWithMarkedArticle(server.url);
  try {
    const opened = await openAgain(profile, server.url);
    await expect(opened.page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    // A shared text waiting in the share inbox (Cache Storage), as one shared while locked does.
    const shared = 'Vendrakol Ushmeret shared this';
    await opened.page.evaluate(
      async ([cache, text]) => {
        const inbox = await caches.open(cache);
        await inbox.put(
          '/__inbox/1-traces/0',
          new Response(text, { headers: { 'x-pamphlet-kind': 'text', 'content-type': 'text/plain; charset=utf-8' } }),
        );
      },
      [INBOX_CACHE, shared] as const,
    );
    await expect.poll(async () => (await tracesIn(profile.dir, [shared], /CacheStorage/)).length).toBeGreaterThan(0);
    words.push(shared);
    // No Clear-Site-Data from the server: what the app does by itself must be enough.
    await server.stop();
    await opened.page.getByRole('link', { name: 'Settings' }).click();
    await opened.page.getByRole('button', { name: 'Wipe everything…' }).click();
    await opened.page.getByRole('dialog', { name: 'Wipe everything?' }).getByRole('button', { name: 'Wipe everything' }).click();
    await expect(opened.page.getByRole('heading', { level: 1, name: 'Nothing is stored here' })).toBeVisible();
    // Closed at once, as a reader in a hurry would.
    await opened.browser.close();
    expectNoProblems(opened.problems, { offline: true });
    expect(await tracesIn(profile.dir, words, OUTSIDE_BROWSER_RECORDS)).toEqual([]);
  } finally {
    await profile.remove();
  }
});
