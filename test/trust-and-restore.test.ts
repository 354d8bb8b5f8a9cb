import './setup-defines.ts';
import './setup-indexeddb.ts';
import './setup-dom.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readBackup } from '../src/backup/read-backup.ts';
import { restoreLibrary } from '../src/backup/restore-library.ts';
import { DEMO_PUBLISHER } from '../src/shared/demo-publisher.ts';
import { trustProblem, trustPublisher, TrustRefused } from '../src/publishers/trust-publisher.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { DB_NAME } from '../src/shared/db-schema.ts';
import { generateSigningKey, signArticle } from '../src/shared/signing.ts';
import { namesLookAlike, skeleton } from '../src/shared/text/confusable-skeleton.ts';
import { hiddenCharacterIn, withoutHiddenCharacters } from '../src/shared/text/hidden-characters.ts';
import { closeDatabase } from '../src/browser/storage/database.ts';
import { getSettings } from '../src/browser/storage/settings.ts';
import { getSource, listSources, putSource } from '../src/browser/storage/sources.ts';
import { trustedKeys } from '../src/browser/storage/trusted-keys.ts';

// A restore tells the app's other tabs through a BroadcastChannel, which would keep Node's process
// alive after the last test: there are no other tabs here.
Reflect.deleteProperty(globalThis, 'BroadcastChannel');

beforeEach(async () => {
  await closeDatabase();
  indexedDB.deleteDatabase(DB_NAME);
});

test('names a reader could take for one another share a skeleton; different names do not', () => {
  assert.equal(skeleton('𝔭𝒶ỿ𝕡𝕒ℓ'), 'paypal');
  for (const [a, b] of [
    ['RFE/RL', 'RFЕ/RL'], // Cyrillic Е
    ['RFE/RL', 'rfe/rl'],
    ['RFE/RL', 'R\u200bFE/RL'],
    ['Радио Свобода', 'Pадио Cвобода'], // Latin P and C
    ['Meduza', 'Meduza '],
    ['Liberty', 'Iiberty'],
    ['Azattyq', 'Azattyq\u00ad'],
    ['RFE/RL', 'ＲＦＥ／ＲＬ'], // fullwidth
    ['RFE/RL', 'ⓇⒻⒺ/ⓇⓁ'], // circled
    ['RFE/RL', 'RFE/Rᴸ'], // a modifier letter
  ])
    assert.ok(namesLookAlike(a!, b!), `${a} ~ ${b}`);
  for (const [a, b] of [
    ['RFE/RL', 'RFE/RL Russian'],
    ['Meduza', 'Medusa'],
    ['Радио Свобода', 'Радио Азаттык'],
  ])
    assert.ok(!namesLookAlike(a!, b!), `${a} ≁ ${b}`);
});

test('hidden characters: bidi controls and invisible ones are found; joiners where a script or an emoji uses them are not', () => {
  for (const text of [
    'a\u202eb',
    'a\u2066b\u2069',
    'R\u200bFE',
    'x\ufeff',
    'RFE\u200d/RL',
    'abc\u200c',
    'tag\u{e0041}',
    'RFE/RL\u2800',
    '\u2800RFE/RL',
    'RFE/RL\u070f',
    'RFE/RL\u{13430}',
    'RFE/RL\u0600',
    'RFE/RL\u{16fe4}',
    'RFE/RL\u{110bd}',
  ]) {
    assert.ok(hiddenCharacterIn(text), JSON.stringify(text));
  }
  // Real text keeps its joiners: Persian before a comma or a digit, Malayalam's chillu at a word's end, Indic conjuncts, emoji.
  for (const text of [
    'می\u200cخواهم',
    'زن\u200c، زندگی',
    '١٢\u200c٣',
    'അവന്\u200d',
    'क्\u200dष',
    '👩\u200d💻',
    'Радио Свобода',
    'مرحبا\u200f!',
    'soft\u00adhyphen',
  ]) {
    assert.equal(hiddenCharacterIn(text), undefined, JSON.stringify(text));
  }
  assert.equal(withoutHiddenCharacters('Ra\u202edio\u200b Liberty می\u200cخواهم'), 'Radio Liberty می\u200cخواهم');
});

