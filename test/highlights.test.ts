import './setup-defines.ts';
import './setup-indexeddb.ts';
import './setup-dom.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readBackup } from '../src/backup/read-backup.ts';
import { restoreLibrary } from '../src/backup/restore-library.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { DB_NAME } from '../src/shared/db-schema.ts';
import { MAX_HIGHLIGHTS, MAX_NOTE, MAX_QUOTE } from '../src/shared/reader-highlights.ts';
import { generateSigningKey, signArticle } from '../src/shared/signing.ts';
import { findQuote, quoteOf, type TextQuote } from '../src/shared/text/text-quote.ts';
import { closeDatabase } from '../src/browser/storage/database.ts';
import { addHighlight, allHighlights, deleteHighlight, highlightsOf, setHighlightNote } from '../src/browser/storage/highlights.ts';
import { getReadingState, saveReadingPosition } from '../src/browser/storage/reading.ts';

Reflect.deleteProperty(globalThis, 'BroadcastChannel');

beforeEach(async () => {
  await closeDatabase();
  indexedDB.deleteDatabase(DB_NAME);
});

/** The quote of `passage` where it first is in `text`. */
function quoteIn(text: string, passage: string): TextQuote {
  const start = text.indexOf(passage);
  assert.notEqual(start, -1);
  return quoteOf(text, start, start + passage.length)!;
}

/** The text found for `selector` in `text`, or undefined. */
function found(text: string, selector: TextQuote): string | undefined {
  const at = findQuote(text, selector);
  return at && text.slice(at.start, at.end);
}

const ORIGINAL =
  'Two journalists were detained on Monday at the border crossing. Their colleagues say the charges are invented. The ministry did not answer.';

test('a quote is kept with its surroundings and offset, whitespace at its ends left out', () => {
  const start = ORIGINAL.indexOf('Their') - 1;
  const quote = quoteOf(ORIGINAL, start, start + 1 + 'Their colleagues say'.length + 1)!;
  assert.equal(quote.quote, 'Their colleagues say');
  assert.equal(quote.start, ORIGINAL.indexOf('Their'));
  assert.ok(ORIGINAL.slice(0, quote.start).endsWith(quote.prefix));
  assert.ok(ORIGINAL.slice(quote.start + quote.quote.length).startsWith(quote.suffix));
  assert.equal(quoteOf(ORIGINAL, 5, 5), undefined);
  assert.equal(quoteOf('a    b', 1, 5), undefined);
});

test('a correction that moves the quote finds it where it went', () => {
  const selector = quoteIn(ORIGINAL, 'the charges are invented');
  const corrected = `Correction: an earlier version misnamed the crossing. ${ORIGINAL.replace('the border crossing', 'the northern border crossing at Verkhnie')}`;
  const at = findQuote(corrected, selector)!;
  assert.equal(corrected.slice(at.start, at.end), 'the charges are invented');
  assert.notEqual(at.start, selector.start);
});

test('a quote the correction removed, or changed, is not found rather than found somewhere wrong', () => {
  const selector = quoteIn(ORIGINAL, 'Their colleagues say the charges are invented.');
  assert.equal(found(ORIGINAL.replace(' Their colleagues say the charges are invented.', ''), selector), undefined);
  assert.equal(found(ORIGINAL.replace('invented', 'baseless'), selector), undefined);
  // A short quote whose surroundings are all gone is not taken, even though the word is still there.
  const short = quoteIn(ORIGINAL, 'did not');
  assert.equal(found('Officials did not say where they were held.', short), undefined);
});

test('of a passage that occurs twice, the one whose surroundings match is taken, wherever the other moved', () => {
  const text = 'The court said no. The defence appealed. Later, the court said no again, and the defence gave up.';
  const second = text.lastIndexOf('the court said no');
  const selector = quoteOf(text, second, second + 'the court said no'.length)!;
  assert.equal(findQuote(text, selector)?.start, second);
  const moved = `A new first paragraph was added. ${text}`;
  assert.equal(findQuote(moved, selector)?.start, moved.lastIndexOf('the court said no'));
  // Two occurrences and neither one's surroundings like the quote's: not guessed.
  assert.equal(findQuote('x the court said no y. z the court said no w.', selector), undefined);
});

test('right-to-left and CJK text are found again by the same rules', () => {
  const arabic = 'اعتُقل صحفيان يوم الاثنين عند المعبر الحدودي. ويقول زملاؤهما إن التهم ملفقة. ولم ترد الوزارة.';
  const selector = quoteIn(arabic, 'ويقول زملاؤهما إن التهم ملفقة');
  assert.equal(found(`تصحيح: ${arabic}`, selector), 'ويقول زملاؤهما إن التهم ملفقة');
  assert.equal(found(arabic.replace('ملفقة', 'صحيحة'), selector), undefined);
  const chinese = '两名记者周一在边境被拘留。他们的同事说，这些指控是捏造的。外交部没有回应。';
  const cjk = quoteIn(chinese, '这些指控是捏造的');
  assert.equal(found(`更正：${chinese}`, cjk), '这些指控是捏造的');
  assert.equal(found(chinese.replace('他们的同事说，这些指控是捏造的。', ''), cjk), undefined);
  // A short CJK quote (two characters) is taken only where something around it still matches.
  const two = quoteIn(chinese, '记者');
  assert.equal(found(`更正：${chinese}`, two), '记者');
  assert.equal(found('这位记者没有说话。', two), undefined);
});

