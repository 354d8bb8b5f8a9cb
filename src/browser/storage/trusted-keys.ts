import { BUILT_IN_KEYS } from '../../shared/built-in-keys.ts';
import type { TrustedKey } from '../../shared/verdict.ts';
import { deleteRecord, getRecord, listRecords, putRecord } from './sealed-records.ts';

/** The keys the reader added (not the built-in ones). */
export function readerTrustedKeys(): Promise<TrustedKey[]> {
  return listRecords('keys');
}

/** Every key the reader trusts: those built into this build and those the reader added. */
export async function trustedKeys(): Promise<Map<string, TrustedKey>> {
  const stored = await readerTrustedKeys();
  return new Map([...BUILT_IN_KEYS, ...stored].map((entry) => [entry.key, entry]));
}

/** A key the reader added, if it is one. */
export function getTrustedKey(key: string): Promise<TrustedKey | undefined> {
  return getRecord('keys', key);
}

/** Stores a trusted key as it is: src/publishers/trust-publisher.ts is the way to trust one. */
export function putTrustedKey(entry: TrustedKey): Promise<void> {
  return putRecord('keys', entry);
}

export function untrustKey(key: string): Promise<void> {
  return deleteRecord('keys', key);
}
