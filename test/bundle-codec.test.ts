import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/shared/article.ts';
import { BundleError, type DecodedImage } from '../src/shared/bundle/bundle-format.ts';
import { BUNDLE_VIEW_CSP } from '../src/shared/bundle/bundle-view.ts';
import { decodeBundle, isBundle } from '../src/shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { sha256Hex } from '../src/shared/sha256.ts';
import { Parser } from 'htmlparser2';

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

async function fixture(): Promise<{ article: Article; image: DecodedImage }> {
  const hash = await sha256Hex(PNG_BYTES);
  return {
    image: { hash, type: 'image/png', bytes: PNG_BYTES },
    article: {
      id: 'f'.repeat(64),
      guid: 'urn:test:1',
      revision: 1,
      title: 'Title with </script><script>alert(1)</script> in it',
      byline: 'A. Writer',
      publisher: { name: 'Test Desk' },
      lang: 'en',
      dir: 'ltr',
      published: '2020-05-01T08:00:00Z',
      content: `<p>Before.</p><figure><img src="sha256:${hash}" alt="x"></figure><p>After &amp; <!-- done --></p>`,
    },
  };
}

async function rejectsWith(text: string, pattern: RegExp): Promise<void> {
  await assert.rejects(decodeBundle(text), (error: unknown) => {
    assert.ok(error instanceof BundleError, `expected a BundleError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

test('a bundle round-trips its articles and images, byte for byte', async () => {
  const { article, image } = await fixture();
  const file = encodeBundle([article], [image]);
  assert.ok(isBundle(file));
  const decoded = await decodeBundle(file);
  assert.deepEqual(decoded.articles, [article]);
  assert.equal(decoded.images.length, 1);
  assert.equal(decoded.images[0]!.hash, image.hash);
  assert.deepEqual([...decoded.images[0]!.bytes], [...PNG_BYTES]);
});

test('the payload element cannot be closed early by what an article says', async () => {
  const { article, image } = await fixture();
  const file = encodeBundle([article], [image]);
  const payload = file.slice(file.indexOf('<script type="application/json"'));
  // Exactly one `<` inside the element: none of the article's own survive unescaped.
  const inside = payload.slice(payload.indexOf('>') + 1, payload.indexOf('</script>'));
  assert.ok(!inside.includes('<'));
  assert.ok(inside.includes('\\u003c/script>'));
});

test('the file shows its articles without script: CSP first, lang and dir, images inline', async () => {
  const { article, image } = await fixture();
  const rtl: Article = { ...article, id: 'e'.repeat(64), title: 'عنوان', lang: 'ar', dir: 'rtl', content: '<p>نص</p>' };
  const file = encodeBundle([article, rtl], [image]);
  const head = file.slice(file.indexOf('<head>') + '<head>'.length).trimStart();
  assert.ok(head.startsWith(`<meta http-equiv="Content-Security-Policy" content="${BUNDLE_VIEW_CSP}">`));
  assert.match(BUNDLE_VIEW_CSP, /default-src 'none'/);
  assert.match(file, /<nav aria-label="Contents">/);
  assert.match(file, new RegExp(`<article id="article-${'e'.repeat(64)}" lang="ar" dir="rtl">`));
  assert.match(file, /<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="x">/);
  assert.match(file, /<h1>Title with &lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; in it<\/h1>/);
  assert.doesNotMatch(encodeBundle([article], [image]), /<nav/);
});

test('fields this version does not know are kept, untouched', async () => {
  const { article } = await fixture();
  const future = { ...article, content: '<p>x</p>', mood: { tone: 'calm' } } as Article;
  const [decoded] = (await decodeBundle(encodeBundle([future], []))).articles;
  assert.deepEqual((decoded as unknown as { mood: unknown }).mood, { tone: 'calm' });
});

test('bad bundles are refused with a reason', async () => {
  const { article, image } = await fixture();
  const good = encodeBundle([article], [image]);
  const payloadAt = good.indexOf('{"format"');

  await rejectsWith('<html><body><p>Just a page</p></body></html>', /not a Pamphlet bundle/);
  await rejectsWith(good.slice(0, payloadAt + 200), /cut short|truncated/);
  await rejectsWith(good.replace('{"format"', '{"format":,'), /not valid JSON/);
  await rejectsWith(good.replace('"version":1', '"version":2'), /format version 2.*cannot read/);
  // Found by the fuzzer: without a version the reader was told of "format version undefined".
  await rejectsWith(good.replace('"version":1,', ''), /damaged: it does not say which version of the format it uses/);
  await rejectsWith(good.replace('"version":1', '"version":"1"'), /damaged: it does not say which version of the format it uses/);
  await rejectsWith(good.replace('"format":"pamphlet-bundle"', '"format":"other"'), /another format/);

  const tampered = good.replace(/"data":"([A-Za-z0-9+/]{4})/, (_, first: string) => `"data":"${first === 'AAAA' ? 'BBBB' : 'AAAA'}`);
  await rejectsWith(tampered, /does not match its hash/);
  await rejectsWith(encodeBundle([article], []), /refers to an image the bundle does not hold/);
  await rejectsWith(good.replace('"title":"Title', '"titel":"Title'), /Article 1 .* its title is missing/);
  await rejectsWith(good.replace('"dir":"ltr"', '"dir":"sideways"'), /direction/);
  await rejectsWith(good.replace('"revision":1', '"revision":0'), /revision/);
  await rejectsWith(good.replace('"published":"2020-05-01T08:00:00Z"', '"published":"yesterday"'), /date/);
  await rejectsWith(good.replace(/"articles":\[.*\],"images"/s, '"articles":[],"images"'), /holds no articles/);
});

test('the compact form carries the text of signed articles through a link', async () => {
  const { compactPayload, decodeCompactPayload, linkFor, payloadOfLink } = await import('../src/shared/bundle/compact-payload.ts');
  const { article } = await fixture();
  const link = linkFor('https://mirror.example/app/?x=1#old', await compactPayload([article]));
  assert.match(link, /^https:\/\/mirror\.example\/app\/#bundle=[A-Za-z0-9_-]+$/);
  const decoded = await decodeCompactPayload(payloadOfLink(`Read this: ${link}`)!);
  assert.deepEqual(decoded.articles, [article]);
  assert.equal(decoded.imagesOmitted, true);
  assert.equal(payloadOfLink('https://mirror.example/app/'), undefined);
});

test('the compact form carries images only when asked, and then each one checked against its hash', async () => {
  const { compactPayload, decodeCompactPayload } = await import('../src/shared/bundle/compact-payload.ts');
  const { article, image } = await fixture();
  const withImages = await decodeCompactPayload(await compactPayload([article], [image]));
  assert.deepEqual(withImages.articles, [article]);
  assert.equal(withImages.imagesOmitted, false);
  assert.deepEqual(
    withImages.images.map(({ hash, type, bytes }) => ({ hash, type, bytes: [...bytes] })),
    [{ hash: image.hash, type: 'image/png', bytes: [...PNG_BYTES] }],
  );
  const textOnly = await decodeCompactPayload(await compactPayload([article]));
  assert.deepEqual(textOnly.images, []);
  assert.ok((await compactPayload([article])).length < (await compactPayload([article], [image])).length);
});

test('damaged and oversized links are refused with a reason', async () => {
  const { compactPayload, decodeCompactPayload, MAX_INFLATED_BYTES } = await import('../src/shared/bundle/compact-payload.ts');
  const { article } = await fixture();
  const bytes = await compactPayload([article]);
  await assert.rejects(decodeCompactPayload(bytes.subarray(0, bytes.length - 20)), BundleError);
  await assert.rejects(decodeCompactPayload(new Uint8Array([1, 2, 3, 4, 5])), /cannot be unpacked/);
  // A few KB that inflate to more than the limit: refused while inflating, never held whole.
  const stream = new Blob([new Uint8Array(MAX_INFLATED_BYTES + 1024)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bomb = new Uint8Array(await new Response(stream).arrayBuffer());
  assert.ok(bomb.length < 64 * 1024);
  await assert.rejects(decodeCompactPayload(bomb), /larger than 8 MB/);
});

test('a bundle cut before its data is still recognised as a truncated bundle', async () => {
  const { article } = await fixture();
  const file = encodeBundle([{ ...article, content: '<p>x</p>' }], []);
  const cut = file.slice(0, file.indexOf('<script type="application/json"') - 10);
  assert.ok(isBundle(cut));
  await rejectsWith(cut, /cut short: its data is missing/);
  assert.ok(!isBundle('<!doctype html><html><head><meta name="generator" content="WordPress"></head></html>'));
});

test('every field is validated: wrong kinds, lengths and forms refuse the bundle, naming the field', async () => {
  const { article } = await fixture();
  const plain = { ...article, content: '<p>x</p>' };
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ url: 'javascript:alert(1)' }, /its address is not a web address/],
    [{ url: 'data:text/html,<script>alert(1)</script>' }, /its address is not a web address/],
    [{ publisher: { name: 'Desk', url: 'vbscript:msgbox(1)' } }, /publisher’s address is not a web address/],
    [{ publisher: { name: '' } }, /publisher name is missing/],
    [{ publisher: 'Desk' }, /publisher has no name/],
    [{ lang: '"><script>alert(1)</script>' }, /is not a language tag/],
    [{ lang: 'en' + 'x'.repeat(80) }, /language/],
    [{ title: 'Title\u0007with a bell' }, /title holds control characters/],
    [{ byline: 'x'.repeat(501) }, /byline is longer than 500 characters/],
    [{ id: '../../etc/passwd' }, /id is not 64 hexadecimal digits/],
    [{ published: '2020-01-01<img src=x>' }, /publication date is not an ISO 8601 date/],
    [{ summary: 42 }, /summary is not text/],
  ];
  for (const [change, message] of cases) {
    await rejectsWith(encodeBundle([{ ...plain, ...change }], []), message);
  }
  // Markup in a text field is only text: it is accepted, and shown as written.
  const markup = { ...plain, title: '<img src=x onerror=alert(1)>' };
  assert.equal((await decodeBundle(encodeBundle([markup], []))).articles[0]!.title, '<img src=x onerror=alert(1)>');
});

test('images of a type the app does not show, or not named by a hash, refuse the bundle', async () => {
  const { article, image } = await fixture();
  const svg = encodeBundle([article], [{ ...image, type: 'image/svg+xml' }]);
  await rejectsWith(svg, /image of a type Pamphlet does not show \(image\/svg\+xml\)/);
  const unnamed = encodeBundle([article], [image]).replace(`"hash":"${image.hash}"`, '"hash":"picture.png"');
  await rejectsWith(unnamed, /not named by a SHA-256 hash/);
});

/** Every element a parser finds in `html`, with its attributes, in document order. */
function elementsOf(html: string): Array<{ name: string; attributes: Record<string, string> }> {
  const found: Array<{ name: string; attributes: Record<string, string> }> = [];
  const parser = new Parser({ onopentag: (name, attributes) => found.push({ name, attributes }) });
  parser.write(html);
  parser.end();
  return found;
}

const HIDDEN_PAYLOAD =
  '<script type="application/json" id="pamphlet-bundle">{"format":"pamphlet-bundle","version":1,"articles":[]}</script>';
const HOSTILE_HEAD =
  '<meta http-equiv="refresh" content="0;url=https://t.example/"><base href="https://t.example/"><link rel="stylesheet" href="https://t.example/x.css"><style>body{display:none}</style>';

test('the readable part holds only what the allowlist keeps: no script, meta, link, base or style from an article, whatever it carries', async () => {
  const { article, image } = await fixture();
  const hostile: Article = {
    ...article,
    content: `${HIDDEN_PAYLOAD}${HOSTILE_HEAD}<p onclick="x()" style="color:red" id="x">Kept <a href="javascript:alert(1)">bad</a> <a href="https://ok.example/">good</a></p><img src="https://t.example/p.png" alt="remote"><img src="sha256:${image.hash}" alt="own"><svg><script>alert(1)</script></svg><template><p>inert</p></template>`,
  };
  const file = encodeBundle([hostile], [image]);
  const body = file.slice(file.indexOf('<body>'), file.lastIndexOf('<script type="application/json"'));
  const elements = elementsOf(body);
  assert.deepEqual(
    elements.filter(({ name }) => ['script', 'meta', 'link', 'base', 'style', 'svg', 'template', 'iframe'].includes(name)),
    [],
  );
  for (const { name, attributes } of elements) {
    for (const attribute of Object.keys(attributes)) {
      assert.ok(
        (!attribute.startsWith('on') && !['style', 'id'].includes(attribute)) || (name === 'article' && attribute === 'id'),
        `${name}[${attribute}]`,
      );
    }
  }
  assert.match(body, /<p>Kept <a>bad<\/a> <a href="https:\/\/ok\.example\/" rel="noreferrer">good<\/a><\/p>/);
  // The bundle's own image is inline; a remote one is left out, as the file may load nothing.
  assert.deepEqual(
    elements.filter(({ name }) => name === 'img').map(({ attributes }) => attributes.alt),
    ['own'],
  );
  assert.match(body, /<img src="data:image\/png;base64,[^"]+" alt="own">/);
  // Exactly one payload in the file, the last thing in its body, and it carries the article as signed.
  assert.equal(file.match(/id="pamphlet-bundle"/g)?.length, 1);
  const decoded = await decodeBundle(file);
  assert.equal(decoded.articles[0]!.content, hostile.content);
});

test('a file with a second payload element or any other script anywhere, or its payload elsewhere than last, is refused with the reason', async () => {
  const { article, image } = await fixture();
  const good = encodeBundle([article], [image]);
  const payloadAt = good.lastIndexOf('<script type="application/json"');
  // As a version before this one wrote it: an article's hidden payload copied raw into the readable part.
  const smuggled = good.replace('<footer', `${HIDDEN_PAYLOAD}<footer`);
  await rejectsWith(smuggled, /holds 2 script elements where a bundle has one, its data/);
  await rejectsWith(
    good.replace('<head>', `<head>${HIDDEN_PAYLOAD.replace('id="pamphlet-bundle"', "ID='pamphlet-bundle'")}`),
    /holds 2 script elements/,
  );
  // What a DOM-based reader would take for the payload (the entity is decoded, the `>` is quoted),
  // or any script at all: one script, the payload, or the file is refused.
  for (const extra of [
    '<script type="application/json" id="pamphlet&#45;bundle">{}</script>',
    '<script data-x=">" type="application/json" id="pamphlet-bundle">{}</script>',
    '<SCRIPT type="application/ld+json">{}</SCRIPT>',
  ]) {
    await rejectsWith(good.replace('<body>', `<body>${extra}`), /holds 2 script elements/);
  }
  await rejectsWith(
    `${good.slice(0, payloadAt)}${good.slice(payloadAt).replace('</body>', '<p>after</p></body>')}`,
    /not where the format puts it/,
  );
  const moved =
    good.slice(0, payloadAt).replace('<footer', `${good.slice(payloadAt, good.indexOf('</script>', payloadAt) + 9)}<footer`) +
    '</body>\n</html>\n';
  await rejectsWith(moved, /not where the format puts it/);
  // What may follow the payload: the end tags of body and html, any white space, or nothing at all.
  assert.equal((await decodeBundle(good.replace(/<\/body>\s*<\/html>\s*$/, ''))).articles.length, 1);
  assert.equal((await decodeBundle(`${good}\n\n`)).articles.length, 1);
});

test('finding the payload takes time linear in the file, whatever a hostile file holds', async () => {
  for (const hostile of [
    '<script '.repeat(600_000),
    `${'<script id=pamphlet-bundle '.repeat(150_000)}`,
    `<meta name="generator" content="Pamphlet">${'<script>'.repeat(500_000)}`,
  ]) {
    const started = performance.now();
    isBundle(hostile);
    await decodeBundle(hostile).catch(() => undefined);
    assert.ok(performance.now() - started < 1000, `${hostile.slice(0, 30)}…: ${Math.round(performance.now() - started)} ms`);
  }
});

test('an article nested deeper than any article is refused, naming why', async () => {
  const { article } = await fixture();
  const deep = { ...article, content: `${'<div>'.repeat(300)}<p>x</p>${'</div>'.repeat(300)}` };
  await rejectsWith(encodeBundle([deep], []), /nests elements more than 256 deep/);
});
