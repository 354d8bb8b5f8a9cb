import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceLink } from '../src/shared/edition/source-link.ts';
import { parseSourceDescriptor } from '../src/shared/edition/parse-edition.ts';
import { importReport, importThroughPicker, libraryItem, libraryTitles } from './helpers/bundles.ts';
import { Newsroom } from './helpers/edition.ts';
import { test, expect } from './helpers/fixtures.ts';
import { Mirror } from './helpers/mirror.ts';

test.describe('following a source', () => {
  let newsroom: Newsroom;
  let mirror: Mirror;

  test.beforeEach(async ({ problems }) => {
    newsroom = await Newsroom.create();
    mirror = await Mirror.at(newsroom.dir);
    mirror.dir = await newsroom.edition('edition', await newsroom.writePages(2), [mirror.url]);
    await mirror.start();
    problems.allowedOrigins.add(mirror.origin);
  });

  test.afterEach(async () => {
    await mirror.stop();
    await newsroom.remove();
  });

  test('the source file pamphlet edition writes is recognized by Import, and following it syncs', async ({ page }) => {
    await page.goto('/');
    const file = await readFile(join(mirror.dir, 'pamphlet-source.json'));
    await importThroughPicker(page, [{ name: 'pamphlet-source.json', mimeType: 'application/json', buffer: file }]);
    const report = importReport(page);
    await expect(report).toContainText(/Source: City Desk · key [0-9a-f]{4}( [0-9a-f]{4}){4} · 1 mirror/);
    await report.getByRole('button', { name: 'Follow City Desk' }).click();
    await expect(report).toContainText('You follow City Desk.');
    await expect(libraryItem(page, 'Report number 2 on the city council')).toContainText('Verified · signed by City Desk');
  });

  test('a source link or QR text opens the same offer; a damaged one is refused', async ({ page, server }) => {
    const descriptor = await parseSourceDescriptor(JSON.parse(await readFile(join(mirror.dir, 'pamphlet-source.json'), 'utf8')));
    const link = await sourceLink(`${server.url}/`, descriptor);
    await page.goto(link);
    await importReport(page).getByRole('button', { name: 'Follow City Desk' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(3);
    await page.getByRole('textbox', { name: 'Pamphlet link' }).fill(link.slice(0, -30));
    await page.getByRole('button', { name: 'Open link' }).click();
    await expect(importReport(page)).toContainText('Refused: This source link is damaged');
    // A forged descriptor (the key changed) does not verify.
    const forged = await sourceLink(`${server.url}/`, { ...descriptor, name: 'Someone Else' });
    await page.getByRole('textbox', { name: 'Pamphlet link' }).fill(forged);
    await page.getByRole('button', { name: 'Open link' }).click();
    await expect(importReport(page)).toContainText('does not verify');
  });

  test('the Sources screen lists a source and removes it; the app syncs by itself on start', async ({ page }) => {
    await page.goto('/sources');
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(`${mirror.url}pamphlet-source.json`);
    await page.getByRole('button', { name: 'Find source' }).click();
    await expect(page.getByText(/City Desk, key [0-9a-f ]{24}, 1 mirror\./)).toBeVisible();
    await page.getByRole('button', { name: 'Follow City Desk' }).click();
    const sources = page.getByRole('list', { name: 'Sources' });
    await expect(sources.getByRole('listitem').first()).toContainText('last synced');

    await newsroom.edition('edition', await newsroom.writePages(1), [mirror.url]);
    await page.goto('/');
    await expect(libraryItem(page, 'Report number 3 on the city council')).toBeVisible();

    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Remove City Desk' }).click();
    await expect(page.getByText('You follow no source yet.')).toBeVisible();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(page.getByRole('status', { name: 'Sync' })).toContainText('You follow no source yet');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(4);
  });

  test('an address with no source on it says so', async ({ page }) => {
    // The browser logs the mirror's 404 itself; the app's own words are checked below.
    test.info().annotations.push({ type: 'offline' });
    await page.goto('/sources');
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(`${mirror.url}nothing-here/`);
    await page.getByRole('button', { name: 'Find source' }).click();
    await expect(page.getByRole('alert')).toContainText(`127.0.0.1:${mirror.port} has no Pamphlet source there (HTTP 404).`);
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill('not an address');
    await page.getByRole('button', { name: 'Find source' }).click();
    await expect(page.getByRole('alert')).toContainText('“not an address” is not a web address.');
  });
});

test('feeds: read directly when they allow it, through the reader’s proxy when they do not; their articles are unsigned', async ({ page, problems }) => {
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Plain Feed</title><language>en</language>
    <item><title>A feed story</title><link>https://feeds.example/story</link><guid>story-1</guid><pubDate>Mon, 05 Jan 2026 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;The whole story, as the feed gives it.&lt;/p&gt;&lt;img src="https://feeds.example/pic.jpg" alt="pic"&gt;</description></item></channel></rss>`;
  const open = createServer((req, res) => {
    if (req.url === '/cors.xml') res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Content-Type', 'application/rss+xml');
    res.end(rss.replace('Plain Feed', req.url === '/cors.xml' ? 'Open Feed' : 'Closed Feed'));
  }).listen(0, '127.0.0.1');
  await once(open, 'listening');
  const feeds = `http://127.0.0.1:${(open.address() as { port: number }).port}`;
  // The reader's proxy: fetches any feed and allows the app to read the answer.
  const proxy = createServer(async (req, res) => {
    const target = new URL(req.url!, 'http://proxy').searchParams.get('url')!;
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end(await (await fetch(target)).text());
  }).listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  problems.allowedOrigins.add(feeds);
  problems.allowedOrigins.add(proxyUrl);
  test.info().annotations.push({ type: 'offline' });
  try {
    await page.goto('/sources');
    const field = page.getByRole('textbox', { name: 'Feed address (RSS, Atom or JSON Feed)' });
    await field.fill(`${feeds}/cors.xml`);
    await page.getByRole('button', { name: 'Add feed' }).click();
    await expect(page.getByRole('list', { name: 'Sources' })).toContainText('Open Feed');

    await field.fill(`${feeds}/closed.xml`);
    await page.getByRole('button', { name: 'Add feed' }).click();
    await expect(page.getByRole('alert')).toContainText('does not allow other sites to read it (set a feed proxy in Settings)');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: /Feed proxy/ }).fill('not a template');
    await page.getByRole('button', { name: 'Save proxy' }).click();
    await expect(page.getByRole('alert')).toContainText('with {url} where the feed’s address goes');
    await page.getByRole('textbox', { name: /Feed proxy/ }).fill(`${proxyUrl}/?url={url}`);
    await page.getByRole('button', { name: 'Save proxy' }).click();
    await page.getByRole('link', { name: 'Sources' }).click();
    await field.fill(`${feeds}/closed.xml`);
    await page.getByRole('button', { name: 'Add feed' }).click();
    await expect(page.getByRole('list', { name: 'Sources' })).toContainText('Closed Feed');
    await expect(page.getByRole('status', { name: 'Sync' })).toContainText('Closed Feed:');

    await page.getByRole('link', { name: 'Library' }).click();
    const item = libraryItem(page, 'A feed story').first();
    await expect(item).toContainText('Unsigned');
    await item.getByRole('link').click();
    const body = page.getByTitle('Article text').contentFrame().locator('body');
    await expect(body).toContainText('The whole story, as the feed gives it.');
    await expect(body).toContainText('Image “pic” not downloaded: it is on feeds.example');
  } finally {
    open.close();
    proxy.close();
  }
});

