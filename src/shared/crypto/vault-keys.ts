import { ReaderError } from '../note.ts';
import { sealBytes, unsealBytes, type Sealed } from './envelope.ts';

/**
 * The library lock's keys. A random 256-bit secret, made once when the lock is turned on, is the
 * root of everything: the key that seals records and the key that names them are derived from it
 * (HKDF), both non-extractable. The passphrase only wraps the secret, through Argon2id, so that
 * changing the passphrase re-wraps 32 bytes instead of re-encrypting the library. What is stored
 * is the salt, the Argon2id parameters and the wrapped secret, never a key; the wrap's GCM tag
 * tells a wrong passphrase (nothing else about the library).
 */
export interface KdfParams {
  algorithm: 'argon2id';
  /** Memory in KiB. */
  memory: number;
  iterations: number;
  parallelism: number;
}

/** 64 MiB, 3 passes, 1 lane: about a second on a mid-range phone (docs/threat-model.md). */
export const DEFAULT_KDF: KdfParams = { algorithm: 'argon2id', memory: 64 * 1024, iterations: 3, parallelism: 1 };

/** Derives a 32-byte key from a passphrase (Argon2id with these parameters). */
export type DeriveKey = (passphrase: string, salt: Uint8Array, params: KdfParams) => Promise<Uint8Array>;

export interface WrappedSecret {
  salt: Uint8Array;
  kdf: KdfParams;
  wrapped: Sealed;
}

export interface VaultKeys {
  /** AES-GCM, 256-bit: seals records. */
  data: CryptoKey;
  /** HMAC-SHA-256: turns ids that would name content (an article's, a feed's address) into opaque ones. */
  names: CryptoKey;
}

export class WrongPassphraseError extends ReaderError {
  constructor() {
    super({ code: 'wrong-passphrase' });
    this.name = 'WrongPassphraseError';
  }
}

export class EmptyPassphraseError extends ReaderError {
  constructor() {
    super({ code: 'empty-passphrase' });
    this.name = 'EmptyPassphraseError';
  }
}

const SECRET_BYTES = 32;
const SALT_BYTES = 16;
const WRAP_PLACE = 'pamphlet-lock-secret';

export function newSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

async function wrappingKey(passphrase: string, salt: Uint8Array, kdf: KdfParams, derive: DeriveKey): Promise<CryptoKey> {
  if (passphrase === '') throw new EmptyPassphraseError();
  const bytes = await derive(passphrase.normalize('NFC'), salt, kdf);
  try {
    return await crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    bytes.fill(0);
  }
}

/** Wraps `secret` under a key from `passphrase`, with a new salt. */
export async function wrapSecret(
  secret: Uint8Array,
  passphrase: string,
  derive: DeriveKey,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<WrappedSecret> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const key = await wrappingKey(passphrase, salt, kdf, derive);
  return { salt, kdf, wrapped: await sealBytes(key, secret, WRAP_PLACE) };
}

/** The secret, if `passphrase` is the one it was wrapped with; else WrongPassphraseError. */
export async function unwrapSecret(wrapped: WrappedSecret, passphrase: string, derive: DeriveKey): Promise<Uint8Array> {
  const key = await wrappingKey(passphrase, wrapped.salt, wrapped.kdf, derive);
  try {
    return await unsealBytes(key, wrapped.wrapped, WRAP_PLACE);
  } catch {
    throw new WrongPassphraseError();
  }
}

/** The keys the secret stands for; the secret's bytes are zeroed. */
export async function keysOf(secret: Uint8Array): Promise<VaultKeys> {
  const root = await crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, 'HKDF', false, ['deriveKey']);
  secret.fill(0);
  const info = (purpose: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(purpose) });
  const [data, names] = await Promise.all([
    crypto.subtle.deriveKey(info('pamphlet records'), root, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    crypto.subtle.deriveKey(info('pamphlet names'), root, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
  ]);
  return { data, names };
}

/** An opaque, stable name for `id` (an article id, a feed's address): lower-case hex, like an id. */
export async function opaqueName(keys: VaultKeys, kind: string, id: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', keys.names, new TextEncoder().encode(`${kind}\n${id}`)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
