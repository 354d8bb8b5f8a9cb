import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directionOf, imageHashesOf, plainTextOf, summaryTextOf } from '../src/shared/article.ts';

test('right-to-left languages and scripts are recognised', () => {
  for (const tag of ['ar', 'fa', 'fa-IR', 'he', 'ur', 'ps', 'ckb', 'uz-Arab', 'AR']) assert.equal(directionOf(tag), 'rtl', tag);
  for (const tag of ['en', 'ru', 'uk', 'be', 'kk', 'uz', 'uz-Latn', 'az-Arab-IR'.replace('Arab', 'Cyrl'), 'und', '']) {
    assert.equal(directionOf(tag), 'ltr', tag);
  }
});

test('plain text drops tags, scripts and styles and decodes entities', () => {
  assert.equal(
    plainTextOf('<p>Tom &amp; Jerry&nbsp;&#8212;&#x41;</p><script>var x = "<p>no</p>"</script><style>p{}</style>\n<p>next</p>'),
    'Tom & Jerry —A next',
  );
});

test('a summary is the given one, or the text cut at a word', () => {
  assert.equal(summaryTextOf({ summary: ' Given. ', content: '<p>Other</p>' }), 'Given.');
  const long = `<p>${'word '.repeat(100)}</p>`;
  const summary = summaryTextOf({ content: long }, 42);
  assert.ok(summary.endsWith('…'));
  assert.ok(summary.length <= 43);
  assert.ok(!summary.includes('wor…'));
});

test('image references are found once each, in order', () => {
  const a = 'a'.repeat(64);
  const b = 'b'.repeat(64);
  assert.deepEqual(imageHashesOf(`<img src="sha256:${b}"><img src="sha256:${a}"><img src="sha256:${b}"><img src="https://x/y.png">`), [
    b,
    a,
  ]);
});

/** Inputs built to make a text scanner or an HTML parser slow: each ~4 MiB, as a link can inflate to. */
const HOSTILE_HTML: Array<[string, string]> = [
  ['unclosed script tags', '<script'.repeat(600_000)],
  ['unclosed tags', '<'.repeat(4 << 20)],
  ['an unclosed script', `<script>${'a'.repeat(4 << 20)}`],
  ['an entity that never ends', `&${'a'.repeat(4 << 20)}`],
  ['deep nesting', '<b>'.repeat(1_400_000)],
  ['deep nesting, then stray end tags', `${'<div>'.repeat(350_000)}${'</span>'.repeat(350_000)}`],
  ['many raw-text elements', '<style>x</style>'.repeat(260_000)],
];

test('plain text of 4 MiB of hostile HTML takes under a second each', () => {
  for (const [what, html] of HOSTILE_HTML) {
    const started = performance.now();
    plainTextOf(html);
    assert.ok(performance.now() - started < 1000, `${what}: ${Math.round(performance.now() - started)} ms`);
  }
});

/**
 * The sanitizing passes parse markup (htmlparser2), about a second for 4 MiB of the densest tags
 * on this machine, hostile or not: what they must not do is grow faster than the input, as deep
 * nesting made them (minutes), so the bound is a few times that.
 */
test('the sanitizing passes over 4 MiB of hostile HTML take a few seconds at most, and deep nesting is read as text', async () => {
  const { defangHtml } = await import('../src/shared/html/defang-html.ts');
  const { viewHtml } = await import('../src/shared/html/view-html.ts');
  for (const [what, html] of HOSTILE_HTML) {
    for (const [pass, run] of [
      ['defang', () => defangHtml(html).html],
      ['view', () => viewHtml(html, () => undefined)],
    ] as const) {
      const started = performance.now();
      const out = run();
      assert.ok(performance.now() - started < 4000, `${pass}, ${what}: ${Math.round(performance.now() - started)} ms`);
      if (what.startsWith('deep')) assert.ok(!out.includes('<b><b>') && !out.includes('<div><div>'), `${pass}, ${what}: still nested`);
    }
  }
  // What any article nests is kept as it is.
  const nested = `${'<div>'.repeat(40)}<p>Deep but real.</p>${'</div>'.repeat(40)}`;
  assert.equal(
    viewHtml(nested, () => undefined),
    nested,
  );
});
