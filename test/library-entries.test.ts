import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlight } from '../src/library/highlight.ts';
import { applyFilters, entriesOf, facetsOf, NO_FILTERS } from '../src/library/library-entries.ts';
import type { ArticleSummary } from '../src/shared/db-schema.ts';

function summary(n: number, overrides: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id: String(n),
    revision: 1,
    title: `Story ${n}`,
    publisherName: n % 2 ? 'Desk A' : 'Desk B',
    published: `2026-01-0${n}`,
    publishedAt: `2026-01-0${n}T00:00:00.000Z`,
    lang: n === 3 ? 'fa' : 'en',
    dir: n === 3 ? 'rtl' : 'ltr',
    summary: '',
    addedAt: n,
    imageHashes: [],
    ...(n !== 4 ? { signerKey: n === 1 ? 'trusted' : 'stranger' } : {}),
    ...overrides,
  };
}

const entries = entriesOf(
  [summary(5), summary(4), summary(3), summary(2), summary(1)],
  new Map([
    ['1', { articleId: '1', read: true, position: 0, updatedAt: 0, starred: true, tags: ['UN'] }],
    ['2', { articleId: '2', read: false, position: 0, updatedAt: 0, tags: ['UN', 'Syria'] }],
  ]),
  new Map([['trusted', { key: 'trusted', name: 'Trusted Desk', origin: 'reader', addedAt: 0 }]]),
);
const ids = (list: { id: string }[]) => list.map((entry) => entry.id);

test('entries carry their verdict, marks and trusted name', () => {
  assert.deepEqual(
    entries.map((entry) => entry.verdict),
    ['unknown', 'unsigned', 'unknown', 'unknown', 'verified'],
  );
  assert.equal(entries.at(-1)!.trustedName, 'Trusted Desk');
  assert.deepEqual(facetsOf(entries), { sources: ['Desk A', 'Desk B'], langs: ['en', 'fa'], tags: ['Syria', 'UN'] });
});

test('filters combine: source, language, verdict, collection, unread, starred', () => {
  assert.deepEqual(ids(applyFilters(entries, NO_FILTERS)), ['5', '4', '3', '2', '1']);
  assert.deepEqual(ids(applyFilters(entries, { ...NO_FILTERS, source: 'Desk A' })), ['5', '3', '1']);
  assert.deepEqual(ids(applyFilters(entries, { ...NO_FILTERS, lang: 'fa' })), ['3']);
  assert.deepEqual(ids(applyFilters(entries, { ...NO_FILTERS, verdict: 'unsigned' })), ['4']);
  assert.deepEqual(ids(applyFilters(entries, { ...NO_FILTERS, tag: 'UN', unreadOnly: true })), ['2']);
  assert.deepEqual(ids(applyFilters(entries, { ...NO_FILTERS, starredOnly: true })), ['1']);
});

test('with a search, only hits pass, by relevance or by date', () => {
  const found = { ids: ['1', '2', '4'], terms: ['story'] };
  assert.deepEqual(ids(applyFilters(entries, { ...NO_FILTERS, query: 'story', sort: 'relevance' }, found)), ['1', '2', '4']);
  assert.deepEqual(ids(applyFilters(entries, { ...NO_FILTERS, query: 'story', sort: 'date' }, found)), ['4', '2', '1']);
  // Entry 1 is read: hits and filters combine.
  assert.deepEqual(ids(applyFilters(entries, { ...NO_FILTERS, query: 'story', sort: 'relevance', unreadOnly: true }, found)), ['2', '4']);
});

test('highlighting marks the words that begin with a matched term, whatever their accents or case', () => {
  assert.deepEqual(highlight('Café Society meets', ['cafe', 'meet']), [
    { text: 'Café', mark: true },
    { text: ' Society ', mark: false },
    { text: 'meets', mark: true },
  ]);
  assert.deepEqual(highlight('Ёлка', ['елка']), [{ text: 'Ёлка', mark: true }]);
  assert.deepEqual(highlight('no match', ['zzz']), [{ text: 'no match', mark: false }]);
});
