import {
  addToLibrary,
  bundleFile,
  draftArticle,
  follow,
  importThroughPicker,
  linkTo,
  newPublisherKey,
  signed,
  unsignedArticle,
} from './helpers/bundles.ts';
import { addToFirstStartSamples, arabicArticle, articleWithImage, encodeBundle } from './helpers/fixture-articles.ts';
import { expectLocked, PASSPHRASE, turnLockOn, unlock } from './helpers/lock.ts';
import { Newsroom } from './helpers/edition.ts';
import { Mirror } from './helpers/mirror.ts';
import { NOTHING_STORED, originStorage, rawDatabaseRecords } from './helpers/origin-storage.ts';
import { articleBody } from './helpers/reader.ts';
import { test, expect } from './helpers/fixtures.ts';
import type { Page } from '@playwright/test';
import { inLibraryDatabase } from './helpers/library-database.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

const ARABIC_TITLE = 'اجتماع طارئ لمجلس الأمن الدولي';
const PICTURE_TITLE = 'An article with a picture';

/** A library of three articles (one with an image), one read, one searched for. */
async function startLibrary(page: Page): Promise<{ ids: string[]; imageHash: string }> {
  const arabic = await arabicArticle();
  const { article, image } = await articleWithImage();
  await addToFirstStartSamples(page, { 'more.html': encodeBundle([arabic, article], [image]) });
  await page.goto('/');
  const library = page.getByRole('list', { name: 'Library' });
  await expect(library.getByRole('listitem')).toHaveCount(3);
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('article')).toBeVisible();
  await page.getByRole('link', { name: 'Library' }).click();
  // Read once the reader has placed it (after its images settle): wait for the state to be stored.
  await expect(library.getByRole('listitem').filter({ hasText: SAMPLE_TITLE })).toContainText('Read');
  await page.getByRole('searchbox').fill('Churkin');
  await expect(library.getByRole('listitem')).toHaveCount(1);
  const sampleId = (await page.getByRole('link', { name: SAMPLE_TITLE }).getAttribute('href'))!.split('/').pop()!;
  return { ids: [sampleId, arabic.id, article.id], imageHash: image.hash };
}

/** Words and ids from the library, any of which in a stored record would give it away. */
function giveaways(ids: string[], imageHash: string): string[] {
  return [
    SAMPLE_TITLE,
    'Security Council',
    'Churkin',
    'Tensions',
    ARABIC_TITLE,
    'مجلس',
    'RFE/RL',
    'Radio Free Europe',
    PICTURE_TITLE,
    'picture',
    'Test Desk',
    imageHash,
    ...ids,
  ];
}