test('highlights are kept in the reading state, with their notes, and a new reading position keeps them', async () => {
  const id = 'a'.repeat(64);
  const first = await addHighlight(id, quoteIn(ORIGINAL, 'detained on Monday'));
  await saveReadingPosition(id, 0.4);
  const second = await addHighlight(id, quoteIn(ORIGINAL, 'did not answer'), 'Ask again next week');
  await setHighlightNote(id, first, '  Check the date  ');
  const state = await getReadingState(id);
  assert.equal(state?.position, 0.4);
  assert.deepEqual(
    state?.highlights?.map((highlight) => [highlight.quote, highlight.note]),
    [
      ['detained on Monday', 'Check the date'],
      ['did not answer', 'Ask again next week'],
    ],
  );
  const listed = await allHighlights();
  assert.deepEqual(listed.map((highlight) => highlight.id).sort(), [first, second].sort());
  assert.ok(listed.every((highlight, at) => at === 0 || listed[at - 1]!.createdAt >= highlight.createdAt));
  assert.ok(listed.every((highlight) => highlight.articleId === id));
  await deleteHighlight(id, first);
  assert.deepEqual(
    (await highlightsOf(id)).map((highlight) => highlight.id),
    [second],
  );
});

/** A backup file as anyone could write one, its one reading state with these highlights. */
async function backupWithHighlights(highlights: unknown): Promise<File> {
  const key = await generateSigningKey();
  const article = await signArticle(
    {
      guid: 'urn:h',
      revision: 1,
      title: 'Noted',
      publisher: { name: 'Desk' },
      lang: 'en',
      dir: 'ltr',
      published: '2026-01-01',
      content: `<p>${ORIGINAL}</p>`,
    },
    key,
  );
  const backup = {
    format: 'pamphlet-library-backup',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    sources: [],
    keys: [],
    reading: [{ articleId: article.id, read: true, position: 0, updatedAt: 1, highlights }],
    settings: {},
  };
  return new File([encodeBundle([article], [], { extensions: { libraryBackup: backup } })], 'backup.html', { type: 'text/html' });
}

function savedHighlight(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'abcdef0123456789',
    quote: 'charges',
    prefix: 'say the ',
    suffix: ' are',
    start: 80,
    note: 'A note',
    createdAt: 5,
    ...overrides,
  };
}

test('a backup brings highlights back as plain text, rebuilt from the fields that mean something', async () => {
  const plan = await readBackup(
    await backupWithHighlights([
      savedHighlight({ note: 'Mine\u202e <img src=x onerror=alert(1)>', createdAt: 9e15, color: 'red', prefix: 'p'.repeat(200) }),
    ]),
  );
  const [highlight] = plan.reading[0]!.highlights!;
  assert.equal(highlight!.note, 'Mine <img src=x onerror=alert(1)>');
  assert.ok(highlight!.createdAt <= Date.now());
  assert.equal(highlight!.prefix.length, 32);
  assert.equal('color' in highlight!, false);
  await restoreLibrary(plan, { keys: new Set(), sources: new Set(), settings: new Set() });
  assert.deepEqual(
    (await allHighlights()).map((saved) => saved.quote),
    ['charges'],
  );
});

test('a backup whose highlights are not what Pamphlet writes is refused whole, with the reason', async () => {
  const refusals: Array<[unknown, RegExp]> = [
    ['not a list', /highlights of one of its articles are not valid/],
    [[savedHighlight({ quote: 7 })], /highlights of one of its articles are not valid/],
    [[savedHighlight({ id: '../x' })], /highlights of one of its articles are not valid/],
    [[savedHighlight(), savedHighlight()], /highlights of one of its articles are not valid/],
    [[savedHighlight({ start: -1 })], /highlights of one of its articles are not valid/],
    [[savedHighlight({ note: { html: '<b>' } })], /highlights of one of its articles are not valid/],
    [[savedHighlight({ quote: 'q'.repeat(MAX_QUOTE + 1) })], /longer than 10.?000 characters/],
    [[savedHighlight({ note: 'n'.repeat(MAX_NOTE + 1) })], /notes is longer than 10.?000 characters/],
    [Array.from({ length: MAX_HIGHLIGHTS + 1 }, (_, at) => savedHighlight({ id: `highlight${at}` })), /more than 1.?000 highlights/],
  ];
  for (const [highlights, reason] of refusals) {
    await assert.rejects(readBackup(await backupWithHighlights(highlights)), reason);
  }
});
