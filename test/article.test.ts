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
  assert.deepEqual(imageHashesOf(`<img src="sha256:${b}"><img src="sha256:${a}"><img src="sha256:${b}"><img src="https://x/y.png">`), [b, a]);
});
