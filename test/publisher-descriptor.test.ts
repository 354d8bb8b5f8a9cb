import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { compactPayload, decodeCompactPayload, sharedPayload } from '../src/shared/bundle/compact-payload.ts';
import { SINGLE_CODE_CAPACITY } from '../src/shared/qr/qr-capacity.ts';
import { EDITION_VERSION, SOURCE_FORMAT, type SourceDescriptor } from '../src/shared/edition/edition-format.ts';
import { EditionError, parseSourceDescriptor } from '../src/shared/edition/parse-edition.ts';
import { readerApps } from '../src/shared/edition/reader-apps.ts';
import { generateSigningKey, signArticle, signJson, type SigningKey } from '../src/shared/signing.ts';

async function descriptor(key: SigningKey, fields: Partial<SourceDescriptor> = {}): Promise<SourceDescriptor> {
  return signJson(
    {
      format: SOURCE_FORMAT,
      version: EDITION_VERSION,
      name: 'Way Home News',
      key: key.publicKey,
      mirrors: ['https://mirror-a.example/news/'],
      sequence: 7,
      app: 'https://reader.example/',
      ...fields,
    },
    key,
  );
}

async function refusedWith(value: unknown, pattern: RegExp): Promise<void> {
  await assert.rejects(parseSourceDescriptor(value, 'publisher'), (error: unknown) => {
    assert.ok(error instanceof EditionError, `expected an EditionError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

test('a signed descriptor with a sequence and an app address verifies, unknown fields kept; one without them (made before) still does', async () => {
  const key = await generateSigningKey();
  const signed = await descriptor(key, { futureField: { anything: true } } as Partial<SourceDescriptor>);
  assert.deepEqual(await parseSourceDescriptor(signed, 'publisher'), signed);
  const { sequence: _sequence, app: _app, ...older } = await descriptor(key);
  const oldStyle = await signJson({ ...older, signature: undefined }, key);
  assert.equal((await parseSourceDescriptor(oldStyle)).sequence, undefined);
});

test('every field of a descriptor is covered by its signature: a changed one is refused', async () => {
  const key = await generateSigningKey();
  const signed = await descriptor(key);
  for (const change of [
    { name: 'Impostor News' },
    { mirrors: ['https://impostor.example/'] },
    { sequence: 8 },
    { app: 'https://impostor.example/app/' },
    { apps: ['https://reader.example/', 'https://impostor.example/app/'] },
    { extra: 1 },
  ]) {
    await refusedWith({ ...signed, ...change }, /does not verify: its signature does not match its content/);
  }
});

test('a descriptor lists the reader app’s addresses in apps, signed; a reader takes app first, then apps, each once', async () => {
  const key = await generateSigningKey();
  const apps = ['https://reader.example/', 'https://mirror-a.example/news/app/', 'https://mirror-b.example/app/'];
  const signed = await descriptor(key, { app: apps[0], apps });
  assert.deepEqual((await parseSourceDescriptor(signed, 'publisher')).apps, apps);
  assert.deepEqual(readerApps(signed), apps);
  // Older descriptors have app alone; some writer may give apps alone, or an app not among them.
  assert.deepEqual(readerApps({ app: 'https://reader.example/' }), ['https://reader.example/']);
  assert.deepEqual(readerApps({ apps: apps.slice(1) }), apps.slice(1));
  assert.deepEqual(readerApps({ app: 'https://elsewhere.example/', apps }), ['https://elsewhere.example/', ...apps]);
  // The same address twice, as written or as a URL, is one; an address that is no web address is none.
  assert.deepEqual(readerApps({ app: 'https://READER.example/', apps: [...apps, 'https://reader.example/', 'javascript:alert(1)'] }), [
    'https://READER.example/',
    ...apps.slice(1),
  ]);
  assert.deepEqual(readerApps({ apps: 'https://reader.example/' as unknown as string[] }), []);
});

test('a descriptor signed by another key than the one it names is refused as such', async () => {
  const [publisher, impostor] = [await generateSigningKey(), await generateSigningKey()];
  const forged = await signJson({ ...(await descriptor(publisher)), signature: undefined }, impostor);
  await refusedWith(forged, /signed by a key other than the one it names/);
});

test('bad fields are refused with the reason, before the signature is looked at', async () => {
  const key = await generateSigningKey();
  const cases: Array<[Partial<SourceDescriptor> | Record<string, unknown>, RegExp]> = [
    [{ app: 'javascript:alert(1)' }, /reader app’s address is not a web address/],
    [{ app: 'data:text/html,x' }, /reader app’s address is not a web address/],
    [{ apps: 'https://reader.example/' }, /list of reader app addresses is not a list of addresses/],
    [{ apps: { first: 'https://reader.example/' } }, /list of reader app addresses is not a list of addresses/],
    [{ apps: ['https://reader.example/', 7] }, /list of reader app addresses is not a list of addresses/],
    [{ apps: ['https://reader.example/', null] }, /list of reader app addresses is not a list of addresses/],
    [{ apps: null }, /list of reader app addresses is not a list of addresses/],
    [{ apps: ['https://reader.example/', 'javascript:alert(1)'] }, /reader app address “javascript:alert\(1\)” is not a web address/],
    [{ apps: ['ftp://files.example/app/'] }, /reader app address “ftp:\/\/files\.example\/app\/” is not a web address/],
    [{ apps: ['not an address'] }, /reader app address “not an address” is not a web address/],
    [{ apps: [`https://reader.example/${'a'.repeat(2048)}`] }, /reader app address “https:\/\/reader\.example\/a+” is not a web address/],
    [{ apps: Array.from({ length: 17 }, (_, n) => `https://m${n}.example/app/`) }, /more than 16 reader app addresses/],
    [{ mirrors: ['file:///etc/passwd'] }, /is not a web address/],
    [{ mirrors: ['https://x.example/'.padEnd(3000, 'a')] }, /is not a web address/],
    [{ mirrors: Array.from({ length: 33 }, (_, n) => `https://m${n}.example/`) }, /more than 32 mirrors/],
    [{ mirrors: 'https://x.example/' }, /mirror list is not a list/],
    [{ name: 'x'.repeat(301) }, /longer than 300 characters, or holds control or hidden characters/],
    [{ name: 'News\u202e' }, /control or hidden characters/],
    [{ name: '' }, /does not name its publisher/],
    [{ sequence: -1 }, /has no sequence number/],
    [{ sequence: 1.5 }, /has no sequence number/],
    [{ sequence: '9' }, /has no sequence number/],
    [{ key: 'not a key' }, /does not give the publisher’s key/],
    [{ format: 'other' }, /is not a Pamphlet source/],
    [{ version: 2 }, /uses version 2, which this version of Pamphlet cannot read/],
    // No version at all is damage, and said so (it read "uses version undefined").
    [{ version: undefined }, /is damaged: it does not say which version it uses/],
    [{ version: '1' }, /is damaged: it does not say which version it uses/],
  ];
  for (const [change, pattern] of cases) await refusedWith(await descriptor(key, change), pattern);
});

test('a bundle carries descriptors in its payload and shows their http(s) links, escaped, without the app', async () => {
  const key = await generateSigningKey();
  const article = await signArticle(
    {
      guid: 'urn:way-home:1',
      revision: 1,
      title: 'Hello',
      publisher: { name: 'Way Home News' },
      lang: 'en',
      dir: 'ltr',
      published: '2026-01-02',
      content: '<p>Hi</p>',
    },
    key,
  );
  const named = await descriptor(key, { name: 'News <script>alert(1)</script> & "Co"' });
  const text = encodeBundle([article], [], { publishers: [named] });
  const decoded = await decodeBundle(text);
  assert.deepEqual(decoded.publishers, [named]);
  assert.deepEqual(decoded.extensions, {});
  assert.match(
    text,
    /<a href="https:\/\/mirror-a\.example\/news\/edition\.html" rel="noreferrer">Read more from <bdi>News &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;Co&quot;<\/bdi> at mirror-a\.example<\/a>/,
  );
  assert.match(text, /<a href="https:\/\/reader\.example\/" rel="noreferrer">Install the reader<\/a>/);
  // Several addresses: a link to each, named by where it leads.
  const hosted = await descriptor(key, { apps: ['https://reader.example/', 'https://mirror-a.example/news/app/'] });
  const both = encodeBundle([article], [], { publishers: [hosted] });
  assert.match(both, /<a href="https:\/\/reader\.example\/" rel="noreferrer">Install the reader from reader\.example<\/a>/);
  assert.match(
    both,
    /<a href="https:\/\/mirror-a\.example\/news\/app\/" rel="noreferrer">Install the reader from mirror-a\.example\/news\/app<\/a>/,
  );
  assert.doesNotMatch(text.replace(/<script type="application\/json"[\s\S]*<\/script>/, ''), /<script>/);

  // Whatever a caller passes, only http(s) addresses become links.
  const unchecked = { ...named, mirrors: ['javascript:alert(1)'], app: 'data:text/html,<b>x</b>', apps: ['javascript:alert(2)'] };
  assert.doesNotMatch(encodeBundle([article], [], { publishers: [unchecked] }), /href="(javascript|data):/);

  // The compact form carries them too.
  assert.deepEqual((await decodeCompactPayload(await compactPayload([article], undefined, [named]))).publishers, [named]);
});

test('a bundle whose publishers entry is damaged still gives its articles: the entry is only ignored', async () => {
  const key = await generateSigningKey();
  const article = await signArticle(
    {
      guid: 'urn:way-home:2',
      revision: 1,
      title: 'Hello',
      publisher: { name: 'X' },
      lang: 'en',
      dir: 'ltr',
      published: '2026-01-02',
      content: '<p>Hi</p>',
    },
    key,
  );
  const text = encodeBundle([article], []).replace('"images":[]', '"images":[],"publishers":"not a list"');
  const decoded = await decodeBundle(text);
  assert.equal(decoded.articles.length, 1);
  assert.deepEqual(decoded.publishers, []);
});

test('a shared link or QR payload carries the descriptors, unless they alone would push it past one QR code', async () => {
  const key = await generateSigningKey();
  const named = await descriptor(key, { mirrors: Array.from({ length: 8 }, (_, n) => `https://mirror-${n}.example/news/`) });
  // Text that barely compresses, so that its length decides the payload's.
  const noise = (length: number) =>
    Array.from({ length }, (_, n) => String.fromCharCode(0x41 + (((n * 7919) % 2039) % 26)) + ((n * 104729) % 97).toString(36))
      .join('')
      .slice(0, length);
  const article = async (length: number) =>
    signArticle(
      {
        guid: `urn:way-home:${length}`,
        revision: 1,
        title: 'Hello',
        publisher: { name: 'X' },
        lang: 'en',
        dir: 'ltr',
        published: '2026-01-02',
        content: `<p>${noise(length)}</p>`,
      },
      key,
    );
  const carried = async (length: number) =>
    (await decodeCompactPayload(await sharedPayload([await article(length)], undefined, [named]))).publishers.length;

  assert.equal(await carried(100), 1);
  // Find an article that fits one code alone but not with the descriptor.
  let [low, high] = [100, 20_000];
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if ((await compactPayload([await article(middle)])).length <= SINGLE_CODE_CAPACITY) low = middle;
    else high = middle;
  }
  assert.ok(
    (await compactPayload([await article(low)], undefined, [named])).length > SINGLE_CODE_CAPACITY,
    'the descriptor takes it past one code',
  );
  assert.equal(await carried(low), 0);
  // Past one code anyway (an animated run): the descriptors go too.
  assert.equal(await carried(high + 2000), 1);
});
