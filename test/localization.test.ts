import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bestLocale, chooseLocale, directionOf, isLocale } from '../src/browser/l10n/locales.ts';
import { TranslationProblem, localize, translationProblems } from '../scripts/localize.mjs';
import { errorText, noteText } from '../src/l10n/note-text.ts';
import { BundleError } from '../src/shared/bundle/bundle-format.ts';
import { englishNote, type ArticleDefect, type ArticleField, type Note, type SignatureFault } from '../src/shared/note.ts';

const LOCALES = new URL('../locales/', import.meta.url);

test('the UI takes the first of the browser’s languages it has, matched on the language, else English', () => {
  assert.equal(chooseLocale(['fa-IR', 'en-US']), 'fa');
  assert.equal(chooseLocale(['pt-BR', 'uk_UA', 'ru']), 'uk');
  assert.equal(chooseLocale(['RU']), 'ru');
  assert.equal(chooseLocale(['de-DE', 'fr']), 'en');
  assert.equal(chooseLocale([]), 'en');
  assert.equal(directionOf('ar'), 'rtl');
  assert.equal(directionOf('fa'), 'rtl');
  assert.equal(directionOf('fa-AF'), 'rtl');
  assert.equal(directionOf('ps'), 'rtl');
  assert.equal(chooseLocale(['prs-AF']), 'fa-AF');
  assert.equal(chooseLocale(['fa-af', 'fa']), 'fa-AF');
  assert.equal(chooseLocale(['ps-AF']), 'ps');
  assert.equal(directionOf('uk'), 'ltr');
  assert.equal(isLocale('tlh'), false);
});

test('a language tag matches the UI’s locale of that tag first, then of its language, whatever the case and separator', () => {
  const available = ['en', 'fa', 'fa-AF', 'ps', 'sr-Latn', 'uz', 'ru'] as const;
  assert.equal(bestLocale(['fa-AF'], available), 'fa-AF');
  assert.equal(bestLocale(['fa-af'], available), 'fa-AF');
  assert.equal(bestLocale(['fa_AF'], available), 'fa-AF');
  assert.equal(bestLocale(['prs'], available), 'fa-AF', 'Dari by its ISO 639-3 code');
  assert.equal(bestLocale(['prs-AF'], available), 'fa-AF');
  assert.equal(bestLocale(['prs'], ['en', 'fa']), 'fa', 'Persian for a Dari reader when there is no Dari');
  assert.equal(bestLocale(['pbt-PK'], available), 'ps', 'Southern Pashto');
  assert.equal(bestLocale(['fa-IR'], available), 'fa');
  assert.equal(bestLocale(['fa'], available), 'fa');
  assert.equal(bestLocale(['fa', 'fa-AF'], available), 'fa', 'the reader’s order first');
  assert.equal(bestLocale(['sr-Latn-RS'], available), 'sr-Latn');
  assert.equal(bestLocale(['sr'], available), 'sr-Latn', 'the Serbian there is, for a reader of Cyrillic');
  assert.equal(bestLocale(['sr-Cyrl-RS'], available), 'sr-Latn');
  assert.equal(bestLocale(['uz-Latn-UZ'], available), 'uz');
  assert.equal(bestLocale(['de', 'ru-RU'], available), 'ru');
  assert.equal(bestLocale(['de'], available), undefined);
  assert.equal(bestLocale(['f'], available), undefined);
});

test('the translations in locales/ are complete', () => {
  assert.deepEqual(translationProblems().problems, []);
});

test('a translation missing from one language stops the build, naming the language and the message', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pamphlet-locales-'));
  const out = await mkdtemp(join(tmpdir(), 'pamphlet-locale-modules-'));
  try {
    await cp(LOCALES, dir, { recursive: true });
    const persian = await readFile(join(dir, 'fa.xlf'), 'utf8');
    const unit = /<trans-unit id="([^"]+)">\s*<source>Skip to content<\/source>\s*<target>[^<]*<\/target>/.exec(persian);
    assert.ok(unit, 'the Persian translation of "Skip to content"');
    await writeFile(join(dir, 'fa.xlf'), persian.replace(unit[0], unit[0].replace(/\s*<target>[^<]*<\/target>/, '')));

    const { problems } = translationProblems({ xliffDir: dir });
    assert.deepEqual(problems, [`fa: message ${unit[1]} has no translation ("Skip to content")`]);
    await assert.rejects(localize({ xliffDir: dir, outputDir: out }), (error: unknown) => {
      assert.ok(error instanceof TranslationProblem);
      assert.match(error.message, new RegExp(`fa: message ${unit[1]} has no translation`));
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});

