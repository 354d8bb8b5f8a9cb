import type { StoreNames } from 'idb';
import type { PamphletDB } from '../../src/shared/db-schema.ts';
import { database } from '../../src/browser/storage/database.ts';

/** Every record of every store, by store and key, as comparable text (blobs as their bytes). */
export type LibrarySnapshot = Map<StoreNames<PamphletDB>, Map<string, string>>;

/** Blobs as their type and bytes, so that two snapshots compare what is stored, not object identity. */
async function comparable(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: value.type, bytes: Buffer.from(await value.arrayBuffer()).toString('base64') };
  if (ArrayBuffer.isView(value)) return { bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return Promise.all(value.map(comparable));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([key, inner]) => [key, await comparable(inner)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

/** The whole library: read in one transaction, blobs read after it (nothing else may be awaited inside). */
export async function librarySnapshot(): Promise<LibrarySnapshot> {
  const db = await database();
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, 'readonly');
  const read = await Promise.all(
    names.map(async (name) => [name, await tx.objectStore(name).getAllKeys(), await tx.objectStore(name).getAll()] as const),
  );
  await tx.done;
  const snapshot: LibrarySnapshot = new Map();
  for (const [name, keys, values] of read) {
    const records = new Map<string, string>();
    for (const [index, key] of keys.entries()) records.set(JSON.stringify(key), JSON.stringify(await comparable(values[index])));
    snapshot.set(name, records);
  }
  return snapshot;
}

/** A record present in `after` that `before` did not have, or had with another value. */
export interface LibraryChange {
  store: StoreNames<PamphletDB>;
  key: string;
  before?: string;
  after?: string;
}

export function libraryChanges(before: LibrarySnapshot, after: LibrarySnapshot): LibraryChange[] {
  const changes: LibraryChange[] = [];
  for (const store of new Set([...before.keys(), ...after.keys()])) {
    const [old, now] = [before.get(store) ?? new Map<string, string>(), after.get(store) ?? new Map<string, string>()];
    for (const key of new Set([...old.keys(), ...now.keys()])) {
      if (old.get(key) !== now.get(key)) changes.push({ store, key, before: old.get(key), after: now.get(key) });
    }
  }
  return changes;
}
