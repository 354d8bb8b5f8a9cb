import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFeed, decodePage } from '../src/shared/text/page-encoding.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { listenOnLoopback, runPamphlet } from './helpers/pamphlet-cli.ts';

// Pages in the audience's languages are still saved and served in legacy charsets: read as UTF-8
// they come out as mojibake, and the article is lost. They are read as a browser reads them.

const RUSSIAN = 'Суд приговорил журналиста к шести годам';
const PERSIAN = 'گزارش خبرنگار از تهران';

/** `text` in a single-byte legacy encoding, through the table the runtime's decoder gives. */
function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const byteOf = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) byteOf.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Uint8Array.from(
    [...text].map((character) => {
      const byte = byteOf.get(character);
      assert.ok(byte !== undefined, `${character} is not in ${encoding}`);
      return byte;
    }),
  );
}

const page = (head: string, title: string, words = 'Текст статьи, достаточно длинный для Readability. ') =>
  `<!doctype html><html><head>${head}<title>${title}</title></head><body><article><h1>${title}</h1>${`<p>${title}. ${words.repeat(4)}</p>`.repeat(
    6,
  )}</article></body></html>`;

test('a page is decoded by the charset its <meta> declares', () => {
  const bytes = encodeSingleByte(page('<meta charset="windows-1251">', RUSSIAN), 'windows-1251');
  assert.match(decodePage(bytes), new RegExp(`<h1>${RUSSIAN}</h1>`));
  const older = encodeSingleByte(page('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', RUSSIAN), 'koi8-r');
  assert.match(decodePage(older), new RegExp(`<h1>${RUSSIAN}</h1>`));
});

test("the server's charset outranks the page's own, and a BOM outranks both", () => {
  const bytes = encodeSingleByte(page('<meta charset="windows-1251">', PERSIAN, 'متن گزارش. '), 'windows-1256');
  assert.match(decodePage(bytes, 'text/html; charset=windows-1256'), new RegExp(PERSIAN));
  assert.doesNotMatch(decodePage(bytes), new RegExp(PERSIAN));
  const utf8WithMark = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(page('<meta charset="windows-1251">', RUSSIAN))]);
  assert.match(decodePage(utf8WithMark, 'text/html; charset=koi8-r'), new RegExp(`^<!doctype html>.*${RUSSIAN}`, 's'));
});

test('an undeclared page is UTF-8 when its bytes are, and windows-1252 when they are not', () => {
  assert.match(decodePage(new TextEncoder().encode(page('', RUSSIAN))), new RegExp(RUSSIAN));
  const latin = encodeSingleByte(page('', 'Café où nous déjeunons', 'Un texte assez long. '), 'windows-1252');
  assert.match(decodePage(latin), /Café où nous déjeunons/);
});

test("a feed's XML declaration names its encoding", () => {
  const feed = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>${RUSSIAN}</title></channel></rss>`;
  assert.match(decodePage(encodeSingleByte(feed, 'windows-1251')), new RegExp(`<title>${RUSSIAN}</title>`));
});

test('a charset no decoder knows is read as if undeclared, without failing', () => {
  assert.match(decodePage(new TextEncoder().encode(page('<meta charset="x-no-such-charset">', RUSSIAN))), new RegExp(RUSSIAN));
});

let work = '';
let server: Server;
let site = '';

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-page-encoding-'));
  await writeFile(join(work, 'saved-1251.html'), encodeSingleByte(page('<meta charset="windows-1251">', RUSSIAN), 'windows-1251'));
  server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=koi8-r');
    response.end(encodeSingleByte(page('', RUSSIAN), 'koi8-r'));
  });
  site = await listenOnLoopback(server);
});

after(async () => {
  server.close();
  await rm(work, { recursive: true, force: true });
});

test("the publisher's command reads a saved page and a served page in their own charsets", async () => {
  const result = await runPamphlet(work, 'pack', 'saved-1251.html', `${site}/report`, '--allow-private', '--out', 'out.html');
  assert.equal(result.code, 0, result.stderr);
  const { articles } = await decodeBundle(await readFile(join(work, 'out.html'), 'utf8'));
  assert.equal(articles.length, 2);
  for (const article of articles) {
    assert.equal(article.title, RUSSIAN);
    assert.match(article.content, /Текст статьи/);
  }
});

test('a JSON Feed is UTF-8 whatever its content declares', () => {
  const feed = JSON.stringify({ title: RUSSIAN, items: [{ content_html: '<meta charset="windows-1251"><p>x</p>' }] });
  assert.equal(JSON.parse(decodeFeed(new TextEncoder().encode(`  ${feed}`))).title, RUSSIAN);
  const rss = `<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>${RUSSIAN}</title></channel></rss>`;
  assert.match(decodeFeed(encodeSingleByte(rss, 'koi8-r')), new RegExp(RUSSIAN));
});
