// fake-indexeddb installs itself on `window` when there is one: it comes before the DOM.
import './setup-indexeddb.ts';
import './setup-defines.ts';
import './setup-dom.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { articleFromPage } from '../src/cli/extract/page-article.ts';
import { importFile } from '../src/import/import-file.ts';
import { readPage } from '../src/node-dom/read-page.ts';
import { plainTextOf } from '../src/shared/article.ts';
import { isHiddenElement } from '../src/shared/html/hidden-element.ts';
import { getArticle } from '../src/browser/storage/articles.ts';

/**
 * Pages of each kind that extraction once got wrong where Readability gets them right, through
 * both ways in: the publisher's command (jsdom) and the app's saved-page import (the page's DOM,
 * here jsdom too, and the storage it writes to).
 */
const PAGES = new URL('./fixtures/pages/', import.meta.url);

async function page(name: string): Promise<string> {
  return readFile(new URL(name, PAGES), 'utf8');
}

/** The article's HTML as the command packs it. */
async function packed(html: string): Promise<string> {
  const { draft } = await articleFromPage(html, 'https://news.example/story', { images: false, allowPrivate: false, warn: () => {} });
  return draft.content;
}

/** The article's HTML as the app stores it, or the import's error. */
async function imported(html: string, name: string): Promise<string> {
  const report = await importFile(new File([html], name, { type: 'text/html' }));
  const id = report.outcomes[0]?.stored?.articleId;
  assert.ok(id, `${name}: ${report.error ?? 'not stored'}`);
  return (await getArticle(id))!.content;
}

async function bothWays(name: string): Promise<Array<[string, string]>> {
  const html = await page(name);
  return [
    ['the command', await packed(html)],
    ['the app', await imported(html, name)],
  ];
}

test('what no reader sees is left out: the hidden attribute, aria-hidden, inline display:none and visibility:hidden', async () => {
  for (const [way, content] of await bothWays('hidden-content.html')) {
    const text = plainTextOf(content);
    assert.doesNotMatch(text, /HIDDEN-/, way);
    for (const kept of [
      'The river rose by two metres',
      'Volunteers filled sandbags',
      'Forecasters expect',
      'The mayor said',
      'The engineers measured',
    ]) {
      assert.ok(text.includes(kept), `${way}: ${kept}`);
    }
  }
  // Readability keeps a formula's fallback image, hidden from assistive technology as it is; so do we.
  const html = await page('hidden-content.html');
  assert.match(readPage(html, 'https://news.example/story')!.content, /<img[^>]*alt="The flow rate formula"/);
  assert.match(await imported(html, 'fallback.html'), /<img[^>]*alt="The flow rate formula"/);
});

test('visibility follows Readability: the last declaration wins unless an earlier one is important; a fallback image stays', () => {
  assert.equal(isHiddenElement({ style: 'display: none; display: block' }), false);
  assert.equal(isHiddenElement({ style: 'display: none !important; display: block' }), true);
  assert.equal(isHiddenElement({ style: 'visibility: collapse' }), false);
  assert.equal(isHiddenElement({ 'aria-hidden': 'false' }), false);
  assert.equal(isHiddenElement({ 'aria-hidden': 'true', class: 'mwe-math-fallback-image-inline' }), false);
  assert.equal(isHiddenElement({ hidden: 'until-found' }), true);
});

test('a short article is an article', async () => {
  for (const [way, content] of await bothWays('short-article.html')) {
    assert.equal(plainTextOf(content), 'The east bridge is closed until Friday.', way);
  }
});

test('a page with no readable text is still refused', async () => {
  const html = '<!doctype html><html><body><p><img src="https://news.example/a.png" alt=""></p></body></html>';
  await assert.rejects(packed(html), /no article was found/);
  const report = await importFile(new File([html], 'empty.html', { type: 'text/html' }));
  assert.match(report.error ?? '', /No article was found/);
});

