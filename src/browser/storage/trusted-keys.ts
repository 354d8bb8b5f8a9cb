import { BUILT_IN_KEYS } from '../../shared/built-in-keys.ts';
import type { TrustedKey } from '../../shared/verdict.ts';
import { database, putDurably } from './database.ts';
import { readTrustedKey, storeTrustedKey } from './sealed-records.ts';
import { recordCodec, storedName } from './vault.ts';

/** The keys the reader added (not the built-in ones). */
export async function readerTrustedKeys(): Promise<TrustedKey[]> {
  const codec = await recordCodec();
  return Promise.all((await (await database()).getAll('keys')).map((entry) => readTrustedKey(codec, entry)));
}

/** Every key the reader trusts: those built into this build and those the reader added. */
export async function trustedKeys(): Promise<Map<string, TrustedKey>> {
  const stored = await readerTrustedKeys();
  return new Map([...BUILT_IN_KEYS, ...stored].map((entry) => [entry.key, entry]));
}

/** A key the reader added, if it is one. */
export async function getTrustedKey(key: string): Promise<TrustedKey | undefined> {
  const codec = await recordCodec();
  const stored = await (await database()).get('keys', await storedName(codec, 'key', key));
  return stored && readTrustedKey(codec, stored);
}

/** Stores a trusted key as it is: src/publishers/trust-publisher.ts is the way to trust one. */
export async function putTrustedKey(entry: TrustedKey): Promise<void> {
  const stored = await storeTrustedKey(await recordCodec(), entry);
  await putDurably('keys', stored);
}

export async function untrustKey(key: string): Promise<void> {
  const name = await storedName(await recordCodec(), 'key', key);
  await (await database()).delete('keys', name);
}
