import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { articlePage, listenOnLoopback, paragraphs, runPamphlet, testPicture } from './helpers/pamphlet-cli.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';

// What the publisher's command fetches and reads, when a page or feed it packs names something.
// The servers here are on loopback, so every command that reaches them says --allow-private.

let work = '';
let server: Server;
let site = '';
let secretUrl = '';
const pamphlet = (...args: string[]) => runPamphlet(work, ...args);

const ENDLESS_BYTES = 64 * 1024 * 1024;
/** How the last endless body went: bytes written before the client went away, or all of them. */
let endless: Promise<{ written: number; complete: boolean }> = Promise.resolve({ written: 0, complete: false });

async function streamEndlessly(res: ServerResponse): Promise<{ written: number; complete: boolean }> {
  res.setHeader('Content-Type', 'text/html');
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const closed = once(res, 'close');
  let written = 0;
  while (written < ENDLESS_BYTES && !res.destroyed) {
    if (!res.write(chunk)) await Promise.race([once(res, 'drain'), closed]);
    written += chunk.length;
  }
  if (res.destroyed) return { written, complete: false };
  res.end();
  return { written, complete: true };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-cli-fetch-'));
  await mkdir(join(work, 'outside'));
  await writeFile(join(work, 'outside', 'secret.png'), await testPicture(90));
  secretUrl = pathToFileURL(join(work, 'outside', 'secret.png')).href;
  await mkdir(join(work, 'saved', 'report_files'), { recursive: true });
  await writeFile(join(work, 'saved', 'report_files', 'photo.png'), await testPicture(160));
  // Whatever else sits in the folder the page was saved to (a Downloads folder, say) is not the page's.
  await writeFile(join(work, 'saved', 'passport.png'), await testPicture(30));
  await symlink(join(work, 'outside', 'secret.png'), join(work, 'saved', 'report_files', 'linked.png'));
  await writeFile(
    join(work, 'saved', 'report.html'),
    articlePage(
      'Saved report with pictures of its own',
      `<img src="report_files/photo.png" alt="Own"><img src="../outside/secret.png" alt="Beside"><img src="report_files/linked.png" alt="Linked"><img src="passport.png" alt="In the same folder">`,
    ),
  );
  const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024, ' '));
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    const hops = /^\/hops\/(\d+)$/.exec(url);
    if (url === '/remote-page') {
      // A lazy-loading image's real address is in data-src, which the command reads first.
      res.setHeader('Content-Type', 'text/html');
      res.end(articlePage('Remote page naming a local file', `<img data-src="${secretUrl}" alt="Local file">`));
    } else if (url === '/remote-feed.xml') {
      res.setHeader('Content-Type', 'application/rss+xml');
      res.end(
        `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Remote Feed</title>
          <item><title>Remote item naming a local file</title><link>${site}/item</link><guid>remote-1</guid>
          <content:encoded><![CDATA[${paragraphs('a remote item')}<img src="${secretUrl}" alt="Local file">]]></content:encoded></item></channel></rss>`,
      );
    } else if (hops) {
      const left = Number(hops[1]);
      if (left > 0) res.writeHead(302, { Location: `/hops/${left - 1}` }).end();
      else res.setHeader('Content-Type', 'text/html').end(articlePage('The page at the end of the redirects'));
    } else if (url === '/to-file') {
      res.writeHead(302, { Location: secretUrl }).end();
    } else if (url === '/gzipped') {
      res
        .writeHead(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' })
        .end(gzipSync(articlePage('A longer page that the server sent compressed')));
    } else if (url === '/bomb') {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }).end(bomb);
    } else if (url === '/endless') {
      endless = streamEndlessly(res);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  site = await listenOnLoopback(server);
});

after(async () => {
  server.close();
  await rm(work, { recursive: true, force: true });
});

test('a page from the web never makes the command read a file on this computer', async () => {
  const result = await pamphlet('pack', `${site}/remote-page`, `${site}/remote-feed.xml`, '--allow-private', '--out', 'remote.html');
  assert.equal(result.code, 0, result.stderr);
  const refused =
    result.stderr.match(/left out image file:\/\/\S*secret\.png: a page from the web may not name a file on this computer/g) ?? [];
  assert.equal(refused.length, 2, result.stderr);
  const { articles, images } = await decodeBundle(await readFile(join(work, 'remote.html'), 'utf8'));
  assert.equal(articles.length, 2);
  assert.equal(images.length, 0);
});

test('a saved page’s images are read from its own folder, and from nowhere else', async () => {
  const result = await pamphlet('pack', 'saved/report.html', '--out', 'saved.html');
  assert.equal(result.code, 0, result.stderr);
  const { images } = await decodeBundle(await readFile(join(work, 'saved.html'), 'utf8'));
  assert.equal(images.length, 1);
  // The one kept is the page's own photo (red 160), not the file outside its folder (red 90).
  const { data } = await sharp(images[0]!.bytes).raw().toBuffer({ resolveWithObject: true });
  assert.ok(Math.abs(data[0]! - 160) < 8, `red ${data[0]}`);
  const refused = result.stderr.match(/left out image file:\/\/\S*: not in the page’s own folder of files/g) ?? [];
  assert.equal(refused.length, 3, result.stderr);
  assert.match(result.stderr, /left out image file:\/\/\S*linked\.png: not in the page’s own folder of files/);
  assert.match(result.stderr, /left out image file:\/\/\S*passport\.png: not in the page’s own folder of files/);
});

test('redirects: five are followed, a sixth is refused, and every hop must be http or https', async () => {
  const followed = await pamphlet('pack', `${site}/hops/5`, `${site}/gzipped`, '--allow-private', '--out', 'hops.html');
  assert.equal(followed.code, 0, followed.stderr);
  const titles = (await decodeBundle(await readFile(join(work, 'hops.html'), 'utf8'))).articles.map((article) => article.title).sort();
  assert.deepEqual(titles, ['A longer page that the server sent compressed', 'The page at the end of the redirects']);
  const tooMany = await pamphlet('pack', `${site}/hops/6`, '--allow-private', '--out', 'failed.html');
  assert.equal(tooMany.code, 1);
  assert.match(tooMany.stderr, /\/hops\/6: more than 5 redirects\./);
  const toFile = await pamphlet('pack', `${site}/to-file`, '--allow-private', '--out', 'failed.html');
  assert.equal(toFile.code, 1);
  assert.match(toFile.stderr, /\/to-file \(redirected to file:\/\/\S*secret\.png\): only http and https addresses can be fetched\./);
});

test('a body over the size limit is cut off as it streams, whatever its length says and however it is compressed', async () => {
  const streamed = await pamphlet('pack', `${site}/endless`, '--allow-private', '--out', 'failed.html');
  assert.equal(streamed.code, 1);
  assert.match(streamed.stderr, /\/endless: over the 32 MB limit\./);
  const { written, complete } = await endless;
  assert.equal(complete, false, 'the server sent the whole body');
  assert.ok(written < ENDLESS_BYTES, `${written} bytes written`);
  const bomb = await pamphlet('pack', `${site}/bomb`, '--allow-private', '--out', 'failed.html');
  assert.equal(bomb.code, 1);
  assert.match(bomb.stderr, /\/bomb: over the 32 MB limit\./);
});
