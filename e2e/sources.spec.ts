import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceLink } from '../src/shared/edition/source-link.ts';
import { parseSourceDescriptor } from '../src/shared/edition/parse-edition.ts';
import { follow, importReport, importThroughPicker, libraryItem, libraryTitles, showMoreActions } from './helpers/bundles.ts';
import { Newsroom } from './helpers/edition.ts';
import { test, expect, expectNoProblems } from './helpers/fixtures.ts';
import { Mirror } from './helpers/mirror.ts';
import { windows1251 } from './helpers/legacy-charsets.ts';

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
    await expect(report).toContainText(/City Desk, key [0-9a-f]{4}( [0-9a-f]{4}){4}, 1 mirror/);
    await follow(report, 'City Desk');
    await expect(report).toContainText('You follow City Desk.');
    await expect(libraryItem(page, 'Report number 2 on the city council')).toContainText('Verified · signed by City Desk');
  });

  test('a source link or QR text opens the same offer; a damaged one is refused', async ({ page, server }) => {
    const descriptor = await parseSourceDescriptor(JSON.parse(await readFile(join(mirror.dir, 'pamphlet-source.json'), 'utf8')));
    const link = await sourceLink(`${server.url}/`, descriptor);
    await page.goto(link);
    await follow(importReport(page), 'City Desk');
    await expect.poll(() => libraryTitles(page)).toHaveLength(3);
    await showMoreActions(page);
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
    await page.goto('/?screen=sources');
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(`${mirror.url}pamphlet-source.json`);
    await page.getByRole('button', { name: 'Find source' }).click();
    await expect(page.getByText(/City Desk, key [0-9a-f ]{24}, 1 mirror\./)).toBeVisible();
    await follow(page, 'City Desk');
    const sources = page.getByRole('list', { name: 'Sources' });
    await expect(sources.getByRole('listitem').first()).toContainText('last synced');

    await newsroom.edition('edition', await newsroom.writePages(1), [mirror.url]);
    await page.goto('/');
    await expect(libraryItem(page, 'Report number 3 on the city council')).toBeVisible();

    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Remove City Desk' }).click();
    await expect(page.getByText('You follow no source yet.')).toBeVisible();
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(page.getByRole('region', { name: 'Sync' })).toContainText('You follow no source yet');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => libraryTitles(page)).toHaveLength(4);
  });

  test('an address with no source on it says so', async ({ page, problems }) => {
    // The browser logs the mirror's 404 itself: that one error is expected below, and no other.
    test.info().annotations.push({ type: 'offline' });
    await page.goto('/?screen=sources');
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(`${mirror.url}nothing-here/`);
    await page.getByRole('button', { name: 'Find source' }).click();
    await expect(page.getByRole('alert')).toContainText(`127.0.0.1:${mirror.port} has no Pamphlet source there (HTTP 404).`);
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill('not an address');
    await page.getByRole('button', { name: 'Find source' }).click();
    await expect(page.getByRole('alert')).toContainText('“not an address” is not a web address.');
    expectNoProblems(problems, {
      expectedConsoleErrors: [
        `Failed to load resource: the server responded with a status of 404 (Not Found) (${mirror.url}nothing-here/pamphlet-source.json)`,
      ],
    });
  });
});

