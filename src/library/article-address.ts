import { inApp } from '../browser/app-folder.ts';
import { bytesToBase64Url } from '../shared/base64.ts';
import { allArticleIds } from '../browser/storage/articles.ts';
import { addressSecret } from '../browser/storage/settings.ts';

/**
 * The reader's address names an article by a token, never by its id. An id is public (every
 * edition index lists them), and the browser keeps the addresses a reader went to in its history,
 * on disk, where neither the lock nor the wipe reaches: `/read/<id>` there would tell anyone with
 * the phone which articles were read, long after the library was gone. The token is an HMAC of the
 * id under a secret of this library (kept with the settings, sealed under the lock, gone with a
 * wipe), so history holds only tokens that no index can be matched against without that secret.
 */
const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const ID = /^[0-9a-f]{64}$/;

let key: Promise<CryptoKey> | undefined;
const tokenOf = new Map<string, string>();
const idOf = new Map<string, string>();

function addressKey(): Promise<CryptoKey> {
  key ??= addressSecret().then((secret) =>
    crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  );
  return key;
}

async function tokenFor(id: string): Promise<string> {
  const known = tokenOf.get(id);
  if (known) return known;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await addressKey(), new TextEncoder().encode(id)));
  const token = bytesToBase64Url(mac.subarray(0, 16));
  tokenOf.set(id, token);
  idOf.set(token, id);
  return token;
}

/** Where the reader shows the article `id`. */
export async function articleAddress(id: string): Promise<string> {
  return inApp(`./?read=${await tokenFor(id)}`);
}

/**
 * The article a reader address names: by its token (known from this session, or found among the
 * library's ids), or by its id, as addresses were written before tokens. Undefined when the
 * library holds no such article.
 */
export async function articleAt(reference: string): Promise<string | undefined> {
  if (ID.test(reference)) return reference;
  if (!TOKEN.test(reference)) return undefined;
  const known = idOf.get(reference);
  if (known) return known;
  for (const id of await allArticleIds()) {
    if ((await tokenFor(id)) === reference) return id;
  }
  return undefined;
}

/** Forgets the secret and the tokens it made (the lock closing, a wipe). */
export function forgetArticleAddresses(): void {
  key = undefined;
  tokenOf.clear();
  idOf.clear();
}
