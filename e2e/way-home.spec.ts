import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import type { SourceDescriptor } from '../src/shared/edition/edition-format.ts';
import { parseSourceDescriptor } from '../src/shared/edition/parse-edition.ts';
import { generateSigningKey, signJson } from '../src/shared/signing.ts';
import {
  draftArticle,
  follow as followOffer,
  importReport,
  importThroughPicker,
  libraryItem,
  libraryTitles,
  signed,
} from './helpers/bundles.ts';
import { Newsroom } from './helpers/edition.ts';
import { test, expect } from './helpers/fixtures.ts';
import { Mirror } from './helpers/mirror.ts';

/** A bundle file from bytes, for the file picker. */
function bundleOf(name: string, text: string | Buffer) {
  return { name, mimeType: 'text/html', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) };
}

async function follow(page: Page, mirror: Mirror): Promise<void> {
  await page.goto('/?screen=sources');
  await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(`${mirror.url}pamphlet-source.json`);
  await page.getByRole('button', { name: 'Find source' }).click();
  await followOffer(page, 'City Desk');
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('listitem').first()).toContainText('last synced');
}

/** The addresses the Sources screen lists for City Desk. */
async function mirrorsShown(page: Page): Promise<string[]> {
  await page.getByRole('link', { name: 'Sources' }).click();
  const mirrors = page.getByRole('list', { name: 'Mirrors of City Desk' }).getByRole('listitem');
  await expect(mirrors.first()).toBeVisible();
  return (await mirrors.allInnerTexts()).map((text) => text.split(': ')[0]!.trim());
}

async function importInLibrary(page: Page, file: ReturnType<typeof bundleOf>): Promise<void> {
  await page.getByRole('link', { name: 'Library' }).click();
  const report = importReport(page);
  if (await report.isVisible()) await report.getByRole('button', { name: 'Dismiss' }).click();
  await importThroughPicker(page, [file]);
  await expect(report.getByRole('button', { name: 'Dismiss' })).toBeVisible();
}