test('one trust check: a name that looks like a trusted or followed one, an empty name or one with hidden characters is refused; the same key may be trusted again', async () => {
  const [first, second, third] = await Promise.all([generateSigningKey(), generateSigningKey(), generateSigningKey()]);
  await assert.rejects(
    trustPublisher(first.publicKey, 'Pamphlet dеmo publisher'),
    (error: unknown) => error instanceof TrustRefused && /another key as “Pamphlet demo publisher”/.test(error.message),
  );
  await assert.rejects(trustPublisher(first.publicKey, '  '), TrustRefused);
  await assert.rejects(trustPublisher(first.publicKey, 'Night\u202e Desk'), /hidden character \(U\+202E\)/);
  await trustPublisher(first.publicKey, 'Night Desk');
  await trustPublisher(first.publicKey, 'Night Desk (Kyiv)');
  await assert.rejects(trustPublisher(second.publicKey, 'NIGHT DESK (KYIV)'), /another key as “Night Desk \(Kyiv\)”/);
  await putSource({
    kind: 'edition',
    id: third.publicKey,
    name: 'Followed Desk',
    mirrors: ['https://m.example/'],
    addedAt: 1,
    mirrorStatus: {},
  });
  assert.match((await trustProblem(second.publicKey, 'Followed Desk')) ?? '', /another key as “Followed Desk”/);
  assert.equal(await trustProblem(third.publicKey, 'Followed Desk'), undefined);
  assert.deepEqual([...(await trustedKeys()).values()].map((entry) => entry.name).sort(), ['Night Desk (Kyiv)', DEMO_PUBLISHER.name]);
});

/** A backup file as anyone could write one. */
async function hostileBackup(extras: Record<string, unknown> = {}): Promise<File> {
  const attacker = await generateSigningKey();
  const article = await signArticle(
    {
      guid: 'urn:x',
      revision: 1,
      title: 'Forged',
      publisher: { name: 'Desk' },
      lang: 'en',
      dir: 'ltr',
      published: '2026-01-01',
      content: '<p>x</p>',
    },
    attacker,
  );
  const backup = {
    format: 'pamphlet-library-backup',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    sources: [
      {
        kind: 'edition',
        id: attacker.publicKey,
        name: 'Attacker\u202e Desk',
        mirrors: ['https://a.example/', 'javascript:alert(1)'],
        addedAt: 1,
        lastSequence: 9e15,
        mirrorStatus: { x: 1 },
        extra: '<b>',
      },
      { kind: 'edition', id: 'not a key', name: 'Broken', mirrors: ['https://b.example/'] },
      { kind: 'feed', id: 'file:///etc/passwd', name: 'Local' },
      { kind: 'feed', id: 'https://feed.example/rss', name: 'A feed' },
    ],
    keys: [
      { key: attacker.publicKey, name: DEMO_PUBLISHER.name, origin: 'reader', addedAt: 1 },
      { key: 'short', name: 'Broken' },
      { key: DEMO_PUBLISHER.key, name: 'Renamed demo', origin: 'reader' },
    ],
    reading: [{ articleId: article.id, read: true, position: 7, updatedAt: 4e15, tags: ['Court\u202e', 'x'.repeat(500)], starred: 'yes' }],
    settings: {
      feedProxy: 'javascript:alert(1)',
      ipfsGateways: 'https://gateway.example\njavascript:alert(1)',
      theme: 'dark',
      textScale: 9,
      language: 'ru',
      publishers: { x: 1 },
      vault: 'x',
      madeUp: 1,
    },
    ...extras,
  };
  return new File([encodeBundle([article], [], { extensions: { libraryBackup: backup } })], 'backup.html', { type: 'text/html' });
}

