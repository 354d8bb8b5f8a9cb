import type { VaultRecord } from '../../shared/db-schema.ts';
import type { VaultKeys } from '../../shared/crypto/vault-keys.ts';
import { ReaderError } from '../../shared/note.ts';
import { database } from './database.ts';

/**
 * The library lock as the storage functions see it, in the page and in every worker: whether it
 * is on (the vault record), and the keys when this page or worker was given them. The keys live
 * only in memory: a new page starts locked.
 */
export class LibraryLockedError extends ReaderError {
  constructor() {
    super({ code: 'library-locked' });
    this.name = 'LibraryLockedError';
  }
}

const VAULT_KEY = 'lock';
let record: Promise<VaultRecord | undefined> | undefined;
let keys: VaultKeys | undefined;
/** Opaque names already worked out, so that a list of ids is named once per page. */
let names = new Map<string, string>();

/** The lock's record, read once and kept; `forgetVaultRecord` after it changes. */
export function vaultRecord(): Promise<VaultRecord | undefined> {
  record ??= database()
    .then((db) => db.get('vault', VAULT_KEY))
    .catch((error: unknown) => {
      record = undefined;
      throw error;
    });
  return record;
}

export function forgetVaultRecord(): void {
  record = undefined;
}

export async function putVaultRecord(next: VaultRecord): Promise<void> {
  await (await database()).put('vault', next, VAULT_KEY);
  record = Promise.resolve(next);
}

export async function deleteVaultRecord(): Promise<void> {
  await (await database()).delete('vault', VAULT_KEY);
  record = Promise.resolve(undefined);
}

export function useKeys(next: VaultKeys | undefined): void {
  keys = next;
  names = new Map();
}

export function currentKeys(): VaultKeys | undefined {
  return keys;
}

/**
 * How records are stored right now. `seal`: sealed, under opaque names (the lock is on, or being
 * turned on). Otherwise in clear, though sealed records left from a lock being turned off still
 * open while the keys are at hand.
 */
export interface RecordCodec {
  seal: boolean;
  keys: VaultKeys | undefined;
}

/** Throws LibraryLockedError while the lock is on and this page or worker has no keys. */
export async function recordCodec(): Promise<RecordCodec> {
  const vault = await vaultRecord();
  if (!vault) return { seal: false, keys: undefined };
  if (!keys) throw new LibraryLockedError();
  return { seal: vault.state !== 'opening', keys };
}

/** What an opaque name names: the same id gets a different name as each. */
export type NameKind = 'article' | 'image' | 'source' | 'key';

/** The name a record is stored under: `id` itself, or its opaque name while records are sealed. */
export async function storedName(codec: RecordCodec, kind: NameKind, id: string): Promise<string> {
  if (!codec.seal || !codec.keys) return id;
  const memo = `${kind}\n${id}`;
  let name = names.get(memo);
  if (name === undefined) {
    // The key derivation's code loads only where names are sealed: a library without the lock never needs it.
    const { opaqueName } = await import('../../shared/crypto/vault-keys.ts');
    name = await opaqueName(codec.keys, kind, id);
    names.set(memo, name);
  }
  return name;
}

export function storedNames(codec: RecordCodec, kind: NameKind, ids: readonly string[]): Promise<string[]> {
  return Promise.all(ids.map((id) => storedName(codec, kind, id)));
}
