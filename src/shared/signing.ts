import canonicalize from 'canonicalize';
import type { Article, ArticleSignature } from './article.ts';
import { base64UrlToBytes, bytesToBase64Url } from './base64.ts';
import { sha256Hex } from './sha256.ts';
import type { SignatureFault } from './note.ts';

/**
 * Ed25519 signatures over RFC 8785 canonical JSON, and the ids derived from them. The same code
 * runs in the page, the service worker and Node (WebCrypto everywhere). docs/bundle-format.md
 * is the specification; its test vectors are checked by test/signing.test.ts.
 */

const ED25519 = { name: 'Ed25519' } as const;
const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;
/** How many keys the caches below keep: a bundle may name any number of keys. */
const VERIFY_KEYS_KEPT = 64;

/**
 * What a signature covers: the object without its `signature` field, canonicalized (RFC 8785),
 * as UTF-8. The same for articles, edition indexes and source descriptors.
 */
export function signedBytes(value: object): Uint8Array {
  const { signature: _omitted, ...signed } = value as { signature?: unknown };
  const json = canonicalize(signed);
  if (json === undefined) throw new TypeError('Only a JSON object can be signed.');
  return new TextEncoder().encode(json);
}

function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError('Not JSON.');
  return json;
}

/**
 * A signed article's id: SHA-256 of the canonical JSON `{"guid":…,"key":…}`. It binds the
 * article to its signer, so no other key can publish a "correction" that replaces it.
 */
export function signedArticleId(guid: string, key: string): Promise<string> {
  return sha256Hex(canonicalJson({ guid, key }));
}

/** An unsigned article's id: SHA-256 of its canonical JSON without `id` (and without a signature). */
export function unsignedArticleId(article: Omit<Article, 'id' | 'signature'> & { id?: string }): Promise<string> {
  const { id: _id, signature: _signature, ...content } = article as Article;
  return sha256Hex(canonicalJson(content));
}

export type Draft = Omit<Article, 'id' | 'signature'>;

export interface SigningKey {
  privateKey: CryptoKey;
  /** The raw public key, base64url: what signatures name and readers trust. */
  publicKey: string;
}

export async function generateSigningKey(): Promise<SigningKey & { pkcs8: Uint8Array }> {
  const pair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return { privateKey: pair.privateKey, publicKey: bytesToBase64Url(raw), pkcs8 };
}

/** Imports a PKCS#8 Ed25519 private key; `publicKey` must be its public half. */
export async function importSigningKey(pkcs8: Uint8Array, publicKey: string): Promise<SigningKey> {
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, ED25519, false, ['sign']);
  return { privateKey, publicKey };
}

/** `value` with the signer's signature over it added as its `signature` field. */
export async function signJson<T extends object>(value: T, key: SigningKey): Promise<T & { signature: ArticleSignature }> {
  const signature = new Uint8Array(await crypto.subtle.sign(ED25519, key.privateKey, signedBytes(value) as Uint8Array<ArrayBuffer>));
  return { ...value, signature: { alg: 'Ed25519', key: key.publicKey, value: bytesToBase64Url(signature) } };
}

/** The article with its derived id and the signer's signature. */
export async function signArticle(draft: Draft, key: SigningKey): Promise<Article> {
  return signJson({ ...draft, id: await signedArticleId(draft.guid, key.publicKey) }, key);
}

/** The article with its derived id and no signature: a page a reader saved themselves. */
export async function unsignedArticle(draft: Draft): Promise<Article> {
  return { ...draft, id: await unsignedArticleId(draft) };
}

export type SignatureCheck = { status: 'signed'; key: string } | { status: 'unsigned' } | { status: 'invalid'; fault: SignatureFault };

/**
 * Bytes of the expected length from base64url, in its one canonical spelling: a last character
 * whose unused bits are set decodes to the same bytes, and is refused, so that no two spellings
 * of a key or a signature pass (every change to an article is caught, even there).
 */
