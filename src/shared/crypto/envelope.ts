/**
 * The envelope every locked record is kept in: AES-GCM with a 256-bit key and a fresh random
 * 96-bit IV per record, the record's place (store and key) bound in as additional data, so that
 * a record moved to another key, or any changed byte, fails to open. DOM-free: the page, the
 * workers and Node (tests) use it alike.
 */
import { ReaderError } from '../note.ts';

export interface Sealed {
  iv: Uint8Array;
  /** Ciphertext with GCM's 128-bit tag at its end. */
  data: ArrayBuffer;
}

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Thrown when a sealed record does not open: a wrong key, or a record changed or moved. */
export class SealBrokenError extends ReaderError {
  constructor() {
    super({ code: 'seal-broken' });
    this.name = 'SealBrokenError';
  }
}

function bufferOf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

export function isSealed(value: unknown): value is Sealed {
  const sealed = value as Partial<Sealed> | null;
  return typeof sealed === 'object' && sealed !== null && sealed.iv instanceof Uint8Array && sealed.data instanceof ArrayBuffer;
}

export async function sealBytes(key: CryptoKey, plain: Uint8Array, place: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(place) }, key, bufferOf(plain));
  return { iv, data };
}

export async function unsealBytes(key: CryptoKey, sealed: Sealed, place: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bufferOf(sealed.iv), additionalData: encoder.encode(place) }, key, sealed.data),
    );
  } catch {
    throw new SealBrokenError();
  }
}

/** The smallest bucket a sealed record's plaintext is padded to. */
const MIN_PADDED = 512;

/**
 * The size a plaintext of `length` bytes is padded to before it is sealed: the next of 512 bytes
 * times a power of √2, rounded up to 64. A sealed article's size then says which of a dozen
 * buckets it falls in, not which article of a publisher's index (which lists every file's exact
 * size) it is; the cost is at most 41% more room, about 20% on average.
 */
export function paddedSize(length: number): number {
  if (length <= MIN_PADDED) return MIN_PADDED;
  const halfPowers = Math.ceil(2 * Math.log2(length / MIN_PADDED));
  return Math.ceil((MIN_PADDED * 2 ** (halfPowers / 2)) / 64) * 64;
}

/** `bytes` followed by `fill` up to its padded size. */
export function padded(bytes: Uint8Array, fill: number): Uint8Array {
  const out = new Uint8Array(paddedSize(bytes.length));
  out.set(bytes);
  return out.fill(fill, bytes.length);
}

/** Any JSON value (the app's records are plain data), padded with spaces, which JSON reads past. */
export async function sealJson(key: CryptoKey, value: unknown, place: string): Promise<Sealed> {
  return sealBytes(key, padded(encoder.encode(JSON.stringify(value)), 0x20), place);
}

export async function unsealJson<T>(key: CryptoKey, sealed: Sealed, place: string): Promise<T> {
  return JSON.parse(decoder.decode(await unsealBytes(key, sealed, place))) as T;
}