/** One note of every kind, so that a kind added to Note without a translation does not compile here. */
const NOTES: { [C in Note['code']]: Note & { code: C } } = {
  'bundle-truncated': { code: 'bundle-truncated' },
  'bundle-unterminated': { code: 'bundle-unterminated' },
  'not-a-bundle': { code: 'not-a-bundle' },
  'bundle-not-json': { code: 'bundle-not-json' },
  'bundle-other-format': { code: 'bundle-other-format' },
  'bundle-empty': { code: 'bundle-empty' },
  'bundle-no-version': { code: 'bundle-no-version' },
  'images-not-list': { code: 'images-not-list' },
  'image-incomplete': { code: 'image-incomplete' },
  'image-not-hashed': { code: 'image-not-hashed' },
  'image-type': { code: 'image-type', type: 'image/svg+xml' },
  'image-not-base64': { code: 'image-not-base64', hash: '0123456789ab' },
  'image-hash-mismatch': { code: 'image-hash-mismatch', hash: '0123456789ab' },
  'bundle-version': { code: 'bundle-version', version: '2', supported: 1 },
  'bundle-extra-scripts': { code: 'bundle-extra-scripts', count: 2 },
  'bundle-payload-misplaced': { code: 'bundle-payload-misplaced' },
  'image-missing': { code: 'image-missing', title: 'A title', hash: '0123456789ab' },
  'article-damaged': { code: 'article-damaged', index: 3, defect: { code: 'bad-date' } },
  'link-too-large': { code: 'link-too-large', megabytes: 8 },
  'link-damaged': { code: 'link-damaged' },
  'link-not-base64url': { code: 'link-not-base64url' },
  signature: { code: 'signature', fault: 'forged' },
  uncheckable: { code: 'uncheckable', detail: 'Invalid string' },
  'edition-mirrors-not-list': { code: 'edition-mirrors-not-list', file: 'index' },
  'edition-not-index': { code: 'edition-not-index', file: 'index' },
  'edition-no-publisher': { code: 'edition-no-publisher', file: 'index' },
  'edition-no-sequence': { code: 'edition-no-sequence', file: 'index' },
  'edition-no-version': { code: 'edition-no-version', file: 'source' },
  'edition-no-times': { code: 'edition-no-times', file: 'index' },
  'edition-bad-entry': { code: 'edition-bad-entry', file: 'index' },
  'edition-no-bundle': { code: 'edition-no-bundle', file: 'index' },
  'edition-other-key': { code: 'edition-other-key', file: 'index' },
  'edition-not-source': { code: 'edition-not-source', file: 'source' },
  'edition-no-name': { code: 'edition-no-name', file: 'source' },
  'edition-no-key': { code: 'edition-no-key', file: 'source' },
  'edition-mirror-not-address': { code: 'edition-mirror-not-address', file: 'source', mirror: 'nowhere' },
  'edition-mirror-not-web': { code: 'edition-mirror-not-web', file: 'index', mirror: 'ftp://x' },
  'edition-version': { code: 'edition-version', file: 'source', version: '9' },
  'edition-too-many-mirrors': { code: 'edition-too-many-mirrors', file: 'publisher', max: 32 },
  'edition-bad-name': { code: 'edition-bad-name', file: 'publisher', max: 300 },
  'edition-app-not-web': { code: 'edition-app-not-web', file: 'publisher' },
  'edition-apps-not-list': { code: 'edition-apps-not-list', file: 'source' },
  'edition-apps-not-web': { code: 'edition-apps-not-web', file: 'publisher', app: 'javascript:alert(1)' },
  'edition-too-many-apps': { code: 'edition-too-many-apps', file: 'source', max: 16 },
  'edition-unverified': { code: 'edition-unverified', file: 'index', fault: 'other-key' },
  'source-link-damaged': { code: 'source-link-damaged' },
  'source-link-not-json': { code: 'source-link-not-json' },
  'feed-unreadable': { code: 'feed-unreadable', source: 'https://feeds.example/', detail: 'Unexpected token' },
  'feed-not-articles': { code: 'feed-not-articles', source: 'https://feeds.example/', format: 'opml' },
  'mirror-http': { code: 'mirror-http', status: 404 },
  'mirror-timeout': { code: 'mirror-timeout' },
  'ipfs-address': { code: 'ipfs-address', address: 'ipfs://nonsense/' },
  'no-gateways': { code: 'no-gateways' },
  'ipfs-not-unixfs': { code: 'ipfs-not-unixfs' },
  'ipfs-not-a-file': { code: 'ipfs-not-a-file' },
  'ipfs-sharded-directory': { code: 'ipfs-sharded-directory' },
  'ipfs-no-such-path': { code: 'ipfs-no-such-path', path: 'articles/x.html' },
  'ipfs-uncheckable': { code: 'ipfs-uncheckable', detail: 'hash 0x1e' },
  'gateway-altered': { code: 'gateway-altered', gateway: 'g.example' },
  'gateway-answered': { code: 'gateway-answered', gateway: 'g.example' },
  'no-gateway-answered': { code: 'no-gateway-answered', tried: 3, last: { code: 'mirror-timeout' } },
  'ipns-record': { code: 'ipns-record', name: 'k51qzi5uqu5d', reason: 'other-key' },
  'gateway-served-altered': { code: 'gateway-served-altered', gateway: 'g.example', host: 'bafy' },
  'mirror-unreachable': { code: 'mirror-unreachable' },
  'mirror-redirected': { code: 'mirror-redirected' },
  'mirror-too-large': { code: 'mirror-too-large', megabytes: 16 },
  'copy-hash-mismatch': { code: 'copy-hash-mismatch' },
  'copy-not-signed': { code: 'copy-not-signed' },
  'served-unverified': { code: 'served-unverified' },
  'asked-for-articles': { code: 'asked-for-articles' },
  'mirror-failed': { code: 'mirror-failed', detail: 'Something odd' },
  'index-expired': { code: 'index-expired', date: '2026-01-01' },
  'index-replay': { code: 'index-replay', sequence: 3, seen: 5 },
  'index-number': { code: 'index-number', sequence: 5 },
  'index-older': { code: 'index-older', sequence: 3, newest: 5 },
  'no-mirrors': { code: 'no-mirrors', source: 'City Desk' },
  'no-mirror-answered': { code: 'no-mirror-answered', tried: 2, host: 'a.example', last: { code: 'mirror-timeout' } },
  'no-valid-index': {
    code: 'no-valid-index',
    tried: 4,
    host: 'b.example',
    reason: { code: 'edition-unverified', file: 'index', fault: 'mismatch' },
  },
  'no-current-index': { code: 'no-current-index', tried: 3, host: 'b.example', reason: { code: 'index-expired', date: '2026-01-01' } },
  'mirror-index-unverified': { code: 'mirror-index-unverified', host: 'c.example', reason: { code: 'mirror-too-large', megabytes: 1 } },
  'mirror-index-older': { code: 'mirror-index-older', host: 'c.example', reason: { code: 'index-replay', sequence: 3, seen: 5 } },
  'mirror-served-unverified': { code: 'mirror-served-unverified', host: 'c.example', title: 'A title' },
  'article-unavailable': { code: 'article-unavailable', title: 'A title', last: { code: 'mirror-http', status: 500 } },
  'feed-items': { code: 'feed-items', count: 12 },
  'mhtml-not-archive': { code: 'mhtml-not-archive' },
  'mhtml-no-page': { code: 'mhtml-no-page' },
  'mhtml-unterminated': { code: 'mhtml-unterminated' },
  'mhtml-part-damaged': { code: 'mhtml-part-damaged', address: 'https://site.example/photo.jpg' },
  'wrong-passphrase': { code: 'wrong-passphrase' },
  'empty-passphrase': { code: 'empty-passphrase' },
  'seal-broken': { code: 'seal-broken' },
  'library-locked': { code: 'library-locked' },
  'unknown-kdf': { code: 'unknown-kdf', algorithm: 'scrypt' },
  words: { code: 'words', text: 'Already said.' },
};

