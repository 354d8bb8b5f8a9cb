import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { resolvePageAddresses } from '../src/dom/page-addresses.ts';

// A page saved to a file is parsed under the app's address: its relative addresses must be made
// absolute against where the page came from, or dropped, before anything resolves them.

const APP = 'https://reader.example/app/';
const parse = (html: string) => new JSDOM(html, { url: APP }).window.document;
const PAGE = 'https://news.example/reports/2026/report.html';

test('relative links and pictures resolve against the page’s own address, not the app’s', () => {
  const doc = parse(`<a href="/reports/other.html">Other</a><a href="next.html?p=2">Next</a><a href="//cdn.example/x">CDN</a>
    <img src="../img/photo.jpg" srcset="small.jpg 1x, /big.jpg 2x"><picture><source srcset="wide.webp 800w"></picture>`);
  resolvePageAddresses(doc, PAGE);
  const hrefs = [...doc.querySelectorAll('a')].map((link) => link.getAttribute('href'));
  assert.deepEqual(hrefs, [
    'https://news.example/reports/other.html',
    'https://news.example/reports/2026/next.html?p=2',
    'https://cdn.example/x',
  ]);
  const img = doc.querySelector('img')!;
  assert.equal(img.getAttribute('src'), 'https://news.example/reports/img/photo.jpg');
  assert.equal(img.getAttribute('srcset'), 'https://news.example/reports/2026/small.jpg 1x, https://news.example/big.jpg 2x');
  assert.equal(doc.querySelector('source')!.getAttribute('srcset'), 'https://news.example/reports/2026/wide.webp 800w');
});

test('a <base> outranks the page’s address, and a relative <base> resolves against it', () => {
  const absolute = parse('<base href="https://mirror.example/a/"><a href="b.html">B</a>');
  resolvePageAddresses(absolute, PAGE);
  assert.equal(absolute.querySelector('a')!.getAttribute('href'), 'https://mirror.example/a/b.html');
  const relative = parse('<base href="/archive/"><a href="b.html">B</a>');
  resolvePageAddresses(relative, PAGE);
  assert.equal(relative.querySelector('a')!.getAttribute('href'), 'https://news.example/archive/b.html');
});

test('with no address to resolve against, a relative link keeps its words but loses its address, and a picture goes', () => {
  const doc = parse('<p><a href="/elsewhere">words kept</a> <a href="#notes">to the notes</a></p><img src="photo.jpg" alt="x">');
  resolvePageAddresses(doc, undefined);
  const [elsewhere, notes] = doc.querySelectorAll('a');
  assert.equal(elsewhere!.hasAttribute('href'), false);
  assert.equal(elsewhere!.textContent, 'words kept');
  assert.equal(notes!.getAttribute('href'), '#notes');
  assert.equal(doc.querySelector('img')!.hasAttribute('src'), false);
});

test('absolute addresses, data: pictures and in-page links are left as they are', () => {
  const data = 'data:image/png;base64,iVBORw0KGgo=';
  const doc = parse(`<a href="https://other.example/">x</a><a href="mailto:desk@news.example">y</a>
    <img src="${data}" srcset="${data} 1x, ${data} 2x">`);
  resolvePageAddresses(doc, PAGE);
  assert.deepEqual(
    [...doc.querySelectorAll('a')].map((link) => link.getAttribute('href')),
    ['https://other.example/', 'mailto:desk@news.example'],
  );
  assert.equal(doc.querySelector('img')!.getAttribute('src'), data);
  assert.equal(doc.querySelector('img')!.getAttribute('srcset'), `${data} 1x, ${data} 2x`);
});
