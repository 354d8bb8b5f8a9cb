import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { BIN, articlePage as page, listenOnLoopback, paragraphs, runPamphlet, testPicture } from './helpers/pamphlet-cli.ts';
import { base64UrlToBytes } from '../src/shared/base64.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { INDEX_FILE, SOURCE_FILE } from '../src/shared/edition/edition-format.ts';
import { parseEditionIndex, parseSourceDescriptor } from '../src/shared/edition/parse-edition.ts';
import { checkSignature } from '../src/shared/signing.ts';

const run = promisify(execFile);
const pamphlet = (...args: string[]) => runPamphlet(work, ...args);

let work = '';
let server: Server;
let site = '';
const requests: string[] = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-cli-'));
  const wide = await testPicture(200);
  const remote = await testPicture(20);
  await mkdir(join(work, 'saved_files'));
  await writeFile(join(work, 'saved_files', 'photo.png'), wide);
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/remote.png') {
      res.setHeader('Content-Type', 'image/png');
      res.end(remote);
    } else if (req.url === '/feeds/news.xml') {
      // The same RSS file as feed.xml, given by its address.
      res.setHeader('Content-Type', 'application/rss+xml');
      void readFile(join(work, 'feed.xml')).then((feed) => res.end(feed));
    } else if (req.url?.startsWith('/story/')) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page(`Linked story about ${req.url.slice(7)} for readers`));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  site = await listenOnLoopback(server);
  await writeFile(
    join(work, 'saved.html'),
    page(
      'Saved report on press freedom today',
      `<figure><img src="saved_files/photo.png" alt="Local photo"></figure><img src="${site}/remote.png" alt="Remote photo"><img src="${site}/missing.png" alt="Gone">`,
    ),
  );
  await writeFile(
    join(work, 'feed.xml'),
    `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test Feed</title><link>${site}/</link><language>uk</language>
      <item><title>Full item</title><link>${site}/full</link><guid>full-1</guid><pubDate>Mon, 05 Jan 2026 10:00:00 GMT</pubDate><content:encoded><![CDATA[${paragraphs('the full item')}]]></content:encoded></item>
      <item><title>Teaser item</title><link>${site}/story/teaser</link><guid>teaser-1</guid><pubDate>Tue, 06 Jan 2026 10:00:00 GMT</pubDate><description>Short teaser.</description></item>
    </channel></rss>`,
  );
  await writeFile(
    join(work, 'feed.atom'),
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:atom</id><updated>2026-01-07T00:00:00Z</updated>
      <entry><title>Atom entry</title><id>urn:atom:1</id><updated>2026-01-07T00:00:00Z</updated><link href="${site}/story/atom"/><author><name>Bo</name></author><summary>Teaser</summary></entry></feed>`,
  );
  await writeFile(
    join(work, 'feed.json'),
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON Desk',
      items: [
        {
          id: 'json-1',
          url: `${site}/json-1`,
          title: 'JSON item',
          content_html: paragraphs('the JSON item'),
          date_published: '2026-01-08T00:00:00Z',
          authors: [{ name: 'Cy' }],
        },
      ],
    }),
  );
  assert.equal((await pamphlet('keygen', '--out', 'key.pem')).code, 0);
});

after(async () => {
  server.close();
  await rm(work, { recursive: true, force: true });
});

test('keygen writes a private key only its owner can read, prints the public key, and never overwrites', async () => {
  const result = await pamphlet('keygen', '--out', 'second.pem');
  assert.equal(result.code, 0);
  assert.match(result.stdout, /public key: {2}[A-Za-z0-9_-]{43}\nfingerprint: [0-9a-f]{4}( [0-9a-f]{4}){4}/);
  const info = await stat(join(work, 'second.pem'));
  assert.equal(info.mode & 0o777, 0o600);
  const pem = await readFile(join(work, 'second.pem'), 'utf8');
  assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
  const again = await pamphlet('keygen', '--out', 'second.pem');
  assert.equal(again.code, 1);
  assert.match(again.stderr, /second\.pem already exists; pamphlet never overwrites a key/);
  assert.equal(await readFile(join(work, 'second.pem'), 'utf8'), pem);
  assert.equal((await pamphlet('keygen')).code, 2);
});

test('every command has --help, and a wrong command or option says what is wrong', async () => {
  for (const command of ['keygen', 'pack', 'edition', 'verify', 'serve', 'check-mirror']) {
    const help = await pamphlet(command, '--help');
    assert.equal(help.code, 0, command);
    assert.match(help.stdout, new RegExp(`^Usage: pamphlet ${command}`));
  }
  const unknown = await pamphlet('publish');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown command “publish”/);
  const option = await pamphlet('pack', 'saved.html', '--out', 'x.html', '--colour');
  assert.equal(option.code, 2);
  assert.match(option.stderr, /--colour/);
});

test('pack makes a signed bundle from a saved page: metadata kept, images downscaled to WebP and inlined, remote ones fetched or dropped', async () => {
  const result = await pamphlet('pack', '--allow-private', 'saved.html', '--out', 'saved-bundle.html', '--key', 'key.pem');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /1 article, 2 images, signed by/);
  assert.match(result.stderr, /Reading 1\/1: saved\.html/);
  assert.match(result.stderr, /left out image .*missing\.png/);
  const { articles, images } = await decodeBundle(await readFile(join(work, 'saved-bundle.html'), 'utf8'));
  const [article] = articles;
  assert.equal(article!.title, 'Saved report on press freedom today');
  assert.equal(article!.byline, 'Olena Test');
  assert.equal(article!.publisher.name, 'Test Site');
  assert.equal(article!.lang, 'uk');
  assert.equal(article!.published, '2025-12-24T08:30:00.000Z');
  assert.equal((await checkSignature(article!)).status, 'signed');
  assert.equal(images.length, 2);
  for (const image of images) {
    assert.equal(image.type, 'image/webp');
    const meta = await sharp(image.bytes).metadata();
    assert.equal(meta.format, 'webp');
    assert.equal(meta.width, 1280);
  }
  assert.doesNotMatch(article!.content, /127\.0\.0\.1|missing\.png|saved_files/);
  assert.ok(requests.includes('/remote.png'));
});

test('pack reads RSS, Atom and JSON Feed: an item’s own content when whole, else the page it links to', async () => {
  const result = await pamphlet(
    'pack',
    '--allow-private',
    'feed.xml',
    'feed.atom',
    'feed.json',
    `${site}/story/by-url`,
    '--out',
    'feeds.html',
  );
  assert.equal(result.code, 0, result.stderr);
  const { articles } = await decodeBundle(await readFile(join(work, 'feeds.html'), 'utf8'));
  const byTitle = new Map(articles.map((article) => [article.title, article]));
  assert.deepEqual([...byTitle.keys()].sort(), [
    'Atom entry',
    'Full item',
    'JSON item',
    'Linked story about by-url for readers',
    'Teaser item',
  ]);
  assert.match(byTitle.get('Full item')!.content, /Paragraph 6 about the full item/);
  assert.equal(byTitle.get('Full item')!.publisher.name, 'Test Feed');
  assert.equal(byTitle.get('Full item')!.guid, 'full-1');
  assert.equal(byTitle.get('Full item')!.published, '2026-01-05T10:00:00.000Z');
  assert.match(byTitle.get('Teaser item')!.content, /Paragraph 1 about Linked story about teaser for readers/);
  assert.equal(byTitle.get('Atom entry')!.byline, 'Bo');
  assert.equal(byTitle.get('JSON item')!.byline, 'Cy');
  assert.ok(articles.every((article) => article.signature === undefined));
  assert.ok(requests.includes('/story/teaser') && requests.includes('/story/atom'));
});

test('pack takes a feed by its address as it takes a feed file', async () => {
  const result = await pamphlet('pack', '--allow-private', `${site}/feeds/news.xml`, '--out', 'feed-by-url.html');
  assert.equal(result.code, 0, result.stderr);
  const { articles } = await decodeBundle(await readFile(join(work, 'feed-by-url.html'), 'utf8'));
  assert.deepEqual(articles.map((article) => article.title).sort(), ['Full item', 'Teaser item']);
  assert.equal(articles.find((article) => article.title === 'Full item')!.publisher.name, 'Test Feed');
  assert.match(
    articles.find((article) => article.title === 'Teaser item')!.content,
    /Paragraph 1 about Linked story about teaser for readers/,
  );
});

test('a failing pack names the input and the problem, exits non-zero, and leaves no file behind', async () => {
  const missing = await pamphlet('pack', '--allow-private', 'saved.html', 'nowhere.html', '--out', 'failed.html');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nowhere\.html: no such file/);
  const notPage = await pamphlet('pack', 'key.pem', '--out', 'failed.html');
  assert.equal(notPage.code, 1);
  assert.match(notPage.stderr, /key\.pem: neither a web page nor a feed/);
  const unreachable = await pamphlet('pack', '--allow-private', `${site}/gone`, '--out', 'failed.html');
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /\/gone: the server answered HTTP 404/);
  const badKey = await pamphlet('pack', 'saved.html', '--out', 'failed.html', '--key', 'feed.xml');
  assert.equal(badKey.code, 1);
  assert.match(badKey.stderr, /feed\.xml is not a PKCS#8 Ed25519 private key/);
  const left = await readdir(work);
  assert.ok(!left.includes('failed.html'));
  assert.deepEqual(
    left.filter((name) => name.endsWith('.tmp')),
    [],
  );
});

test('without --allow-private, nothing is fetched from loopback or a private network: the address, by number or by name, is refused and named', async () => {
  const seen = requests.length;
  const byNumber = await pamphlet('pack', `${site}/story/by-number`, '--out', 'failed.html');
  assert.equal(byNumber.code, 1);
  assert.match(
    byNumber.stderr,
    /http:\/\/127\.0\.0\.1:\d+\/story\/by-number: refused: 127\.0\.0\.1 is a loopback address \(use --allow-private to fetch from your own network\)\./,
  );
  const byName = await pamphlet('pack', `http://localhost:${new URL(site).port}/story/by-name`, '--out', 'failed.html');
  assert.equal(byName.code, 1);
  assert.match(
    byName.stderr,
    /http:\/\/localhost:\d+\/story\/by-name: refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address \(use --allow-private/,
  );
  // A saved page's image and a feed item's page on loopback are left out, and the rest goes on.
  const fromFiles = await pamphlet('pack', 'saved.html', 'feed.xml', '--out', 'loopback-left-out.html');
  assert.equal(fromFiles.code, 0, fromFiles.stderr);
  assert.match(fromFiles.stderr, /left out image \S*\/remote\.png: .*refused: 127\.0\.0\.1 is a loopback address/);
  assert.match(fromFiles.stderr, /skipped .*“Teaser item”: .*\/story\/teaser: refused: 127\.0\.0\.1 is a loopback address/);
  assert.equal((await decodeBundle(await readFile(join(work, 'loopback-left-out.html'), 'utf8'))).articles.length, 2);
  assert.deepEqual(requests.slice(seen), []);
});