const DEFECTS: { [C in ArticleDefect['code']]: ArticleDefect & { code: C } } = {
  'not-object': { code: 'not-object' },
  'bad-id': { code: 'bad-id' },
  'bad-revision': { code: 'bad-revision' },
  'bad-direction': { code: 'bad-direction' },
  'no-publisher': { code: 'no-publisher' },
  'bad-date': { code: 'bad-date' },
  missing: { code: 'missing', field: 'title' },
  'not-text': { code: 'not-text', field: 'byline' },
  'control-characters': { code: 'control-characters', field: 'publisher name' },
  'not-web-address': { code: 'not-web-address', field: 'publisher’s address' },
  'too-long': { code: 'too-long', field: 'summary', max: 5000 },
  'bad-language': { code: 'bad-language', value: 'xx-???' },
  'hidden-characters': { code: 'hidden-characters', field: 'title', character: 'U+202E' },
  'too-deep': { code: 'too-deep', max: 256 },
};

const FIELDS: ArticleField[] = [
  'guid',
  'title',
  'language',
  'publication date',
  'content',
  'byline',
  'address',
  'summary',
  'publisher name',
  'publisher’s address',
];
const FAULTS: SignatureFault[] = [
  'id-mismatch',
  'not-ed25519-article',
  'malformed',
  'id-not-signer',
  'forged',
  'not-ed25519',
  'other-key',
  'mismatch',
];

test('every note shared code gives the reader reads the same in the page’s English as in Node’s', () => {
  const notes: Note[] = [
    ...Object.values(NOTES),
    ...Object.values(DEFECTS).map((defect): Note => ({ code: 'article-damaged', index: 1, defect })),
    ...FIELDS.map((field): Note => ({ code: 'article-damaged', index: 2, defect: { code: 'missing', field } })),
    ...FAULTS.map((fault): Note => ({ code: 'signature', fault })),
    { code: 'feed-items', count: 1 },
  ];
  for (const note of notes) assert.equal(noteText(note), englishNote(note));
  assert.equal(errorText(new BundleError({ code: 'bundle-empty' })), 'This bundle holds no articles.');
  assert.equal(new BundleError({ code: 'bundle-empty' }).message, 'This bundle holds no articles.');
  assert.equal(errorText(new Error('Plain words.')), 'Plain words.');
});
