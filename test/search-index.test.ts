import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIndex, foldTerm, hitsOf, loadIndex } from '../src/search/search-index.ts';

const docs = [
  { id: 'a', title: 'Журналістів затримали на кордоні', byline: 'Олена', text: 'Двоє журналістів були затримані в понеділок.' },
  { id: 'b', title: 'Ёлка на площади', byline: '', text: 'Новогодняя ёлка появилась в центре.' },
  { id: 'c', title: 'گزارش جلسه شورای امنیت', byline: '', text: 'این یک گزارش آزمایشی است.' },
  { id: 'd', title: 'اجتماع مجلس الأمن', byline: '', text: 'عُقِدَ اجتماعٌ طارئ للمجلس.' },
  { id: 'e', title: 'Café society', byline: 'Zoë', text: 'A story about Security Council meetings and the council.' },
  { id: 'f', title: 'Council budget', byline: '', text: 'Nothing about security.' },
];

test('terms fold case, accents, harakat, ё and Arabic letter forms', () => {
  assert.equal(foldTerm('Café'), 'cafe');
  assert.equal(foldTerm('Ёлка'), 'елка');
  assert.equal(foldTerm('عُقِدَ'), 'عقد');
  assert.equal(foldTerm('الأمن'), 'الامن');
  assert.equal(foldTerm('ي'), foldTerm('ی'));
});

test('search finds words in any script, ranks title matches first, and survives being saved and loaded', () => {
  const index = createIndex();
  index.addAll(docs);
  const ids = (query: string) => hitsOf(index.search(query)).map((hit) => hit.id);
  assert.deepEqual(ids('журналістів'), ['a']);
  assert.deepEqual(ids('елка'), ['b']);
  assert.deepEqual(ids('گزارش'), ['c']);
  assert.deepEqual(ids('الامن'), ['d']);
  assert.deepEqual(ids('عقد'), ['d']);
  assert.deepEqual(ids('cafe'), ['e']);
  assert.deepEqual(ids('council'), ['f', 'e']);
  // Every word must match; a word begun is enough from three letters.
  assert.deepEqual(ids('security council').sort(), ['e', 'f']);
  assert.deepEqual(ids('budget council'), ['f']);
  assert.deepEqual(ids('secur').sort(), ['e', 'f']);
  assert.deepEqual(ids('budgat'), ['f']);
  const restored = loadIndex(JSON.stringify(index));
  assert.deepEqual(hitsOf(restored.search('журналістів')).map((hit) => hit.id), ['a']);
  assert.ok(hitsOf(restored.search('council'))[0]!.terms.includes('council'));
});