test('with the lock on, nothing stored gives the library away, the app opens locked, and the passphrase opens it', async ({ page }) => {
  const { ids, imageHash } = await startLibrary(page);
  const words = giveaways(ids, imageHash);
  const before = await rawDatabaseRecords(page);
  expect(
    before.some((record) => record.text.includes('Churkin')),
    'the check can see words stored in clear',
  ).toBe(true);

  await turnLockOn(page);
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
  const records = await rawDatabaseRecords(page);
  for (const record of records) {
    for (const word of words) expect(record.text, `${record.store} ${record.key} holds “${word}”`).not.toContain(word);
  }
  for (const store of ['articles', 'summaries', 'images', 'reading', 'search']) {
    const sealed = records.filter((record) => record.store === store);
    expect(sealed.length, store).toBeGreaterThan(0);
    for (const record of sealed) {
      expect(record.fields, `${store} ${record.key}`).toContain('sealed');
      // Ciphertext: bytes near random (a record of a few hundred bytes cannot show all 256 values).
      if (record.binary > 2000) expect(record.entropy, `${store} ${record.key}`).toBeGreaterThan(7.8);
    }
  }
  // Nothing in clear but the opaque name: not even the revision (and every record marked with the form it is sealed in).
  expect(records.find((record) => record.store === 'articles')!.fields.sort()).toEqual(['form', 'id', 'sealed']);
  const stored = await page.evaluate(() =>
    Object.entries(localStorage)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n'),
  );
  expect(stored).not.toContain('pamphlet:first-screen');
  for (const word of words) expect(stored).not.toContain(word);

  await page.reload();
  await expectLocked(page);
  await expect(page.locator('body')).not.toContainText(SAMPLE_TITLE);

  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toHaveText('Type your passphrase.');
  await unlock(page, 'seven quiet rivers at dusk');
  await expect(page.getByRole('alert')).toHaveText('That passphrase does not open this library. Nothing was changed; try again.');
  await expectLocked(page);
  expect(await rawDatabaseRecords(page)).toHaveLength(records.length);

  await unlock(page);
  // Back where the reader was when it locked: Settings.
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('link', { name: 'Library' }).click();
  const library = page.getByRole('list', { name: 'Library' });
  await expect(library.getByRole('listitem')).toHaveCount(3);
  await expect(page).toHaveTitle('Library · Pamphlet');
  await expect(page.getByRole('listitem').filter({ hasText: SAMPLE_TITLE })).not.toContainText('Unread');
  await page.getByRole('searchbox').fill('Churkin');
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('searchbox').fill('مجلس');
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await expect(library).toContainText(ARABIC_TITLE);
  await page.getByRole('searchbox').fill('');
  await page.getByRole('link', { name: PICTURE_TITLE }).click();
  const picture = articleBody(page).getByRole('img', { name: 'The Pamphlet icon' });
  await expect(picture).toBeVisible();
  // The browser keeps titles in its history: with the lock on, none names an article.
  await expect(page).toHaveTitle('Article · Pamphlet');
  expect(await picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(192);
  // Still no title kept in clear after a whole session of reading.
  expect(await page.evaluate(() => localStorage.getItem('pamphlet:first-screen'))).toBeNull();
});

test('a new passphrase is refused with a reason until it will do, and imports while unlocked are sealed', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  const lock = page.getByRole('group', { name: 'Library lock' });
  const turnOn = lock.getByRole('button', { name: 'Turn the lock on' });
  await turnOn.click();
  await expect(lock.getByRole('alert')).toHaveText('Choose a passphrase.');
  await lock.getByLabel('Passphrase', { exact: true }).fill('short');
  await lock.getByLabel('Passphrase again').fill('short');
  await turnOn.click();
  await expect(lock.getByRole('alert')).toHaveText(
    'A passphrase needs at least 8 characters. Several words are easier to remember and harder to guess.',
  );
  await lock.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await lock.getByLabel('Passphrase again').fill(`${PASSPHRASE} `);
  await turnOn.click();
  await expect(lock.getByRole('alert')).toHaveText('The two passphrases differ. Type the same passphrase twice.');
  expect((await rawDatabaseRecords(page)).some((record) => record.text.includes('Churkin'))).toBe(true);

  await lock.getByLabel('Passphrase again').fill(PASSPHRASE);
  await turnOn.click();
  await expect(lock.getByRole('status')).toHaveText('The lock is on. Everything in the library is encrypted.', { timeout: 30_000 });

  const imported = await signed(draftArticle({ title: 'Journalists detained at the border' }), await newPublisherKey());
  await page.getByRole('link', { name: 'Library' }).click();
  await importThroughPicker(page, [bundleFile('detained.html', [imported])]);
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(2);
  const records = await rawDatabaseRecords(page);
  for (const word of ['Journalists', 'detained', 'Independent Test News', imported.id, imported.signature!.key, 'Churkin']) {
    expect(
      records.filter((record) => record.text.includes(word)).map((record) => `${record.store} ${record.key}`),
      word,
    ).toEqual([]);
  }
});

test('the library locks itself after the idle time the reader chose, and input puts it off', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await turnLockOn(page, { idle: '1 minute' });
  await expect(page.getByRole('group', { name: 'Library lock' })).toContainText('after 1 minute without use');
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();

  await page.clock.runFor('00:45');
  await page.keyboard.press('Shift');
  await page.clock.runFor('00:45');
  // 90 seconds since turned on, 45 since the last key: still open.
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await page.clock.runFor('00:20');
  await expectLocked(page);

  await unlock(page);
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  const lock = page.getByRole('group', { name: 'Library lock' });
  await lock.getByLabel('Lock after this long without use').selectOption({ label: '1 hour' });
  await expect(lock.getByRole('status')).toHaveText('The library now locks after 1 hour without use.');
  await page.clock.runFor('05:00');
  await expect(lock).toContainText('after 1 hour without use');
  await page.clock.runFor('56:00');
  await expectLocked(page);
});

test('a changed passphrase keeps everything; the old one no longer opens; Lock locks every tab', async ({ page, context }) => {
  await page.goto('/');
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('article')).toBeVisible();
  await turnLockOn(page);
  const lock = page.getByRole('group', { name: 'Library lock' });
  await lock.getByText('Change the passphrase', { exact: true }).click();
  const change = lock.getByRole('button', { name: 'Change passphrase' });
  await lock.getByLabel('Current passphrase').fill('not the passphrase');
  await lock.getByLabel('New passphrase', { exact: true }).fill('a brand new passphrase');
  await lock.getByLabel('New passphrase again').fill('a brand new passphrase');
  await change.click();
  await expect(lock.getByRole('alert')).toHaveText('The current passphrase is not right. Nothing was changed.');
  await lock.getByLabel('Current passphrase').fill(PASSPHRASE);
  await lock.getByLabel('New passphrase again').fill('a brand new passphrase!');
  await change.click();
  await expect(lock.getByRole('alert')).toHaveText('The two passphrases differ. Type the same passphrase twice.');
  await lock.getByLabel('New passphrase again').fill('a brand new passphrase');
  await change.click();
  await expect(lock.getByRole('status')).toHaveText(
    'The passphrase is changed. Everything in the library is as it was; use the new passphrase from now on.',
  );

  const other = await context.newPage();
  await other.goto('/');
  await expectLocked(other);
  await unlock(other, 'a brand new passphrase');
  await expect(other.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expectLocked(page);
  await expectLocked(other);
  await unlock(page, PASSPHRASE);
  await expect(page.getByRole('alert')).toHaveText('That passphrase does not open this library. Nothing was changed; try again.');
  await unlock(page, 'a brand new passphrase');
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: SAMPLE_TITLE })).not.toContainText('Unread');
});