test('pack takes out a hostile page’s script, handlers, script links and frames, and brings its metadata within what readers accept', async () => {
  const hostile = `<!doctype html><html lang='"><img src=x onerror=alert(1)>' dir="sideways"><head><meta charset="utf-8">
    <title>Hostile page</title>
    <meta property="og:title" content="Hostile page \u0007\u0001title\u001b[31m ${'long '.repeat(600)}">
    <meta name="author" content="Hostile\u0008 author ${'name '.repeat(200)}">
    <script>window.pwned = 1</script></head>
    <body><article><h1>Hostile page</h1>${paragraphs('a hostile page')}
    <script>alert('script')</script>
    <img src="saved_files/photo.png" alt="Photo" onerror="alert('handler')">
    <p onmouseover="alert('hover')">Hover here.</p>
    <a href="javascript:alert('link')">A script link</a>
    <a href=" JaVaScRiPt:alert('spaced')">Another</a>
    <iframe src="${site}/story/framed"></iframe>
    </article></body></html>`;
  await writeFile(join(work, 'hostile.html'), hostile);
  const result = await pamphlet('pack', 'hostile.html', '--out', 'hostile-bundle.html', '--key', 'key.pem');
  assert.equal(result.code, 0, result.stderr);
  // decodeBundle checks every field as the app does: it throws on anything a reader would refuse.
  const [article] = (await decodeBundle(await readFile(join(work, 'hostile-bundle.html'), 'utf8'))).articles;
  assert.match(article!.content, /Paragraph 6 about a hostile page/);
  assert.doesNotMatch(article!.content, /<script|<iframe|\bon[a-z]+\s*=|javascript:|alert\(/i);
  assert.equal(article!.lang, 'und');
  assert.equal(article!.dir, 'ltr');
  assert.ok(article!.title.length <= 1000);
  assert.match(article!.title, /^Hostile page title\[31m long/);
  assert.ok(article!.byline!.length <= 500);
  assert.doesNotMatch(`${article!.title}${article!.byline}`, /[\u0000-\u001f\u007f-\u009f]/);
  assert.equal((await checkSignature(article!)).status, 'signed');
  assert.ok(!requests.includes('/story/framed'));
});

test('an edition run that fails part way leaves the previous index as it was and no temporary file', async () => {
  assert.equal(
    (await pamphlet('edition', '--allow-private', 'saved.html', '--key', 'key.pem', '--out', 'interrupted', '--name', 'Interrupted')).code,
    0,
  );
  const dir = join(work, 'interrupted');
  const before = await readFile(join(dir, INDEX_FILE), 'utf8');
  // A folder where edition.html goes: the new article's bundle is written, then this write fails,
  // before the descriptor and the index.
  await rm(join(dir, 'edition.html'));
  await mkdir(join(dir, 'edition.html'));
  const failed = await pamphlet('edition', '--allow-private', 'feed.json', 'saved.html', '--key', 'key.pem', '--out', 'interrupted');
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /edition\.html/);
  assert.equal(await readFile(join(dir, INDEX_FILE), 'utf8'), before);
  const files = await readdir(dir, { recursive: true });
  assert.deepEqual(
    files.filter((name) => name.endsWith('.tmp')),
    [],
  );
  assert.ok(files.some((name) => name.startsWith('articles/') && name.endsWith('.html')));
});

test('edition builds a signed mirror folder, and a second run adds what is new and keeps the rest', async () => {
  const first = await pamphlet(
    'edition',
    '--allow-private',
    'saved.html',
    '--key',
    'key.pem',
    '--out',
    'edition',
    '--name',
    'Test Newsroom',
    '--mirror',
    'https://mirror-a.example/news/',
    '--expires-days',
    '7',
  );
  assert.equal(first.code, 0, first.stderr);
  const dir = join(work, 'edition');
  const index1 = await parseEditionIndex(JSON.parse(await readFile(join(dir, INDEX_FILE), 'utf8')));
  assert.equal(index1.publisher.name, 'Test Newsroom');
  assert.deepEqual(index1.mirrors, ['https://mirror-a.example/news/']);
  assert.equal(index1.articles.length, 1);
  assert.ok(Date.parse(index1.expires) - Date.parse(index1.created) === 7 * 86_400_000);
  const source = await parseSourceDescriptor(JSON.parse(await readFile(join(dir, SOURCE_FILE), 'utf8')));
  assert.equal(source.key, index1.publisher.key);
  const entry = index1.articles[0]!;
  assert.equal((await decodeBundle(await readFile(join(dir, entry.path), 'utf8'))).articles[0]!.id, entry.id);
  assert.equal((await decodeBundle(await readFile(join(dir, 'edition.html'), 'utf8'))).articles.length, 1);

  const second = await pamphlet(
    'edition',
    '--allow-private',
    'feed.json',
    'saved.html',
    '--key',
    'key.pem',
    '--out',
    'edition',
    '--mirror',
    'https://mirror-b.example/',
  );
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /1 added, 0 replaced \(corrected\), 1 unchanged, 2 in all/);
  const index2 = await parseEditionIndex(JSON.parse(await readFile(join(dir, INDEX_FILE), 'utf8')), index1.publisher.key);
  assert.ok(index2.sequence > index1.sequence);
  assert.equal(index2.publisher.name, 'Test Newsroom');
  assert.deepEqual(index2.mirrors, ['https://mirror-b.example/']);
  assert.deepEqual(
    index2.articles.map((article) => article.title),
    ['JSON item', 'Saved report on press freedom today'],
  );
  assert.equal((await decodeBundle(await readFile(join(dir, 'edition.html'), 'utf8'))).articles.length, 2);

  await pamphlet('keygen', '--out', 'other.pem');
  const otherKey = await pamphlet('edition', '--allow-private', 'saved.html', '--key', 'other.pem', '--out', 'edition');
  assert.equal(otherKey.code, 1);
  assert.match(otherKey.stderr, /already holds an edition this key cannot continue/);
  assert.equal((await pamphlet('edition', '--allow-private', 'saved.html', '--key', 'key.pem', '--out', 'new-edition')).code, 1);
});

