import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { looksLikeArchive } from '../src/shared/archive-headers.ts';
import { pointImagesAtSavedFiles } from '../src/dom/point-images.ts';
import { ArchiveError, readArchive } from '../src/dom/read-mhtml.ts';
import { groupChosenFiles } from '../src/import/chosen-files.ts';
import { folderFiles } from '../src/import/saved-files.ts';
import { archive, base64Lines, quotedPrintable } from './helpers/mhtml.ts';

const parseDocument = (html: string) => new JSDOM(html).window.document;
const PICTURE = Buffer.from('a picture’s bytes, as the archive holds them');
const PAGE_ADDRESS = 'https://news.example/reports/report.html';
/** "Привет, мир" in windows-1251, the charset of many Russian-language sites. */
const HELLO_1251 = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0]);

function pagePart(body: string | Buffer, headers: Record<string, string> = {}) {
  return {
    headers: {
      'Content-Type': 'text/html',
      'Content-ID': '<frame-0123@mhtml.blink>',
      'Content-Transfer-Encoding': 'quoted-printable',
      'Content-Location': PAGE_ADDRESS,
      ...headers,
    },
    body,
  };
}

function picturePart(location: string, body = base64Lines(PICTURE), type = 'image/png') {
  return { headers: { 'Content-Type': type, 'Content-Transfer-Encoding': 'base64', 'Content-Location': location }, body };
}

function refusal(code: string) {
  return (error: unknown) => error instanceof ArchiveError && error.note?.code === code;
}

test('an archive’s page is decoded from quoted-printable in the charset its part declares, its pictures by address', () => {
  const html = Buffer.concat([
    Buffer.from('<html><head><title>Report</title></head><body><p class="lead">'),
    HELLO_1251,
    Buffer.from('</p></body></html>'),
  ]);
  const saved = readArchive(
    archive([
      pagePart(quotedPrintable(html), { 'Content-Type': 'text/html; charset=windows-1251' }),
      picturePart('https://news.example/img/a%20b.png'),
    ]),
    parseDocument,
  );
  assert.match(saved.html, /<p class="lead">Привет, мир<\/p>/);
  assert.equal(saved.location, PAGE_ADDRESS);
  assert.deepEqual(saved.part('https://news.example/img/a%20b.png'), { type: 'image/png', bytes: new Uint8Array(PICTURE) });
  assert.deepEqual(
    saved.part('https://news.example/img/a%20b.png#zoom')?.bytes,
    new Uint8Array(PICTURE),
    'the fragment is no part of the address',
  );
  assert.equal(saved.part('https://news.example/img/other.png'), undefined);
  assert.equal(saved.part(PAGE_ADDRESS), undefined, 'the page is not one of its pictures');
});

test('a page in base64 is read in the charset its <meta> declares, and a picture is found by its Content-ID', () => {
  const html = Buffer.concat([
    Buffer.from('<html><head><meta charset="windows-1251"><title>T</title></head><body><p>'),
    HELLO_1251,
    Buffer.from('</p><img src="cid:photo@news.example"></body></html>'),
  ]);
  const saved = readArchive(
    archive([
      pagePart(base64Lines(html), { 'Content-Transfer-Encoding': 'base64' }),
      {
        headers: { 'Content-Type': 'image/jpeg', 'Content-Transfer-Encoding': 'base64', 'Content-ID': '<photo@news.example>' },
        body: base64Lines(PICTURE),
      },
    ]),
    parseDocument,
  );
  assert.match(saved.html, /<p>Привет, мир<\/p>/);
  assert.doesNotMatch(saved.html, /windows-1251/, 'the declaration is taken out: the page is text now');
  assert.deepEqual(saved.part('cid:photo@news.example'), { type: 'image/jpeg', bytes: new Uint8Array(PICTURE) });
});

test('the page’s handlers are gone before any DOM parses it, its <base> kept for the addresses', () => {
  const html =
    '<html><head><meta charset="utf-8"><base href="https://cdn.example/"></head><body onload="steal()"><p onclick="x()">Text</p></body></html>';
  const saved = readArchive(archive([pagePart(quotedPrintable(Buffer.from(html)))]), parseDocument);
  assert.doesNotMatch(saved.html, /onload|onclick|steal/);
  assert.match(saved.html, /<base href="https:\/\/cdn\.example\/">/);
});

