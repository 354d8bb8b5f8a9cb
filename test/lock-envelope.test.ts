import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argon2idKey } from '../src/shared/crypto/argon2.ts';
import { SealBrokenError, isSealed, sealJson, unsealJson } from '../src/shared/crypto/envelope.ts';
import {
  EmptyPassphraseError,
  keysOf,
  newSecret,
  opaqueName,
  unwrapSecret,
  wrapSecret,
  WrongPassphraseError,
  type KdfParams,
} from '../src/shared/crypto/vault-keys.ts';

/** Small enough for tests; the app's parameters are DEFAULT_KDF. */
const FAST: KdfParams = { algorithm: 'argon2id', memory: 1024, iterations: 1, parallelism: 1 };
const ARTICLE = { id: 'a'.repeat(64), title: 'Journalists detained at the border', tags: ['Border'] };

async function freshKeys() {
  const secret = newSecret();
  const copy = secret.slice();
  return { keys: await keysOf(secret), secret: copy };
}

test('Argon2id gives the reference implementation’s output (phc-winner-argon2 test vector)', async () => {
  const key = await argon2idKey('password', new TextEncoder().encode('somesalt'), {
    algorithm: 'argon2id',
    memory: 65536,
    iterations: 2,
    parallelism: 1,
  });
  assert.equal(Buffer.from(key).toString('hex'), '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
});

test('a sealed record opens to what was sealed, and holds none of its words', async () => {
  const { keys } = await freshKeys();
  const sealed = await sealJson(keys.data, ARTICLE, 'articles\nx');
  assert.ok(isSealed(sealed));
  assert.equal(sealed.iv.length, 12);
  assert.equal(Buffer.from(sealed.data).includes('Journalists'), false);
  assert.deepEqual(await unsealJson(keys.data, sealed, 'articles\nx'), ARTICLE);
  // A fresh IV each time: the same record never seals to the same bytes.
  const again = await sealJson(keys.data, ARTICLE, 'articles\nx');
  assert.notDeepEqual(Buffer.from(again.iv), Buffer.from(sealed.iv));
  assert.notDeepEqual(Buffer.from(again.data), Buffer.from(sealed.data));
});

test('a sealed record does not open with another key, changed, or moved to another place', async () => {
  const { keys } = await freshKeys();
  const { keys: other } = await freshKeys();
  const sealed = await sealJson(keys.data, ARTICLE, 'articles\nx');
  await assert.rejects(unsealJson(other.data, sealed, 'articles\nx'), SealBrokenError);
  await assert.rejects(unsealJson(keys.data, sealed, 'articles\ny'), SealBrokenError);
  for (const at of [0, 5, sealed.data.byteLength - 1]) {
    const tampered = new Uint8Array(sealed.data.slice(0));
    tampered[at]! ^= 1;
    await assert.rejects(unsealJson(keys.data, { iv: sealed.iv, data: tampered.buffer }, 'articles\nx'), SealBrokenError);
  }
  const iv = sealed.iv.slice();
  iv[0]! ^= 1;
  await assert.rejects(unsealJson(keys.data, { iv, data: sealed.data }, 'articles\nx'), SealBrokenError);
});

test('the wrapped secret opens with its passphrase only, and a wrong one is told apart from damage', async () => {
  const secret = newSecret();
  const wrapped = await wrapSecret(secret, 'correct horse battery', argon2idKey, FAST);
  assert.equal(wrapped.salt.length, 16);
  assert.deepEqual(wrapped.kdf, FAST);
  assert.equal(Buffer.from(wrapped.wrapped.data).includes(Buffer.from(secret)), false);
  assert.deepEqual(await unwrapSecret(wrapped, 'correct horse battery', argon2idKey), secret);
  await assert.rejects(unwrapSecret(wrapped, 'correct horse batterY', argon2idKey), WrongPassphraseError);
  await assert.rejects(unwrapSecret(wrapped, '', argon2idKey), EmptyPassphraseError);
  // The same passphrase typed with a composed or a decomposed accent opens it alike.
  const accented = await wrapSecret(secret, 'caf\u00e9 noir', argon2idKey, FAST);
  assert.deepEqual(await unwrapSecret(accented, 'cafe\u0301 noir', argon2idKey), secret);
});

test('re-wrapping under a new passphrase keeps the keys, so every record still opens', async () => {
  const { keys, secret } = await freshKeys();
  const sealed = await sealJson(keys.data, ARTICLE, 'articles\nx');
  const name = await opaqueName(keys, 'article', ARTICLE.id);

  const first = await wrapSecret(secret, 'first passphrase', argon2idKey, FAST);
  const opened = await unwrapSecret(first, 'first passphrase', argon2idKey);
  const second = await wrapSecret(opened, 'second passphrase', argon2idKey, FAST);
  assert.notDeepEqual(Buffer.from(second.salt), Buffer.from(first.salt));
  await assert.rejects(unwrapSecret(second, 'first passphrase', argon2idKey), WrongPassphraseError);

  const rewrapped = await keysOf(await unwrapSecret(second, 'second passphrase', argon2idKey));
  assert.deepEqual(await unsealJson(rewrapped.data, sealed, 'articles\nx'), ARTICLE);
  assert.equal(await opaqueName(rewrapped, 'article', ARTICLE.id), name);
});

test('opaque names are stable for one library, differ between libraries and kinds, and hide the id', async () => {
  const { keys } = await freshKeys();
  const { keys: other } = await freshKeys();
  const name = await opaqueName(keys, 'source', 'https://news.example/feed.xml');
  assert.match(name, /^[0-9a-f]{64}$/);
  assert.equal(await opaqueName(keys, 'source', 'https://news.example/feed.xml'), name);
  assert.notEqual(await opaqueName(other, 'source', 'https://news.example/feed.xml'), name);
  assert.notEqual(await opaqueName(keys, 'key', 'https://news.example/feed.xml'), name);
  assert.equal(name.includes('news'), false);
});

test('the keys cannot be taken out of the page: neither is extractable', async () => {
  const { keys } = await freshKeys();
  assert.equal(keys.data.extractable, false);
  assert.equal(keys.names.extractable, false);
  await assert.rejects(crypto.subtle.exportKey('raw', keys.data));
});
