import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldTerm } from '../src/shared/text/fold-term.ts';
import { LibraryIndex } from '../src/shared/search/search-index.ts';

const docs = [
  { id: 'a', title: 'Журналістів затримали на кордоні', byline: 'Олена', text: 'Двоє журналістів були затримані в понеділок.' },
  { id: 'b', title: 'Ёлка на площади', byline: '', text: 'Новогодняя ёлка появилась в центре.' },
  { id: 'c', title: 'گزارش جلسه شورای امنیت', byline: '', text: 'این یک گزارش آزمایشی است.' },
  { id: 'd', title: 'اجتماع مجلس الأمن', byline: '', text: 'عُقِدَ اجتماعٌ طارئ للمجلس.' },
  { id: 'e', title: 'Café society', byline: 'Zoë', text: 'A story about Security Council meetings, many meetings, and the council.' },
  { id: 'f', title: 'Council budget', byline: '', text: 'Nothing about security.' },
];

function indexOf(documents = docs): LibraryIndex {
  const index = new LibraryIndex();
  for (const document of documents) index.add(document, 1);
  return index;
}

const idsOf = (index: LibraryIndex, query: string) => index.search(query).ids;

test('terms fold case, accents, harakat, ё and Arabic letter forms', () => {
  assert.equal(foldTerm('Café'), 'cafe');
  assert.equal(foldTerm('Ёлка'), 'елка');
  assert.equal(foldTerm('عُقِدَ'), 'عقد');
  assert.equal(foldTerm('الأمن'), 'الامن');
  assert.equal(foldTerm('ي'), foldTerm('ی'));
});

test('search finds words in any script however they are accented or vowelled', () => {
  const index = indexOf();
  assert.deepEqual(idsOf(index, 'журналістів'), ['a']);
  assert.deepEqual(idsOf(index, 'елка'), ['b']);
  assert.deepEqual(idsOf(index, 'Ёлка'), ['b']);
  assert.deepEqual(idsOf(index, 'گزارش'), ['c']);
  assert.deepEqual(idsOf(index, 'الامن'), ['d']);
  assert.deepEqual(idsOf(index, 'عقد'), ['d']);
  assert.deepEqual(idsOf(index, 'cafe'), ['e']);
  assert.deepEqual(idsOf(index, 'zoe'), ['e']);
  assert.deepEqual(idsOf(index, 'nowhere'), []);
  assert.deepEqual(idsOf(index, '  ,, '), []);
});

test('a word in the title ranks above the same word in the text', () => {
  assert.deepEqual(idsOf(indexOf(), 'council'), ['f', 'e']);
});

test('every word must match; a word begun finds its endings from three letters; one typo is forgiven from five', () => {
  const index = indexOf();
  assert.deepEqual(idsOf(index, 'security council').sort(), ['e', 'f']);
  assert.deepEqual(idsOf(index, 'budget council'), ['f']);
  assert.deepEqual(idsOf(index, 'budget meetings'), []);
  assert.deepEqual(idsOf(index, 'secur').sort(), ['e', 'f']);
  assert.deepEqual(idsOf(index, 'журнал'), ['a']);
  assert.deepEqual(idsOf(index, 'se'), []);
  assert.deepEqual(idsOf(index, 'budgat'), ['f']);
  assert.deepEqual(index.search('budgat').terms, ['budget']);
  assert.deepEqual(index.search('secur').terms, ['secur']);
});

test('a changed or removed article leaves the index; the rest stays findable', () => {
  const index = indexOf();
  index.add({ id: 'f', title: 'Council elections', byline: '', text: '' }, 2);
  assert.deepEqual(idsOf(index, 'budget'), []);
  assert.deepEqual(idsOf(index, 'elections'), ['f']);
  index.remove('e');
  assert.deepEqual(idsOf(index, 'council'), ['f']);
  assert.deepEqual(new Map(index.indexed()).get('f'), 2);
  assert.equal(index.documentCount, 5);
});

test('the index survives being saved (as IndexedDB would keep it) and loaded', () => {
  const index = indexOf();
  index.remove('b');
  const saved = structuredClone(index.save());
  const restored = LibraryIndex.load(saved);
  assert.equal(restored.documentCount, 5);
  assert.deepEqual(idsOf(restored, 'журналістів'), ['a']);
  assert.deepEqual(idsOf(restored, 'елка'), []);
  assert.deepEqual(idsOf(restored, 'secur').sort(), ['e', 'f']);
  assert.throws(() => LibraryIndex.load({ ...saved, format: 'minisearch' as never }), /format minisearch/);
});