test('a backup is read into a plan of checked values, and nothing is stored until the reader chooses', async () => {
  const plan = await readBackup(await hostileBackup());
  assert.equal(plan.decoded.articles.length, 1);
  // The key posing as the built-in publisher is listed with the reason; broken and known keys are not listed.
  assert.equal(plan.keys.length, 1);
  assert.match(plan.keys[0]!.problem ?? '', /another key as “Pamphlet demo publisher”/);
  // Sources rebuilt from what they mean: web mirrors only, no sync state, names cleaned.
  assert.deepEqual(
    plan.sources.map(({ source, hosts }) => [
      source.kind,
      source.name,
      hosts,
      'lastSequence' in source,
      Object.keys(source.mirrorStatus).length,
    ]),
    [
      ['edition', 'Attacker Desk', ['a.example'], false, 0],
      ['feed', 'A feed', ['feed.example'], false, 0],
    ],
  );
  // Settings: only those a backup may bring, valid, and different from this library's.
  assert.deepEqual(plan.settings, [
    { key: 'theme', value: 'dark' },
    { key: 'language', value: 'ru' },
  ]);
  // Those of a wrong value are named, so that the reader knows they were not taken.
  assert.deepEqual(plan.invalidSettings, ['feedProxy', 'ipfsGateways', 'textScale']);
  assert.deepEqual(plan.reading, [
    {
      articleId: plan.decoded.articles[0]!.id,
      read: true,
      position: 1,
      updatedAt: plan.reading[0]!.updatedAt,
      tags: ['Court', 'x'.repeat(200)],
    },
  ]);
  assert.ok(plan.reading[0]!.updatedAt <= Date.now());
  assert.deepEqual(await listSources(), []);
  assert.equal((await getSettings()).theme, 'system');

  const report = await restoreLibrary(plan, {
    keys: new Set(plan.keys.map((key) => key.key)),
    sources: new Set(),
    settings: new Set(['language']),
  });
  assert.deepEqual(report, { articles: 1, refused: 0, sources: 0, keys: 0, readingStates: 1, settings: 1 });
  assert.equal((await trustedKeys()).size, 1);
  assert.deepEqual(await listSources(), []);
  const settings = await getSettings();
  assert.deepEqual([settings.language, settings.theme, settings.feedProxy], ['ru', 'system', '']);
  const followed = plan.sources[0]!.source;
  await restoreLibrary(plan, { keys: new Set(), sources: new Set([followed.id]), settings: new Set() });
  assert.equal((await getSource(followed.id))?.name, 'Attacker Desk');
});

test("a backup's IPFS gateways are offered when every line is a gateway's web address, and restored only when chosen", async () => {
  const plan = await readBackup(await hostileBackup({ settings: { ipfsGateways: 'https://gateway.example/\n\n https://other.example ' } }));
  assert.deepEqual(plan.settings, [{ key: 'ipfsGateways', value: 'https://gateway.example\nhttps://other.example' }]);
  const before = (await getSettings()).ipfsGateways;
  await restoreLibrary(plan, { keys: new Set(), sources: new Set(), settings: new Set() });
  assert.equal((await getSettings()).ipfsGateways, before);
  await restoreLibrary(plan, { keys: new Set(), sources: new Set(), settings: new Set(['ipfsGateways']) });
  assert.equal((await getSettings()).ipfsGateways, 'https://gateway.example\nhttps://other.example');
});

test('a backup’s reading-aloud speed and voices are offered when of their type and range, named as not valid when not', async () => {
  const good = await readBackup(
    await hostileBackup({ settings: { readAloudRate: 1.25, readAloudVoices: { ar: 'Voice of Cairo', en: 'Voice of York' } } }),
  );
  assert.deepEqual(good.settings, [
    { key: 'readAloudRate', value: 1.25 },
    { key: 'readAloudVoices', value: { ar: 'Voice of Cairo', en: 'Voice of York' } },
  ]);
  assert.deepEqual(good.invalidSettings, []);
  await restoreLibrary(good, { keys: new Set(), sources: new Set(), settings: new Set(['readAloudRate', 'readAloudVoices']) });
  const restored = await getSettings();
  assert.deepEqual([restored.readAloudRate, restored.readAloudVoices], [1.25, { ar: 'Voice of Cairo', en: 'Voice of York' }]);
  // The same values again are no change to offer.
  assert.deepEqual((await readBackup(await hostileBackup({ settings: { readAloudRate: 1.25 } }))).settings, []);

  for (const [readAloudRate, readAloudVoices] of [
    [9, { ar: 7 }],
    ['1.5', ['Voice']],
    [-1, { 'not a language': 'Voice' }],
    [Number.NaN, { en: 'x'.repeat(501) }],
  ]) {
    const bad = await readBackup(await hostileBackup({ settings: { readAloudRate, readAloudVoices } }));
    assert.deepEqual(bad.settings, []);
    assert.deepEqual(bad.invalidSettings, ['readAloudRate', 'readAloudVoices']);
  }
});