test('turning the lock off opens every record again, and the app starts unlocked', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await turnLockOn(page);
  const lock = page.getByRole('group', { name: 'Library lock' });
  await lock.getByText('Turn the lock off', { exact: true }).click();
  await lock.getByLabel('Passphrase', { exact: true }).fill('wrong passphrase');
  await lock.getByRole('button', { name: 'Decrypt the library and turn the lock off' }).click();
  await expect(lock.getByRole('alert')).toHaveText('That passphrase does not open this library. The lock stays on.');
  expect((await rawDatabaseRecords(page)).some((record) => record.text.includes('Churkin'))).toBe(false);
  await lock.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await lock.getByRole('button', { name: 'Decrypt the library and turn the lock off' }).click();
  await expect(lock.getByRole('status')).toHaveText('The lock is off. The library is no longer encrypted.');
  const records = await rawDatabaseRecords(page);
  expect(records.some((record) => record.text.includes('Churkin'))).toBe(true);
  expect(records.filter((record) => record.fields.includes('sealed'))).toEqual([]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
});

test('a forgotten passphrase is explained honestly, and the way on is a wipe', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await turnLockOn(page);
  await page.reload();
  await expectLocked(page);
  await page.getByText('Forgot the passphrase?').click();
  await expect(page.getByText('Nothing can open the library without it')).toBeVisible();
  await page.getByRole('button', { name: 'Wipe everything…' }).click();
  await page.getByRole('dialog', { name: 'Wipe everything?' }).getByRole('button', { name: 'Wipe everything' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nothing is stored here' })).toBeVisible();
  expect(await originStorage(page)).toEqual(NOTHING_STORED);
});

test('turning the lock on locks the app’s other tabs, and a link that opens a locked app is imported after the unlock, sealed', async ({
  page,
  context,
  baseURL,
}) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await turnLockOn(page);
  await expectLocked(other);

  const passedOn = await unsignedArticle(
    draftArticle({ title: 'Handed over at the market', content: '<p>Leaflets were handed over at the market.</p>' }),
  );
  await other.goto(await linkTo(baseURL!, [passedOn]));
  await expectLocked(other);
  await unlock(other);
  await addToLibrary(other);
  await expect(other.getByRole('link', { name: 'Handed over at the market' })).toBeVisible();
  const records = await rawDatabaseRecords(other);
  expect(
    records.filter((record) => record.text.includes('market') || record.text.includes(passedOn.id)).map((record) => record.store),
  ).toEqual([]);
});

test('turning the lock on, cut short (a closed tab, a dead battery), is finished at the next unlock', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await turnLockOn(page);
  // As a pass cut short leaves it: the vault still "sealing", and a record still in clear.
  await inLibraryDatabase(
    page,
    (db) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['vault', 'reading'], 'readwrite');
        const vault = tx.objectStore('vault');
        const get = vault.get('lock');
        get.onsuccess = () => vault.put({ ...get.result, state: 'sealing' }, 'lock');
        tx.objectStore('reading').put({ articleId: 'f'.repeat(64), read: true, position: 0.5, updatedAt: 1, tags: ['Left in clear'] });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('the transaction failed'));
      }),
  );
  expect((await rawDatabaseRecords(page)).some((record) => record.text.includes('Left in clear'))).toBe(true);
  await page.reload();
  await expectLocked(page);
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const records = await rawDatabaseRecords(page);
  expect(records.filter((record) => record.text.includes('Left in clear'))).toEqual([]);
  expect(records.find((record) => record.store === 'vault')?.text).toContain('state\non\n');
});

test('with the lock on, following a source and syncing it store nothing in clear: not its name, its mirror or its articles', async ({
  page,
  problems,
}) => {
  const newsroom = await Newsroom.create();
  const mirror = await Mirror.at(newsroom.dir);
  mirror.dir = await newsroom.edition('edition', await newsroom.writePages(2), [mirror.url]);
  await mirror.start();
  problems.allowedOrigins.add(mirror.origin);
  try {
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    await turnLockOn(page);
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(mirror.url);
    await page.getByRole('button', { name: 'Find source' }).click();
    await follow(page, 'City Desk');
    await expect(page.getByRole('region', { name: 'Sync' })).toContainText('2 new articles.');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect(page.getByRole('link', { name: 'Report number 1 on the city council for our readers' })).toBeVisible();

    const records = await rawDatabaseRecords(page);
    for (const word of ['City Desk', 'Report number', 'city council', 'told in enough words', `127.0.0.1:${mirror.port}`, 'localhost']) {
      expect(
        records.filter((record) => record.text.includes(word)).map((record) => `${record.store} ${record.key}`),
        word,
      ).toEqual([]);
    }
    expect(records.filter((record) => record.store === 'sources').map((record) => record.fields.sort())).toEqual([
      ['form', 'id', 'sealed'],
    ]);
    expect(records.filter((record) => record.store === 'keys').map((record) => record.fields.sort())).toEqual([['form', 'key', 'sealed']]);
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});