test('every bundle made with a key carries the publisher’s signed descriptor: edition (numbered as its index, with --app) and pack (given --mirror or --app)', async () => {
  const made = await pamphlet(
    'edition',
    '--allow-private',
    'saved.html',
    '--key',
    'key.pem',
    '--out',
    'way-home',
    '--name',
    'Way Home News',
    '--mirror',
    'https://mirror-a.example/news/',
    '--app',
    'https://reader.example/app/',
  );
  assert.equal(made.code, 0, made.stderr);
  const dir = join(work, 'way-home');
  const index = await parseEditionIndex(JSON.parse(await readFile(join(dir, INDEX_FILE), 'utf8')));
  const source = await parseSourceDescriptor(JSON.parse(await readFile(join(dir, SOURCE_FILE), 'utf8')));
  assert.equal(source.sequence, index.sequence);
  assert.equal(source.app, 'https://reader.example/app/');
  for (const path of [index.articles[0]!.path, 'edition.html']) {
    const text = await readFile(join(dir, path), 'utf8');
    const { publishers } = await decodeBundle(text);
    assert.equal(publishers.length, 1, path);
    const carried = await parseSourceDescriptor(publishers[0], 'publisher');
    assert.deepEqual(carried, source);
    // Shown without the app as plain links: the newest articles on the mirror, and the app.
    assert.match(
      text,
      /<a href="https:\/\/mirror-a\.example\/news\/edition\.html" rel="noreferrer">Read more from <bdi>Way Home News<\/bdi> at mirror-a\.example<\/a>/,
    );
    assert.match(text, /<a href="https:\/\/reader\.example\/app\/" rel="noreferrer">Install the reader<\/a>/);
  }
  // A second run keeps the app, takes the new mirrors and a higher number.
  assert.equal(
    (
      await pamphlet(
        'edition',
        '--allow-private',
        'saved.html',
        '--key',
        'key.pem',
        '--out',
        'way-home',
        '--mirror',
        'https://mirror-b.example/',
      )
    ).code,
    0,
  );
  const next = await parseSourceDescriptor(JSON.parse(await readFile(join(dir, SOURCE_FILE), 'utf8')));
  assert.ok(next.sequence! > source.sequence);
  assert.equal(next.app, 'https://reader.example/app/');
  assert.deepEqual(
    (await parseSourceDescriptor((await decodeBundle(await readFile(join(dir, 'edition.html'), 'utf8'))).publishers[0], 'publisher'))
      .mirrors,
    ['https://mirror-b.example/'],
  );
  assert.equal((await pamphlet('verify', 'way-home')).code, 0);

  const packed = await pamphlet(
    'pack',
    '--allow-private',
    'saved.html',
    '--out',
    'packed-home.html',
    '--key',
    'key.pem',
    '--mirror',
    'https://mirror-a.example/news/',
    '--app',
    'https://reader.example/',
  );
  assert.equal(packed.code, 0, packed.stderr);
  assert.match(packed.stdout, /with your source descriptor/);
  const [descriptor] = (await decodeBundle(await readFile(join(work, 'packed-home.html'), 'utf8'))).publishers;
  const checked = await parseSourceDescriptor(descriptor, 'publisher');
  assert.equal(checked.name, 'Test Site');
  assert.ok(checked.sequence! >= Math.floor(Date.now() / 1000) - 600);
  const verified = await pamphlet('verify', 'packed-home.html');
  assert.equal(verified.code, 0, verified.stdout);
  assert.match(verified.stdout, /ok .*source descriptor of Test Site/);

  assert.equal((await decodeBundle(await readFile(join(work, 'saved-bundle.html'), 'utf8'))).publishers.length, 0);
  const refused = await pamphlet('pack', 'saved.html', '--out', 'x.html', '--key', 'key.pem', '--app', 'javascript:alert(1)');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /not a web address/);
  assert.equal((await pamphlet('pack', 'saved.html', '--out', 'x.html', '--mirror', 'https://m.example/')).code, 2);
});