test('what is not an archive, one with no page, one cut short and a damaged part are refused, each with its reason', () => {
  assert.throws(() => readArchive(Buffer.from('<!doctype html><p>A page, named .mhtml</p>'), parseDocument), refusal('mhtml-not-archive'));
  assert.throws(() => readArchive(Buffer.from('Just some text.\r\n'), parseDocument), refusal('mhtml-not-archive'));
  assert.throws(() => readArchive(archive([picturePart('https://news.example/a.png')]), parseDocument), refusal('mhtml-no-page'));
  const whole = archive([pagePart('<p>Text</p>'), picturePart('https://news.example/a.png')]);
  assert.throws(() => readArchive(whole.subarray(0, whole.length - 200), parseDocument), refusal('mhtml-unterminated'));
  assert.throws(() => readArchive(archive([pagePart('<p>Text</p>')], { close: false }), parseDocument), refusal('mhtml-unterminated'));
  const damaged = readArchive(
    archive([pagePart('<p>Text</p>'), picturePart('https://news.example/a.png', 'iVBORw0K!!not base64 at all')]),
    parseDocument,
  );
  assert.throws(
    () => damaged.part('https://news.example/a.png'),
    (error: unknown) => {
      assert.ok(error instanceof ArchiveError);
      assert.equal(error.message, 'This web page archive (MHTML) is damaged: the part for https://news.example/a.png does not decode.');
      return true;
    },
  );
});

test('an archive is told from other files by its headers, not by its name', () => {
  assert.equal(looksLikeArchive(archive([pagePart('<p>x</p>')]).toString('latin1')), true);
  assert.equal(looksLikeArchive('<!doctype html><html><head><title>Content-Type: multipart/related</title>'), false);
  assert.equal(looksLikeArchive('{"format":"pamphlet"}'), false);
});

test('each image points at the file saved for it, found as the browser found it; the rest are on the web or gone', () => {
  const { document } = new JSDOM(`<body>
    <img id="relative" src="../img/a%20b.png">
    <img id="unencoded" src="/img/a b.png">
    <img id="chosen" src="https://news.example/small.jpg" srcset="https://news.example/small.jpg 1x, /big.jpg 2x">
    <img id="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="lazy.jpg">
    <img id="web" src="https://elsewhere.example/pixel.gif">
    <img id="missing" src="nowhere.png">
    <img id="inline" src="data:image/png;base64,iVBORw0KGgo=">
  </body>`).window;
  const saved = new Set(['https://news.example/img/a%20b.png', 'https://news.example/big.jpg', 'https://news.example/reports/lazy.jpg']);
  pointImagesAtSavedFiles(document, PAGE_ADDRESS, (address) => saved.has(address));
  const src = (id: string) => document.getElementById(id)?.getAttribute('src');
  assert.equal(src('relative'), 'https://news.example/img/a%20b.png');
  assert.equal(src('unencoded'), 'https://news.example/img/a%20b.png');
  assert.equal(src('chosen'), 'https://news.example/big.jpg');
  assert.equal(document.getElementById('chosen')?.hasAttribute('srcset'), false);
  assert.equal(src('lazy'), 'https://news.example/reports/lazy.jpg', 'a placeholder gives way to the picture saved for it');
  assert.equal(document.getElementById('lazy')?.hasAttribute('data-src'), false);
  assert.equal(src('web'), 'https://elsewhere.example/pixel.gif');
  assert.equal(src('missing'), 'https://news.example/reports/nowhere.png', 'not saved: on the web, where the reader says it is');
  assert.equal(src('inline'), 'data:image/png;base64,iVBORw0KGgo=');
});