test('a followed source goes by the name its key is trusted under; a restored one named like another publisher is not offered', async () => {
  const { subscribeEdition } = await import('../src/sync/subscribe.ts');
  const [real, attacker, third] = await Promise.all([generateSigningKey(), generateSigningKey(), generateSigningKey()]);
  await trustPublisher(real.publicKey, 'RFE/RL');
  await trustPublisher(attacker.publicKey, 'Small blog');
  // Its own descriptor, signed, calls the attacker's key "RFE/RL": the source keeps the trusted name.
  const { signDescriptor } = await import('../src/cli/edition/sign-descriptor.ts');
  const posing = await signDescriptor(attacker, { name: 'RFE/RL', mirrors: ['https://m.attacker.example/'], sequence: 1 });
  assert.equal((await subscribeEdition(posing)).name, 'Small blog');
  // A backup's source of a key not trusted here, named like the trusted one, is listed with the reason and cannot be followed.
  const plan = await readBackup(await hostileBackup());
  const backup = {
    format: 'pamphlet-library-backup',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    sources: [{ kind: 'edition', id: third.publicKey, name: 'RFE/RL', mirrors: ['https://m.third.example/'], addedAt: 1 }],
    keys: [],
    reading: [],
    settings: {},
  };
  const article = plan.decoded.articles[0]!;
  const restored = await readBackup(new File([encodeBundle([article], [], { extensions: { libraryBackup: backup } })], 'b.html'));
  assert.match(restored.sources[0]!.problem ?? '', /another key as “RFE\/RL”/);
  await restoreLibrary(restored, { keys: new Set(), sources: new Set([third.publicKey]), settings: new Set() });
  assert.equal(await getSource(third.publicKey), undefined);
});

test('a bundle that is not a backup, or a backup of another version, is refused with the reason', async () => {
  const key = await generateSigningKey();
  const article = await signArticle(
    {
      guid: 'urn:y',
      revision: 1,
      title: 'Plain',
      publisher: { name: 'Desk' },
      lang: 'en',
      dir: 'ltr',
      published: '2026-01-01',
      content: '<p>x</p>',
    },
    key,
  );
  await assert.rejects(readBackup(new File([encodeBundle([article], [])], 'a.html')), /not a library backup/);
  await assert.rejects(readBackup(await hostileBackup({ version: 2 })), /version 2, which this version of Pamphlet cannot restore/);
});

test("a backup's reading look is offered only as a name from its list; anything else is refused with a message, and nothing of it is stored", async () => {
  const hostile = await readBackup(
    await hostileBackup({
      settings: { readingFont: 'x; } body { background: url(//evil.example/) } {', lineWidth: '999ch', lineSpacing: 1.9 },
    }),
  );
  assert.deepEqual(hostile.settings, []);
  assert.deepEqual(hostile.invalidSettings, ['readingFont', 'lineWidth', 'lineSpacing']);
  await restoreLibrary(hostile, { keys: new Set(), sources: new Set(), settings: new Set(['readingFont', 'lineWidth', 'lineSpacing']) });
  const kept = await getSettings();
  assert.deepEqual([kept.readingFont, kept.lineWidth, kept.lineSpacing], ['serif', 'medium', 'normal']);

  const valid = await readBackup(
    await hostileBackup({ settings: { readingFont: 'readable', lineWidth: 'narrow', lineSpacing: 'relaxed' } }),
  );
  assert.deepEqual(valid.invalidSettings, []);
  assert.deepEqual(valid.settings, [
    { key: 'readingFont', value: 'readable' },
    { key: 'lineWidth', value: 'narrow' },
    { key: 'lineSpacing', value: 'relaxed' },
  ]);
  await restoreLibrary(valid, { keys: new Set(), sources: new Set(), settings: new Set(['readingFont', 'lineWidth', 'lineSpacing']) });
  const restored = await getSettings();
  assert.deepEqual([restored.readingFont, restored.lineWidth, restored.lineSpacing], ['readable', 'narrow', 'relaxed']);
});

test('a stored reading look that is not on its list reads as the default', async () => {
  const { putSetting } = await import('../src/browser/storage/settings.ts');
  await putSetting('readingFont', '</style><script>');
  await putSetting('lineWidth', 'narrow');
  await putSetting('lineSpacing', { value: 'relaxed' });
  const settings = await getSettings();
  assert.deepEqual([settings.readingFont, settings.lineWidth, settings.lineSpacing], ['serif', 'narrow', 'normal']);
});
