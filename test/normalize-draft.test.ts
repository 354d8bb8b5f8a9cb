import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalLanguage, normalizeDraft } from '../src/shared/bundle/normalize-draft.ts';
import { MAX_LENGTH, MAX_PUBLISHER_NAME, parseArticle } from '../src/shared/bundle/parse-article.ts';
import { unsignedArticle, type Draft } from '../src/shared/signing.ts';

const FALLBACK = { title: 'hostile-page.html', publisherName: 'Saved page' };

/** What a saved page's own metadata may say, written to hurt: every field at once. */
function hostileDraft(): Draft {
  return {
    guid: `https://site.example/${'g'.repeat(3000)}`,
    revision: 1,
    title: `Title\u0000 with\u0007 bells\u009b and\nbreaks ${'t'.repeat(3000)}`,
    byline: `By\u0008 someone\u001b[31m ${'b'.repeat(1000)}`,
    publisher: { name: `Site\u0000 ${'p'.repeat(500)}`, url: 'javascript:alert(1)' },
    url: 'javascript:alert(1)',
    lang: '"><img src=x onerror=alert(1)>',
    dir: 'sideways' as 'ltr',
    published: '2025-01-01T00:00:00.000Z',
    summary: `Summary\u0000 ${'s'.repeat(6000)}`,
    content: '<p>Body</p>',
  };
}

test('a saved page’s hostile metadata is brought within what any bundle may carry, and the result passes the codec’s own check', async () => {
  const draft = normalizeDraft(hostileDraft(), FALLBACK);
  assert.equal(draft.lang, 'und');
  assert.equal(draft.dir, 'ltr');
  assert.equal(draft.title.length, MAX_LENGTH.title);
  assert.match(draft.title, /^Title with bells and breaks t+$/);
  assert.equal(draft.byline!.length, MAX_LENGTH.byline);
  assert.match(draft.byline!, /^By someone\[31m b+$/);
  assert.equal(draft.summary!.length, MAX_LENGTH.summary);
  assert.doesNotMatch(draft.summary!, /\u0000/);
  assert.equal(draft.publisher.name.length, MAX_PUBLISHER_NAME);
  assert.equal(draft.publisher.url, undefined);
  assert.equal(draft.url, undefined);
  assert.equal(draft.guid.length, MAX_LENGTH.guid);
  // The same draft, not normalized, is what a reader would refuse.
  assert.throws(() => parseArticle({ ...hostileDraft(), id: '0'.repeat(64) }, 0));
  assert.doesNotThrow(() => parseArticle({ ...draft, id: '0'.repeat(64) }, 0));
  assert.ok(parseArticle(await unsignedArticle(draft), 0));
});

test('good metadata comes through as it was, a language tag in its canonical form, and an emptied title takes the fallback', () => {
  const good: Draft = {
    guid: 'urn:pamphlet:saved:1',
    revision: 1,
    title: 'Report',
    byline: 'Olena',
    publisher: { name: 'Desk', url: 'https://desk.example' },
    url: 'https://desk.example/report',
    lang: 'fa',
    dir: 'rtl',
    published: '2025-01-01T00:00:00.000Z',
    summary: 'Line one\nline two',
    content: '<p>Body</p>',
  };
  assert.deepEqual(normalizeDraft(good, FALLBACK), good);
  assert.equal(canonicalLanguage(' EN-us '), 'en-US');
  assert.equal(canonicalLanguage('zh-hant-tw'), 'zh-Hant-TW');
  assert.equal(canonicalLanguage('x'.repeat(100)), 'und');
  assert.equal(canonicalLanguage(''), 'und');
  const emptied = normalizeDraft(
    { ...good, title: '\u0000\u0001 ', byline: '\u0007', publisher: { name: '\u0000' }, lang: 'ar', dir: 'auto' as 'ltr' },
    FALLBACK,
  );
  assert.equal(emptied.title, 'hostile-page.html');
  assert.equal(emptied.byline, undefined);
  assert.equal(emptied.publisher.name, 'Saved page');
  assert.equal(emptied.dir, 'rtl');
});

test('a date the codec would refuse (a feed’s year 10000, words, nothing) is left out, never replaced by the moment it was taken in', async () => {
  for (const published of ['+010000-01-01T00:00:00.000Z', 'yesterday', '', '2025-13-45']) {
    const draft = normalizeDraft({ ...hostileDraft(), published, modified: published }, FALLBACK);
    assert.equal(draft.published, undefined, `${published} became ${draft.published}`);
    assert.equal(draft.modified, undefined);
    // Throws, failing the test, if the codec would refuse it.
    parseArticle(await unsignedArticle(draft), 0);
  }
  assert.equal(normalizeDraft({ ...hostileDraft(), published: '2016-09-18' }, FALLBACK).published, '2016-09-18');
});
