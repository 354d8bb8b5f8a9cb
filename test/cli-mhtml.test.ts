import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { articlePage, runPamphlet, testPicture } from './helpers/pamphlet-cli.ts';
import { archive, base64Lines, quotedPrintable } from './helpers/mhtml.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';

// The publisher's command packs a page saved as one MHTML archive as the app imports one: its
// pictures from the archive, never from the web.

let work = '';
const pamphlet = (...args: string[]) => runPamphlet(work, ...args);
const LOCATION = 'https://news.example/reports/saved.html';

async function savedArchive(close = true): Promise<Buffer> {
  const page = articlePage(
    'Saved as one file',
    '<figure><img src="../img/photo%201.png" alt="Photo"></figure><img src="https://tracker.example/pixel.gif" alt="Tracker">',
  );
  return archive(
    [
      {
        headers: { 'Content-Type': 'text/html', 'Content-Transfer-Encoding': 'quoted-printable', 'Content-Location': LOCATION },
        body: quotedPrintable(Buffer.from(page)),
      },
      {
        headers: {
          'Content-Type': 'image/png',
          'Content-Transfer-Encoding': 'base64',
          'Content-Location': 'https://news.example/img/photo%201.png',
        },
        body: base64Lines(await testPicture(160)),
      },
    ],
    { location: LOCATION, close },
  );
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-cli-mhtml-'));
  await writeFile(join(work, 'saved.mhtml'), await savedArchive());
  await writeFile(join(work, 'cut-short.mhtml'), (await savedArchive(false)).subarray(0, 3000));
});

after(() => rm(work, { recursive: true, force: true }));

test('pack reads a page saved as MHTML with its pictures from the archive, never from the web', async () => {
  const result = await pamphlet('pack', 'saved.mhtml', '--out', 'saved.html');
  assert.equal(result.code, 0, result.stderr);
  const { articles, images } = await decodeBundle(await readFile(join(work, 'saved.html'), 'utf8'));
  assert.equal(articles[0]?.title, 'Saved as one file | Test Site');
  assert.equal(articles[0]?.url, LOCATION);
  assert.equal(images.length, 1);
  assert.equal(images[0]!.type, 'image/webp');
  const { data, info } = await sharp(images[0]!.bytes).raw().toBuffer({ resolveWithObject: true });
  assert.ok(Math.abs(data[0]! - 160) < 8, `red ${data[0]}`);
  assert.equal(info.width, 1280);
  assert.match(result.stderr, /left out image https:\/\/tracker\.example\/pixel\.gif: not saved in the page’s archive/);
});

test('pack refuses an MHTML cut short, saying so', async () => {
  const result = await pamphlet('pack', 'cut-short.mhtml', '--out', 'cut.html');
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /cut-short\.mhtml: This web page archive \(MHTML\) is cut short or damaged: its last part never ends\./);
});