function decodeFixed(text: unknown, length: number): Uint8Array | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const bytes = base64UrlToBytes(text);
    return bytes.length === length && bytesToBase64Url(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Public keys decoded by `decodeFixed`, by their base64url: the articles of a bundle mostly share
 * one signer, whose key need not be decoded and spelled again for each.
 */
const decodedKeys = new Map<string, Uint8Array | undefined>();

function decodePublicKey(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string') return undefined;
  if (decodedKeys.has(text)) return decodedKeys.get(text);
  if (decodedKeys.size >= VERIFY_KEYS_KEPT) decodedKeys.clear();
  const key = decodeFixed(text, PUBLIC_KEY_BYTES);
  decodedKeys.set(text, key);
  return key;
}

function isSignature(value: unknown): value is ArticleSignature {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an article's id and signature. It says who signed, not whether to trust them: that is
 * the reader's list of trusted keys (`verdictOf`).
 */
export async function checkSignature(article: Article): Promise<SignatureCheck> {
  const signature: unknown = (article as { signature?: unknown }).signature;
  if (signature === undefined) {
    return (await unsignedArticleId(article)) === article.id ? { status: 'unsigned' } : { status: 'invalid', fault: 'id-mismatch' };
  }
  if (!isSignature(signature) || signature.alg !== 'Ed25519') {
    return { status: 'invalid', fault: 'not-ed25519-article' };
  }
  const publicKey = decodePublicKey(signature.key);
  const value = decodeFixed(signature.value, SIGNATURE_BYTES);
  if (!publicKey || !value) return { status: 'invalid', fault: 'malformed' };
  if ((await signedArticleId(article.guid, signature.key)) !== article.id) {
    return { status: 'invalid', fault: 'id-not-signer' };
  }
  return (await verifySignature(article, signature.key, publicKey, value))
    ? { status: 'signed', key: signature.key }
    : { status: 'invalid', fault: 'forged' };
}

/**
 * Public keys already imported for verifying, by their base64url: the articles of a bundle or an
 * edition mostly share one signer, whose key need not be imported again for each. Bounded, as a
 * bundle may name any number of keys.
 */
const verifyKeys = new Map<string, Promise<CryptoKey>>();

/** `name` is `publicKey` in base64url, as `decodePublicKey` made sure. */
function verifyKey(name: string, publicKey: Uint8Array): Promise<CryptoKey> {
  let key = verifyKeys.get(name);
  if (!key) {
    if (verifyKeys.size >= VERIFY_KEYS_KEPT) verifyKeys.clear();
    key = crypto.subtle.importKey('raw', publicKey as Uint8Array<ArrayBuffer>, ED25519, false, ['verify']);
    // A key that does not import is not kept: the next article's check meets the same error itself.
    key.catch(() => verifyKeys.delete(name));
    verifyKeys.set(name, key);
  }
  return key;
}

async function verifySignature(value: object, keyName: string, publicKey: Uint8Array, signature: Uint8Array): Promise<boolean> {
  try {
    const key = await verifyKey(keyName, publicKey);
    return await crypto.subtle.verify(ED25519, key, signature as Uint8Array<ArrayBuffer>, signedBytes(value) as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

/**
 * Whether `value` carries a valid Ed25519 signature by `expectedKey` (any key when not given).
 * Resolves with the signer's key, or with the reason it does not verify.
 */
export async function checkJsonSignature(value: object, expectedKey?: string): Promise<{ key: string } | { fault: SignatureFault }> {
  const signature: unknown = (value as { signature?: unknown }).signature;
  if (!isSignature(signature) || signature.alg !== 'Ed25519') return { fault: 'not-ed25519' };
  const publicKey = decodePublicKey(signature.key);
  const bytes = decodeFixed(signature.value, SIGNATURE_BYTES);
  if (!publicKey || !bytes) return { fault: 'malformed' };
  if (expectedKey !== undefined && signature.key !== expectedKey) return { fault: 'other-key' };
  return (await verifySignature(value, signature.key, publicKey, bytes)) ? { key: signature.key } : { fault: 'mismatch' };
}

/** Fingerprints already worked out, by key: an import asks for its signer's once per article. */
const fingerprints = new Map<string, Promise<string>>();

/**
 * A key's fingerprint for people to compare: the first 80 bits of SHA-256 of the raw key, as
 * five groups of four hex digits ("7f3a 9c21 0b4e 11aa 5c3d").
 */
export function fingerprintOf(key: string): Promise<string> {
  let fingerprint = fingerprints.get(key);
  if (!fingerprint) {
    if (fingerprints.size >= VERIFY_KEYS_KEPT) fingerprints.clear();
    fingerprint = (async () => {
      const hex = await sha256Hex(base64UrlToBytes(key));
      return hex.slice(0, 20).match(/.{4}/g)!.join(' ');
    })();
    // A key that cannot be read is not kept: whoever asks again meets the same error.
    fingerprint.catch(() => fingerprints.delete(key));
    fingerprints.set(key, fingerprint);
  }
  return fingerprint;
}