test('verify passes a good folder and bundle, and fails, naming the reason, on anything changed or unsigned', async () => {
  await pamphlet('edition', '--allow-private', 'saved.html', '--key', 'key.pem', '--out', 'checked', '--name', 'Checked');
  const good = await pamphlet('verify', 'checked');
  assert.equal(good.code, 0, good.stdout);
  assert.match(good.stdout, /Everything verifies\./);
  assert.equal((await pamphlet('verify', 'saved-bundle.html')).code, 0);
  const publicKey = /public key: {2}(\S+)/.exec((await pamphlet('keygen', '--out', 'third.pem')).stdout)![1]!;
  assert.ok(base64UrlToBytes(publicKey).length === 32);
  // Joined with "=": a base64url key may begin with "-", which parseArgs would take for an option.
  const wrongSigner = await pamphlet('verify', 'saved-bundle.html', `--key=${publicKey}`);
  assert.equal(wrongSigner.code, 1);
  assert.match(wrongSigner.stdout, /not by the expected key/);

  const unsigned = await pamphlet('verify', 'feeds.html');
  assert.equal(unsigned.code, 1);
  assert.match(unsigned.stdout, /FAILED .*unsigned/);

  const index = JSON.parse(await readFile(join(work, 'checked', INDEX_FILE), 'utf8'));
  const articlePath = join(work, 'checked', index.articles[0].path);
  const original = await readFile(articlePath, 'utf8');
  await writeFile(articlePath, original.replace('Paragraph 2 about', 'Paragraph 2 (edited) about'));
  const changedFile = await pamphlet('verify', 'checked');
  assert.equal(changedFile.code, 1);
  assert.match(changedFile.stdout, /FAILED .*does not match the size and hash the index gives/);
  await writeFile(articlePath, original);

  // The gzipped copy, which readers read first, must hold the index's very bytes.
  const copyPath = join(work, 'checked', `${INDEX_FILE}.gz`);
  const copy = await readFile(copyPath);
  assert.match(good.stdout, /ok +pamphlet-index\.json\.gz: the index, gzipped/);
  await writeFile(copyPath, gzipSync(JSON.stringify({ ...index, sequence: index.sequence + 1 })));
  const changedCopy = await pamphlet('verify', 'checked');
  assert.equal(changedCopy.code, 1);
  assert.match(changedCopy.stdout, /FAILED .*pamphlet-index\.json\.gz: does not hold pamphlet-index\.json gzipped/);
  await writeFile(copyPath, copy);

  index.sequence += 1;
  await writeFile(join(work, 'checked', INDEX_FILE), JSON.stringify(index));
  const changedIndex = await pamphlet('verify', 'checked');
  assert.equal(changedIndex.code, 1);
  assert.match(changedIndex.stdout, /FAILED .*does not verify: its signature does not match its content/);
});