test('when the browser wakes it for Periodic Background Sync, the service worker syncs the editions', async ({ page, server, problems }) => {
  const newsroom = await Newsroom.create();
  const mirror = await Mirror.at(newsroom.dir);
  mirror.dir = await newsroom.edition('edition', await newsroom.writePages(1), [mirror.url]);
  await mirror.start();
  problems.allowedOrigins.add(mirror.origin);
  try {
    await page.goto('/');
    await page.evaluate(async () => navigator.serviceWorker.ready);
    await importThroughPicker(page, [{ name: 'pamphlet-source.json', mimeType: 'application/json', buffer: await readFile(join(mirror.dir, 'pamphlet-source.json')) }]);
    await importReport(page).getByRole('button', { name: 'Follow City Desk' }).click();
    await expect(libraryItem(page, 'Report number 1 on the city council')).toBeVisible();

    await newsroom.edition('edition', await newsroom.writePages(1), [mirror.url]);
    mirror.served.length = 0;
    // The browser decides when to wake the worker; DevTools can make it do so now.
    const cdp = await page.context().newCDPSession(page);
    const registration = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((candidate) => candidate.scopeURL === `${server.url}/` && !candidate.isDeleted);
        if (ours) resolve(ours.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', { origin: server.url, registrationId: await registration, tag: 'pamphlet-sync' });
    await expect(libraryItem(page, 'Report number 2 on the city council')).toContainText('Verified · signed by City Desk');
    expect(mirror.served).toContain('/pamphlet-index.json');
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});