test('a "Webpage, complete" page takes the pictures of its own NAME_files folder, chosen with it, by their names', async () => {
  const page = new File(['<p>x</p>'], 'Репортаж.html', { type: 'text/html' });
  const photo = new File([PICTURE], 'фото 1.jpg', { type: 'image/jpeg' });
  const other = new File([PICTURE], 'passport.jpg', { type: 'image/jpeg' });
  const files = folderFiles(page, [photo, other]);
  const { document } = new JSDOM(`<body>
    <img id="own" src="./%D0%A0%D0%B5%D0%BF%D0%BE%D1%80%D1%82%D0%B0%D0%B6_files/%D1%84%D0%BE%D1%82%D0%BE%201.jpg">
    <img id="raw" src="Репортаж_files/фото 1.jpg">
    <img id="outside" src="passport.jpg">
    <img id="elsewhere" src="../Downloads/Репортаж_files/passport.jpg">
  </body>`).window;
  pointImagesAtSavedFiles(document, files.base, files.has);
  const own = document.getElementById('own')?.getAttribute('src') ?? '';
  assert.equal(document.getElementById('raw')?.getAttribute('src'), own);
  assert.deepEqual(await files.read(own), { type: 'image/jpeg', bytes: new Uint8Array(PICTURE) });
  assert.equal(document.getElementById('outside'), null, 'a file beside the page but not in its folder is not the page’s');
  assert.equal(document.getElementById('elsewhere'), null);
});

test('a folder chosen with the page: its files are known by their paths, and only its NAME_files folder counts', async () => {
  const page = new File(['<p>x</p>'], 'report.htm', { type: 'text/html' });
  const inFolder = (path: string, bytes: Uint8Array<ArrayBuffer>) =>
    Object.defineProperty(new File([bytes], path.split('/').at(-1)!, { type: 'image/png' }), 'webkitRelativePath', { value: path });
  const deep = inFolder('Downloads/report_files/img/a.png', PICTURE);
  const outside = inFolder('Downloads/other_files/b.png', Buffer.from('another'));
  const files = folderFiles(page, [deep, outside]);
  const { document } = new JSDOM(
    '<body><img id="deep" src="report_files/img/a.png"><img id="flat" src="report_files/a.png"><img id="b" src="report_files/b.png"></body>',
  ).window;
  pointImagesAtSavedFiles(document, files.base, files.has);
  assert.deepEqual((await files.read(document.getElementById('deep')!.getAttribute('src')!)).bytes, new Uint8Array(PICTURE));
  assert.equal(document.getElementById('flat'), null, 'a file known by its path is found at that path only');
  assert.equal(document.getElementById('b'), null, 'a file of another page’s folder is not this page’s');
});

test('pictures chosen with a web page go with it; without a page each file is an import of its own', () => {
  const page = new File(['<p>x</p>'], 'report.html', { type: 'text/html' });
  const bundle = new File(['{}'], 'bundle.html', { type: 'text/html' });
  const photo = new File([PICTURE], 'photo.jpg', { type: 'image/jpeg' });
  const archived = new File([PICTURE], 'page.mhtml', { type: 'multipart/related' });
  assert.deepEqual(groupChosenFiles([page, photo, archived]), [
    { file: page, chosenWith: [photo] },
    { file: archived, chosenWith: [] },
  ]);
  assert.deepEqual(groupChosenFiles([page, bundle, photo]), [
    { file: page, chosenWith: [photo] },
    { file: bundle, chosenWith: [photo] },
  ]);
  assert.deepEqual(groupChosenFiles([photo, archived]), [
    { file: photo, chosenWith: [] },
    { file: archived, chosenWith: [] },
  ]);
});

/** A file as a picked or dropped folder gives it: knowing its path in the folder. */
function inFolder(path: string, type = ''): File {
  const file = new File([PICTURE], path.split('/').at(-1)!, { type });
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

test('in a folder, what a page’s NAME_files/ holds belongs to the page: pictures go with it, the rest is no import', () => {
  const page = inFolder('saved/report.html', 'text/html');
  const photo = inFolder('saved/report_files/photo.jpg', 'image/jpeg');
  const script = inFolder('saved/report_files/app.js', 'text/javascript');
  const style = inFolder('saved/report_files/style.css', 'text/css');
  const frame = inFolder('saved/report_files/saved_resource.html', 'text/html');
  const other = inFolder('saved/notes.json', 'application/json');
  const otherPage = inFolder('saved/second.html', 'text/html');
  assert.deepEqual(groupChosenFiles([page, photo, script, style, frame, other, otherPage]), [
    { file: page, chosenWith: [photo] },
    { file: other, chosenWith: [] },
    { file: otherPage, chosenWith: [photo] },
  ]);
  // A folder with no page in it: its files are imports of their own, as when chosen one by one.
  assert.deepEqual(groupChosenFiles([script, photo]), [
    { file: script, chosenWith: [] },
    { file: photo, chosenWith: [] },
  ]);
});