test('feeds: RSS, Atom and JSON Feed, read directly when they allow it, through the reader’s proxy when they do not; their articles are unsigned', async ({
  page,
  server,
  problems,
}) => {
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Plain Feed</title><language>en</language>
    <item><title>A feed story</title><link>https://feeds.example/story</link><guid>story-1</guid><pubDate>Mon, 05 Jan 2026 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;The whole story, as the feed gives it.&lt;/p&gt;&lt;img src="https://feeds.example/pic.jpg" alt="pic"&gt;</description></item></channel></rss>`;
  const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Atom Feed</title><id>urn:atom-feed</id>
    <updated>2026-01-06T10:00:00Z</updated><entry><title>An Atom story</title><id>urn:atom-story-1</id><link href="https://feeds.example/atom-story"/>
    <updated>2026-01-06T10:00:00Z</updated><author><name>Atom Writer</name></author><content type="html">&lt;p&gt;The Atom entry, in full.&lt;/p&gt;</content></entry></feed>`;
  const jsonFeed = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'JSON Feed',
    language: 'en',
    items: [
      {
        id: 'json-story-1',
        url: 'https://feeds.example/json-story',
        title: 'A JSON Feed story',
        content_html: '<p>The JSON Feed item, in full.</p>',
        date_published: '2026-01-07T10:00:00Z',
      },
    ],
  });
  // Many Russian-language sites still serve their feeds in windows-1251, and say so only in the XML declaration.
  const legacy = windows1251(`<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Лента новостей</title>
    <language>ru</language><item><title>Новость дня</title><link>https://feeds.example/novost</link><guid>novost-1</guid>
    <description>&lt;p&gt;Полный текст новости, как его даёт лента.&lt;/p&gt;</description></item></channel></rss>`);
  const open = createServer((req, res) => {
    if (req.url !== '/closed.xml') res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.url === '/legacy.xml') return void res.setHeader('Content-Type', 'application/rss+xml').end(legacy);
    if (req.url === '/atom.xml') return void res.setHeader('Content-Type', 'application/atom+xml').end(atom);
    if (req.url === '/feed.json') return void res.setHeader('Content-Type', 'application/feed+json').end(jsonFeed);
    res.setHeader('Content-Type', 'application/rss+xml');
    res.end(rss.replace('Plain Feed', req.url === '/cors.xml' ? 'Open Feed' : 'Closed Feed'));
  }).listen(0, '127.0.0.1');
  await once(open, 'listening');
  const feeds = `http://127.0.0.1:${(open.address() as { port: number }).port}`;
  // The reader's proxy: fetches any feed and allows the app to read the answer, its bytes as they
  // came (read as text, the windows-1251 feed came out garbled whenever a sync read it through here).
  const proxy = createServer((req, res) => {
    const target = new URL(req.url!, 'http://proxy').searchParams.get('url')!;
    res.setHeader('Access-Control-Allow-Origin', '*');
    void fetch(target).then(async (answer) => {
      res.setHeader('Content-Type', answer.headers.get('Content-Type') ?? 'application/octet-stream');
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  }).listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  problems.allowedOrigins.add(feeds);
  problems.allowedOrigins.add(proxyUrl);
  // The browser logs the closed feed's refusal itself: those errors are expected below, and no other.
  test.info().annotations.push({ type: 'offline' });
  try {
    await page.goto('/?screen=sources');
    const field = page.getByRole('textbox', { name: 'Feed address (RSS, Atom or JSON Feed)' });
    await field.fill(`${feeds}/cors.xml`);
    await page.getByRole('button', { name: 'Add feed' }).click();
    await expect(page.getByRole('list', { name: 'Sources' })).toContainText('Open Feed');

    await field.fill(`${feeds}/closed.xml`);
    await page.getByRole('button', { name: 'Add feed' }).click();
    await expect(page.getByRole('alert')).toContainText('does not allow other sites to read it (set a feed proxy in Settings)');

    for (const [address, title] of [
      [`${feeds}/atom.xml`, 'Atom Feed'],
      [`${feeds}/feed.json`, 'JSON Feed'],
      [`${feeds}/legacy.xml`, 'Лента новостей'],
    ] as const) {
      await field.fill(address);
      await page.getByRole('button', { name: 'Add feed' }).click();
      await expect(page.getByRole('list', { name: 'Sources' })).toContainText(title);
    }

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
    await expect(page.getByRole('region', { name: 'Sync' })).toContainText('Closed Feed:');

    await page.getByRole('link', { name: 'Library' }).click();
    const item = libraryItem(page, 'A feed story').first();
    await expect(item).toContainText('Unsigned');
    await item.getByRole('link').click();
    const body = page.getByTitle('Article text').contentFrame().locator('body');
    await expect(body).toContainText('The whole story, as the feed gives it.');
    await expect(body).toContainText('Image “pic” not downloaded: it is on feeds.example');

    for (const [title, words] of [
      ['An Atom story', 'The Atom entry, in full.'],
      ['A JSON Feed story', 'The JSON Feed item, in full.'],
      ['Новость дня', 'Полный текст новости, как его даёт лента.'],
    ] as const) {
      await page.getByRole('link', { name: 'Library' }).click();
      const entry = libraryItem(page, title);
      await expect(entry).toContainText('Unsigned');
      await entry.getByRole('link').click();
      await expect(body).toContainText(words);
    }
    expectNoProblems(problems, {
      expectedConsoleErrors: [
        `Access to fetch at '${feeds}/closed.xml' from origin '${server.url}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. (${server.url}/?screen=sources)`,
        `Failed to load resource: net::ERR_FAILED (${feeds}/closed.xml)`,
      ],
    });
  } finally {
    open.close();
    proxy.close();
  }
});

test('when the browser wakes it for Periodic Background Sync, the service worker syncs the editions', async ({
  page,
  server,
  problems,
}) => {
  const newsroom = await Newsroom.create();
  const mirror = await Mirror.at(newsroom.dir);
  mirror.dir = await newsroom.edition('edition', await newsroom.writePages(1), [mirror.url]);
  await mirror.start();
  problems.allowedOrigins.add(mirror.origin);
  try {
    await page.goto('/');
    await page.evaluate(async () => navigator.serviceWorker.ready);
    await importThroughPicker(page, [
      { name: 'pamphlet-source.json', mimeType: 'application/json', buffer: await readFile(join(mirror.dir, 'pamphlet-source.json')) },
    ]);
    await follow(importReport(page), 'City Desk');
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
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', {
      origin: server.url,
      registrationId: await registration,
      tag: 'pamphlet-sync',
    });
    await expect(libraryItem(page, 'Report number 2 on the city council')).toContainText('Verified · signed by City Desk');
    expect(mirror.served).toContain('/pamphlet-index.json.gz');
  } finally {
    await mirror.stop();
    await newsroom.remove();
  }
});
