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

test('plain text parts words at blocks and line breaks, not at tags inside a word', () => {
  assert.equal(plainTextOf('<p>Wiki<b>pedia</b>’s <a href="x">link</a>s</p><p>next<br>line</p>'), 'Wikipedia’s links next line');
  // Chinese and Japanese have no spaces: a link or ruby inside a sentence must not split its words.
  assert.equal(plainTextOf('<p>这是<a href="x">北京</a>的新闻。</p>'), '这是北京的新闻。');
  assert.equal(plainTextOf('<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp></ruby>字です</p>'), '漢(かん)字です');
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

/** 4 MiB of ordinary, dense markup: the same pass over it, timed in the same run, is the yardstick. */
const ORDINARY_HTML = '<p>A <b>word</b>.</p>'.repeat((4 << 20) / 20);

/** How long `run` takes, in ms. */
function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/**
 * A bound that holds on a busy machine too: a few times what ordinary markup of the same size
 * takes in this run, and never under `floor`. What it catches is growth faster than the input
 * (minutes, for the nesting and scanning bugs these inputs once set off).
 */
function boundFor(ordinaryMs: number, floor: number): number {
  return Math.max(floor, 5 * ordinaryMs);
}

test('plain text of 4 MiB of hostile HTML takes under a second each, or a few times ordinary HTML of that size', () => {
  const bound = boundFor(
    timed(() => plainTextOf(ORDINARY_HTML)),
    1000,
  );
  for (const [what, html] of HOSTILE_HTML) {
    const took = timed(() => plainTextOf(html));
    assert.ok(took < bound, `${what}: ${Math.round(took)} ms (bound ${Math.round(bound)} ms)`);
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
  const passes = [
    ['defang', (html: string) => defangHtml(html).html],
    ['view', (html: string) => viewHtml(html, () => undefined)],
  ] as const;
  const bounds = new Map(
    passes.map(([pass, run]) => [
      pass,
      boundFor(
        timed(() => run(ORDINARY_HTML)),
        4000,
      ),
    ]),
  );
  for (const [what, html] of HOSTILE_HTML) {
    for (const [pass, run] of passes) {
      let out = '';
      const took = timed(() => (out = run(html)));
      assert.ok(took < bounds.get(pass)!, `${pass}, ${what}: ${Math.round(took)} ms (bound ${Math.round(bounds.get(pass)!)} ms)`);
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