test('serve serves a folder on loopback with the headers a mirror needs', async () => {
  const child = spawn(process.execPath, [BIN, 'serve', 'checked', '--port', '0'], { cwd: work });
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const url = /at (http:\/\/localhost:\d+\/)/.exec(line.toString())![1]!;
    const index = await fetch(`${url}${INDEX_FILE}`, { headers: { origin: 'https://reader.example' } });
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('access-control-allow-origin'), '*');
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    assert.match(index.headers.get('content-type') ?? '', /json/);
    const edition = await fetch(`${url}edition.html`);
    assert.match(edition.headers.get('content-type') ?? '', /text\/html/);
    assert.equal((await fetch(`${url}nothing-here`)).status, 404);
  } finally {
    child.kill();
  }
});

test('on a terminal, progress is a bar redrawn in place', async () => {
  // `script` (util-linux) gives the command a pseudo-terminal, as a person at a shell has.
  const command = `${process.execPath} ${BIN} pack --allow-private saved.html feed.json --out tty.html`;
  const env = { ...process.env };
  delete env.CI;
  const { stdout } = await run('script', ['-qec', command, '/dev/null'], { cwd: work, env });
  assert.match(stdout, /\rReading █+░* 1\/2 saved\.html/);
  assert.match(stdout, /\rReading █{24} 2\/2 feed\.json/);
  assert.doesNotMatch(stdout, /Reading 1\/2:/);
});
