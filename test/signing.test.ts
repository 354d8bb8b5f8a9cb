import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Article } from '../src/shared/article.ts';
import { base64ToBytes } from '../src/shared/base64.ts';
import {
  checkSignature,
  fingerprintOf,
  generateSigningKey,
  importSigningKey,
  signArticle,
  signedBytes,
  unsignedArticle,
  type Draft,
} from '../src/shared/signing.ts';
import { verdictOf, type TrustedKey } from '../src/shared/verdict.ts';

/** The test vectors, read from the spec itself so that the two cannot drift apart. */
function vectors() {
  const doc = readFileSync(new URL('../docs/bundle-format.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## 11. Test vectors'));
  const field = (label: string) => new RegExp(`${label}:\\s+(\\S[^\\n]*)`).exec(section)?.[1]?.trim() ?? '';
  const blocks = [...section.matchAll(/```(?:json|text)\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
  return {
    pkcs8: field('private key, PKCS#8, base64'),
    key: field('public key, base64url'),
    fingerprint: field('fingerprint'),
    draft: JSON.parse(blocks[1]!) as Draft,
    idInput: blocks[2]!,
    id: field('id'),
    canonical: blocks[4]!,
    canonicalSha256: /SHA-256\s+`([0-9a-f]{64})`/.exec(section)?.[1] ?? '',
    signature: field('signature, base64url'),
  };
}

test('the code reproduces the spec’s test vectors', async () => {
  const v = vectors();
  assert.equal(createHash('sha256').update(v.idInput).digest('hex'), v.id);
  assert.equal(createHash('sha256').update(v.canonical).digest('hex'), v.canonicalSha256);
  const key = await importSigningKey(base64ToBytes(v.pkcs8), v.key);
  const article = await signArticle(v.draft, key);
  assert.equal(article.id, v.id);
  assert.equal(new TextDecoder().decode(signedBytes(article)), v.canonical);
  assert.deepEqual(article.signature, { alg: 'Ed25519', key: v.key, value: v.signature });
  assert.deepEqual(await checkSignature(article), { status: 'signed', key: v.key });
  assert.equal(await fingerprintOf(v.key), v.fingerprint);
});

const draft: Draft = {
  guid: 'urn:test:signing',
  revision: 1,
  title: 'Signed',
  publisher: { name: 'Desk' },
  lang: 'en',
  dir: 'ltr',
  published: '2026-01-01',
  content: '<p>Text.</p>',
};

test('every change to a signed article is caught, and a forged id is too', async () => {
  const key = await generateSigningKey();
  const article = await signArticle(draft, key);
  assert.equal((await checkSignature(article)).status, 'signed');
  const changes: Array<Partial<Article>> = [
    { title: 'Signed!' },
    { content: '<p>Text</p>' },
    { revision: 2 },
    { publisher: { name: 'Desk', url: 'https://evil.example/' } },
    { lang: 'ru' },
    { published: '2026-01-02' },
  ];
  for (const change of changes) {
    const check = await checkSignature({ ...article, ...change });
    assert.equal(check.status, 'invalid', JSON.stringify(change));
  }
  const added = { ...article, extra: 'smuggled' } as Article;
  assert.equal((await checkSignature(added)).status, 'invalid');

  // Another key signs the same guid: the id it must use differs, so it cannot replace the original.
  const other = await generateSigningKey();
  const impostor = await signArticle({ ...draft, revision: 9 }, other);
  assert.notEqual(impostor.id, article.id);
  const relabelled = { ...impostor, id: article.id };
  assert.deepEqual(await checkSignature(relabelled), { status: 'invalid', fault: 'id-not-signer' });
});

test('malformed signatures are refused, not thrown', async () => {
  const article = await signArticle(draft, await generateSigningKey());
  const broken = [
    { ...article.signature!, alg: 'RSA' },
    { ...article.signature!, key: 'short' },
    { ...article.signature!, value: '!!!' },
    'not an object',
  ];
  for (const signature of broken) {
    assert.equal((await checkSignature({ ...article, signature } as Article)).status, 'invalid');
  }
});

test('unsigned articles are content-addressed', async () => {
  const article = await unsignedArticle(draft);
  assert.deepEqual(await checkSignature(article), { status: 'unsigned' });
  assert.equal((await checkSignature({ ...article, title: 'Changed' })).status, 'invalid');
  assert.notEqual((await unsignedArticle({ ...draft, title: 'Changed' })).id, article.id);
});

test('the verdict depends on the keys the reader trusts', async () => {
  const key = await generateSigningKey();
  const article = await signArticle(draft, key);
  const trusted = new Map<string, TrustedKey>([
    [key.publicKey, { key: key.publicKey, name: 'Trusted Desk', origin: 'reader', addedAt: 0 }],
  ]);
  assert.deepEqual(await verdictOf(article, trusted), { kind: 'verified', key: key.publicKey, publisherName: 'Trusted Desk' });
  const unknown = await verdictOf(article, new Map());
  assert.equal(unknown.kind, 'unknown');
  assert.match((unknown as { fingerprint: string }).fingerprint, /^[0-9a-f]{4}( [0-9a-f]{4}){4}$/);
  assert.deepEqual(await verdictOf(await unsignedArticle(draft), trusted), { kind: 'unsigned' });
  const refused = await verdictOf({ ...article, title: 'Forged' }, trusted);
  assert.equal(refused.kind, 'refused');
  const surrogate = await verdictOf({ ...article, title: '\ud800' }, trusted);
  assert.equal(surrogate.kind, 'refused');
});

test('a key or signature spelled in a non-canonical base64url is refused', async () => {
  const article = await signArticle(draft, await generateSigningKey());
  const value = article.signature!.value;
  // 64 bytes take 86 characters; the last one carries 2 bits and 4 that must be zero.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(value.at(-1)!);
  const sameBytes = alphabet[last ^ 0b0001]!;
  const respelled = { ...article, signature: { ...article.signature!, value: value.slice(0, -1) + sameBytes } };
  assert.equal((await checkSignature(respelled)).status, 'invalid');
});

test('the spec’s file vectors: the smallest bundle reads and verifies; one with a second payload, or a misplaced one, is refused', async () => {
  const { decodeBundle } = await import('../src/shared/bundle/decode-bundle.ts');
  const doc = readFileSync(new URL('../docs/bundle-format.md', import.meta.url), 'utf8');
  const files = [...doc.slice(doc.indexOf('### 11.1 Files')).matchAll(/```html\n([\s\S]*?)```/g)].map((match) => match[1]!);
  assert.equal(files.length, 3);
  const [good, smuggled, misplaced] = files as [string, string, string];
  const { articles } = await decodeBundle(good);
  assert.deepEqual(await checkSignature(articles[0]!), { status: 'signed', key: vectors().key });
  await assert.rejects(decodeBundle(smuggled), /holds 2 script elements where a bundle has one, its data/);
  await assert.rejects(decodeBundle(misplaced), /not where the format puts it/);
});