test.describe('every bundle carries the way home', () => {
  let newsroom: Newsroom;
  let oldMirror: Mirror;
  let newMirror: Mirror;
  /** The first edition's bundle of newest articles, with the descriptor numbered as its index. */
  let firstBundle: Buffer;
  let genuine: SourceDescriptor;

  test.beforeEach(async ({ problems }) => {
    newsroom = await Newsroom.create();
    oldMirror = await Mirror.at(newsroom.dir);
    newMirror = await Mirror.at(newsroom.dir);
    await newsroom.edition('edition', await newsroom.writePages(2), [oldMirror.url]);
    // The old mirror keeps serving this first edition, as a blocked-then-forgotten copy would.
    oldMirror.dir = await newsroom.copy('edition', 'edition-first');
    await oldMirror.start();
    firstBundle = await readFile(join(oldMirror.dir, 'edition.html'));
    genuine = await parseSourceDescriptor((await decodeBundle(firstBundle.toString('utf8'))).publishers[0], 'publisher');
    problems.allowedOrigins.add(oldMirror.origin);
    problems.allowedOrigins.add(newMirror.origin);
  });

  test.afterEach(async () => {
    await oldMirror.stop();
    await newMirror.stop();
    await newsroom.remove();
  });

  test('a newer descriptor in a bundle moves a followed source to its mirrors; an older one never moves it back', async ({ page }) => {
    await follow(page, oldMirror);
    expect(await mirrorsShown(page)).toEqual([oldMirror.url]);

    // The publisher rotates to a new mirror; a friend passes on a bundle of the new edition.
    await newsroom.edition('edition', await newsroom.writePages(1), [newMirror.url]);
    newMirror.dir = join(newsroom.dir, 'edition');
    await newMirror.start();
    await importInLibrary(page, bundleOf('newer.html', await readFile(join(newsroom.dir, 'edition', 'edition.html'))));
    await expect(importReport(page)).toContainText('City Desk: newer publisher details came with it; you now sync from its 1 mirror.');
    expect(await mirrorsShown(page)).toEqual([newMirror.url]);

    // The first edition's bundle, passed on again later, carries the older descriptor.
    await importInLibrary(page, bundleOf('older.html', firstBundle));
    await expect(importReport(page)).toContainText('already in the library');
    await expect(importReport(page)).not.toContainText('newer publisher details');
    expect(await mirrorsShown(page)).toEqual([newMirror.url]);

    // A sync goes to the new mirror, and the old mirror's older index does not take it back.
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(page.getByRole('region', { name: 'Sync' })).toContainText('City Desk:');
    expect(await mirrorsShown(page)).toEqual([newMirror.url]);
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(4);
  });

  test('a descriptor not signed by the key it names, or not by the publisher of the articles, is ignored and the report says why', async ({
    page,
  }) => {
    await follow(page, oldMirror);
    await page.getByRole('link', { name: 'Library' }).click();
    // The built-in sample and the two synced reports.
    await expect.poll(() => libraryTitles(page)).toHaveLength(3);
    const before = await libraryTitles(page);
    const { articles, images } = await decodeBundle(firstBundle.toString('utf8'));
    const impostor = await generateSigningKey();
    const { signature: _signature, ...fields } = genuine;
    const takeover = { mirrors: ['https://impostor.example/'], sequence: genuine.sequence! + 1000 };
    const report = importReport(page);

    // City Desk's key named, another key's signature: it would move readers to the impostor's mirror.
    const forged = await signJson({ ...fields, ...takeover }, impostor);
    await importInLibrary(page, bundleOf('forged.html', encodeBundle(articles, images, { publishers: [forged] })));
    await expect(report).toContainText(
      'Publisher details for City Desk ignored: The publisher entry is signed by a key other than the one it names.',
    );

    // Changed after it was signed.
    await importInLibrary(page, bundleOf('tampered.html', encodeBundle(articles, images, { publishers: [{ ...genuine, ...takeover }] })));
    await expect(report).toContainText(
      'Publisher details for City Desk ignored: The publisher entry does not verify: its signature does not match its content.',
    );

    // Signed by the key it names, but that key signed none of the articles it came with.
    const ownKey = (await signJson({ ...fields, ...takeover, key: impostor.publicKey }, impostor)) as SourceDescriptor;
    await importInLibrary(page, bundleOf('stray.html', encodeBundle(articles, images, { publishers: [ownKey] })));
    await expect(report).toContainText('Publisher details for City Desk ignored: no article in this bundle is signed by the key it names.');

    // An impostor's own article under City Desk's name: its descriptor is valid, but not offered.
    const posing = await signed(draftArticle({ title: 'A story City Desk never wrote', publisher: { name: 'City Desk' } }), impostor);
    await importInLibrary(page, bundleOf('posing.html', encodeBundle([posing], [], { publishers: [ownKey] })));
    await expect(report).toContainText('it names another key than the City Desk you follow or trust, so it is not offered.');
    await expect(report.getByRole('button', { name: /^Follow/ })).toHaveCount(0);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((violation) => violation.id)).toEqual([]);
    await expect(libraryItem(page, 'A story City Desk never wrote')).toContainText('Unknown publisher');

    // Nothing followed or stored changed: the same mirror, the same articles (and the one added).
    expect(await mirrorsShown(page)).toEqual([oldMirror.url]);
    await page.getByRole('link', { name: 'Library' }).click();
    await expect
      .poll(async () => (await libraryTitles(page)).filter((title) => title !== 'A story City Desk never wrote').sort())
      .toEqual([...before].sort());
  });

  test('a bundle from a publisher not yet followed offers to subscribe in one tap, and the reader passes the way home on', async ({
    page,
  }, testInfo) => {
    await page.goto('/');
    await importThroughPicker(page, [bundleOf('from-a-friend.html', firstBundle)]);
    const report = importReport(page);
    await expect(report.getByRole('list', { name: 'Publishers' })).toContainText(/City Desk, key [0-9a-f]{4}( [0-9a-f]{4}){4}, 1 mirror\./);
    const { violations } = await new AxeBuilder({ page })
      .exclude({ fromShadowDom: ['pamphlet-app', 'pamphlet-reader', 'pamphlet-article-body', 'iframe'] })
      .analyze();
    expect(violations.map((violation) => violation.id)).toEqual([]);
    await followOffer(report, 'City Desk');
    await expect(report).toContainText('You follow City Desk.');
    await expect(libraryItem(page, 'Report number 1 on the city council')).toContainText('Verified · signed by City Desk');
    expect(await mirrorsShown(page)).toEqual([oldMirror.url]);

    // What the reader exports carries the descriptor on, signature intact.
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByRole('link', { name: /Report number 1 on the city council/ }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const path = testInfo.outputPath('passed-on.html');
    await (await downloading).saveAs(path);
    const passedOn = await decodeBundle(await readFile(path, 'utf8'));
    expect(await parseSourceDescriptor(passedOn.publishers[0], 'publisher')).toEqual(genuine);
  });

  test('a sync keeps the publisher’s newest descriptor, so what the reader passes on leads to the latest mirrors', async ({
    page,
  }, testInfo) => {
    await follow(page, oldMirror);
    // The old mirror now serves the publisher's live folder; the next run adds a mirror.
    await oldMirror.stop();
    oldMirror.dir = join(newsroom.dir, 'edition');
    await oldMirror.start();
    await newsroom.edition('edition', await newsroom.writePages(1), [oldMirror.url, newMirror.url]);
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(page.getByRole('region', { name: 'Sync' })).toContainText('City Desk: 1 new article.');

    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByRole('link', { name: /Report number 1 on the city council/ }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const path = testInfo.outputPath('after-sync.html');
    await (await downloading).saveAs(path);
    const [descriptor] = (await decodeBundle(await readFile(path, 'utf8'))).publishers;
    const passedOn = await parseSourceDescriptor(descriptor, 'publisher');
    expect(passedOn.mirrors).toEqual([oldMirror.url, newMirror.url]);
    expect(passedOn.sequence).toBeGreaterThan(genuine.sequence!);
  });

  test('opened from disk with JavaScript off, a bundle links to the publisher’s mirrors and the reader app', async ({ browser }) => {
    await newsroom.pamphlet(
      'edition',
      await newsroom.writePages(1).then((pages) => pages[0]!),
      '--key',
      'key.pem',
      '--out',
      'with-app',
      '--name',
      'City Desk',
      '--mirror',
      'https://mirror-one.example/news/',
      '--mirror',
      'https://mirror-two.example/',
      '--app',
      'https://reader.example/pamphlet/',
    );
    const viewer = await browser.newContext({ javaScriptEnabled: false });
    try {
      const tab = await viewer.newPage();
      const requests: string[] = [];
      tab.on('request', (request) => requests.push(request.url()));
      await tab.goto(`file://${join(newsroom.dir, 'with-app', 'edition.html')}`);
      const wayHome = tab.getByRole('complementary', { name: 'Where to find the publisher' });
      await expect(wayHome.getByRole('heading', { name: 'City Desk' })).toBeVisible();
      await expect(wayHome.getByRole('link', { name: 'Read more from City Desk at mirror-one.example' })).toHaveAttribute(
        'href',
        'https://mirror-one.example/news/edition.html',
      );
      await expect(wayHome.getByRole('link', { name: 'Read more from City Desk at mirror-two.example' })).toHaveAttribute(
        'href',
        'https://mirror-two.example/edition.html',
      );
      await expect(wayHome.getByRole('link', { name: 'Install the reader' })).toHaveAttribute('href', 'https://reader.example/pamphlet/');
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    } finally {
      await viewer.close();
    }
  });

  test('a publisher that hosts the reader in several places: the import report and the file opened without the app link each', async ({
    page,
    browser,
  }) => {
    const apps = ['https://reader.example/pamphlet/', 'https://mirror-one.example/news/app/'];
    const [written] = await newsroom.writePages(1);
    await newsroom.pamphlet(
      'edition',
      written!,
      '--key',
      'key.pem',
      '--out',
      'hosted',
      '--name',
      'City Desk',
      '--mirror',
      'https://mirror-one.example/news/',
      ...apps.flatMap((app) => ['--app', app]),
    );
    const path = join(newsroom.dir, 'hosted', 'edition.html');
    await page.goto('/');
    await importThroughPicker(page, [bundleOf('hosted.html', await readFile(path))]);
    const publishers = importReport(page).getByRole('list', { name: 'Publishers' });
    await expect(publishers).toContainText('The reader app is also served at:');
    for (const app of apps) await expect(publishers.getByRole('link', { name: app })).toHaveAttribute('href', app);
    const { violations } = await new AxeBuilder({ page })
      .exclude({ fromShadowDom: ['pamphlet-app', 'pamphlet-reader', 'pamphlet-article-body', 'iframe'] })
      .analyze();
    expect(violations.map((violation) => violation.id)).toEqual([]);

    const viewer = await browser.newContext({ javaScriptEnabled: false });
    try {
      const tab = await viewer.newPage();
      await tab.goto(`file://${path}`);
      const wayHome = tab.getByRole('complementary', { name: 'Where to find the publisher' });
      await expect(wayHome.getByRole('link', { name: 'Install the reader from reader.example/pamphlet' })).toHaveAttribute(
        'href',
        apps[0]!,
      );
      await expect(wayHome.getByRole('link', { name: 'Install the reader from mirror-one.example/news/app' })).toHaveAttribute(
        'href',
        apps[1]!,
      );
    } finally {
      await viewer.close();
    }
  });
});
