import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInPieces, pointAt, type TextSpan } from '../src/library/text-ranges.ts';

/** The text each span covers, read back from the pieces. */
function covered(pieces: string[], spans: TextSpan[]): string[] {
  const joined = pieces.join('');
  const offsetOf = (piece: number, offset: number) => pieces.slice(0, piece).reduce((sum, text) => sum + text.length, 0) + offset;
  return spans.map((span) => joined.slice(offsetOf(span.start.piece, span.start.offset), offsetOf(span.end.piece, span.end.offset)));
}

test('a match is found whatever its case and accents, and covers the text as written', () => {
  const pieces = ['Le Café de la Gare. Un CAFE, un cafe\u0301 ici.'];
  const spans = findInPieces(pieces, 'cafe');
  assert.deepEqual(covered(pieces, spans), ['Café', 'CAFE', 'cafe\u0301']);
  assert.deepEqual(covered(pieces, findInPieces(pieces, 'CAFÉ')), ['Café', 'CAFE', 'cafe\u0301']);
});

test('Cyrillic folds case and ё, Arabic its vowel marks and letter forms', () => {
  const russian = ['Ёлка и елка. ЁЛКА!'];
  assert.deepEqual(covered(russian, findInPieces(russian, 'елка')), ['Ёлка', 'елка', 'ЁЛКА']);
  const arabic = ['مَدْرَسَة كبيرة، ومدرسة صغيرة، وأحمد واحمد'];
  assert.deepEqual(covered(arabic, findInPieces(arabic, 'مدرسة')), ['مَدْرَسَة', 'مدرسة']);
  assert.deepEqual(covered(arabic, findInPieces(arabic, 'احمد')), ['أحمد', 'احمد']);
});

test('CJK text is matched without spaces between words', () => {
  const pieces = ['东京和北京都是首都。北京很大。'];
  assert.deepEqual(covered(pieces, findInPieces(pieces, '北京')), ['北京', '北京']);
});

test('a match runs across the boundaries of text nodes, and its span says which node and where', () => {
  const pieces = ['Two jour', 'nalists were ', 'detained', ' on Monday.'];
  const spans = findInPieces(pieces, 'journalists were detained');
  assert.deepEqual(spans, [{ start: { piece: 0, offset: 4 }, end: { piece: 2, offset: 8 } }]);
  assert.deepEqual(covered(pieces, spans), ['journalists were detained']);
});

test('white space in the query matches any run of white space, the text’s line breaks too', () => {
  const pieces = ['the border\n   guards', ' and the  border guards'];
  assert.deepEqual(covered(pieces, findInPieces(pieces, '  border   guards ')), ['border\n   guards', 'border guards']);
});

test('matches do not overlap, and the characters of a query are taken as they are, not as a pattern', () => {
  assert.equal(findInPieces(['aaaa'], 'aa').length, 2);
  assert.deepEqual(covered(['a (b) a.b ab'], findInPieces(['a (b) a.b ab'], '(b)')), ['(b)']);
  assert.deepEqual(covered(['a.b ab'], findInPieces(['a.b ab'], 'a.b')), ['a.b']);
});

test('a query of nothing but spaces or marks matches nothing', () => {
  assert.deepEqual(findInPieces(['some text'], '   '), []);
  assert.deepEqual(findInPieces(['some text'], '\u0301'), []);
  assert.deepEqual(findInPieces(['some text'], 'absent'), []);
});

test('a point at a boundary between pieces is the start of the next, or the end of the last when asked', () => {
  assert.deepEqual(pointAt([3, 4], 3), { piece: 1, offset: 0 });
  assert.deepEqual(pointAt([3, 4], 3, true), { piece: 0, offset: 3 });
  assert.deepEqual(pointAt([3, 4], 7), { piece: 1, offset: 4 });
});
