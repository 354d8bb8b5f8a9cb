import { BUILT_IN_KEYS } from '../built-in-keys.ts';
import type { TrustedKey } from '../shared/verdict.ts';
import { database } from './database.ts';

/** Every key the reader trusts: those built into this build and those the reader added. */
export async function trustedKeys(): Promise<Map<string, TrustedKey>> {
  const stored = await (await database()).getAll('keys');
  return new Map([...BUILT_IN_KEYS, ...stored].map((entry) => [entry.key, entry]));
}

/** Trusts `key` under `name` from now on; articles it signed show as Verified. */
export async function trustKey(key: string, name: string): Promise<TrustedKey> {
  const entry: TrustedKey = { key, name: name.trim() || 'Unnamed publisher', origin: 'reader', addedAt: Date.now() };
  await (await database()).put('keys', entry);
  return entry;
}

export async function untrustKey(key: string): Promise<void> {
  await (await database()).delete('keys', key);
}