test('Chinese and Japanese articles keep every word, short as they are', async () => {
  const expected = {
    'chinese.html': ['连续一周的降雨使河水一夜之间上涨两米。', '志愿者在市场广场装沙袋，直到深夜。'],
    'japanese.html': ['一週間続いた雨で、川(かわ)の水位が一晩で二メートル上がりました。', 'ボランティアが夜遅くまで土のうを積みました。'],
  };
  for (const [name, sentences] of Object.entries(expected)) {
    for (const [way, content] of await bothWays(name)) {
      const text = plainTextOf(content);
      for (const sentence of sentences) assert.ok(text.includes(sentence), `${name}, ${way}: ${sentence} in ${text}`);
    }
  }
});

test('MathML is kept, from a plain page and from MathJax, without its TeX source', async () => {
  for (const [way, content] of await bothWays('mathml.html')) {
    const text = plainTextOf(content);
    assert.ok(text.includes('QUADRATIC-END') && text.includes('MATHJAX-END'), `${way}: ${text}`);
    assert.doesNotMatch(text, /TEX-SOURCE/, way);
    assert.match(content, /<math[^>]*>.*<mfrac>.*<msqrt>.*<msup>/s, way);
    assert.match(content, /<math display="block">/, way);
    assert.match(content, /<mspace width="0.2em"><\/mspace><mtext>QUADRATIC-END<\/mtext>/, way);
    assert.equal(content.match(/<math\b/g)?.length, 4, way);
  }
});

test('the attributes the allowlist names survive the sanitizer, in the app and in the command', async () => {
  const { sanitizeForStorage } = await import('../src/library/sanitize-article.ts');
  const { prepareArticleHtml } = await import('../src/node-dom/prepare-article-html.ts');
  const html =
    '<table><tbody><tr><td colspan="2" rowspan="1" lang="de" dir="ltr">Zelle</td></tr></tbody></table>' +
    '<p><time datetime="2024-05-01">1 May</time> <a href="javascript:alert(1)" title="bad">x</a></p>';
  const ways: Array<[string, string]> = [
    ['the app', sanitizeForStorage(html).html],
    ['the command', await prepareArticleHtml(html, 'https://news.example/', () => Promise.resolve(undefined))],
  ];
  for (const [way, clean] of ways) {
    assert.match(clean, /<td colspan="2" rowspan="1" lang="de" dir="ltr">Zelle<\/td>/, way);
    assert.match(clean, /<time datetime="2024-05-01">/, way);
    assert.match(clean, /<a title="bad">x<\/a>/, way);
  }
});

test('a bundle’s readable part shows formulas too, without their TeX source', async () => {
  const { viewHtml } = await import('../src/shared/html/view-html.ts');
  assert.equal(
    viewHtml(
      '<p><math display="block"><semantics><mi>x</mi><annotation encoding="application/x-tex">x</annotation></semantics></math></p>',
      () => undefined,
    ),
    '<p><math display="block"><semantics><mi>x</mi></semantics></math></p>',
  );
});

test('a page that draws its icons with hundreds of self-closed SVG elements is read as a page, not flattened to text', async () => {
  const { nestsDeeperThan } = await import('../src/shared/html/nesting-depth.ts');
  const icons = `<svg style="display:none"><symbol id="i">${'<path d="M0 0h1"/><stop offset="1"/>'.repeat(200)}</symbol></svg>`;
  const html = (await page('short-article.html')).replace('<body>', `<body>${icons}<svg><g/><circle r="1"/></svg>`);
  assert.equal(nestsDeeperThan(html), false);
  const ways: Array<[string, string]> = [
    ['the command', await packed(html)],
    ['the app', await imported(html, 'icons.html')],
  ];
  for (const [way, content] of ways) assert.match(content, /<p>The east bridge is closed until Friday\.<\/p>/, way);
  // Outside svg and math a tag's "/>" closes nothing, in browsers as in htmlparser2: that still counts.
  assert.equal(nestsDeeperThan('<div/>'.repeat(300)), true);
  assert.equal(nestsDeeperThan(`<svg><foreignObject>${'<div/>'.repeat(300)}</foreignObject></svg>`), true);
  assert.equal(nestsDeeperThan(`<math><mi>${'<span/>'.repeat(300)}</mi></math>`), true);
});
