import { SEAL_FORM } from '../../shared/db-schema.ts';
import type { RecordConverter } from './copy-database.ts';
import { database } from './database.ts';
import { isSealedStore, RECORD_KINDS, type RecordKey, type SealedStore, type StoredRecord } from './record-kinds.ts';
import { isSealedKey, isSealedRecord, openRecord, sameStored, sealRecord } from './sealed-records.ts';
import type { RecordCodec } from './vault.ts';

/**
 * Seals every record of the library (the lock being turned on, or records sealed in an older
 * form being sealed again) or opens every one (turned off), store by store as the table of record
 * kinds lists them, a batch at a time: each batch is read, converted outside any transaction,
 * then written in one, the old record taken away where its name changes. A batch already
 * converted is skipped, so an interrupted pass (a tab closed, a phone switched off) simply runs
 * again.
 */
export interface ResealProgress {
  done: number;
  total: number;
}

const BATCH = 100;

const STORES: readonly SealedStore[] = Object.keys(RECORD_KINDS).filter(isSealedStore);

export async function resealLibrary(
  codec: RecordCodec,
  { onProgress, signal }: { onProgress?: (progress: ResealProgress) => void; signal?: AbortSignal } = {},
): Promise<void> {
  const db = await database();
  const counts = await Promise.all(STORES.map((store) => db.count(store)));
  const progress = { done: 0, total: counts.reduce((sum, count) => sum + count, 0) };
  onProgress?.({ ...progress });
  for (const store of STORES) {
    // Records keep their key until converted, so one sweep in key order meets each of them once
    // (and the converted ones, under their new names, are passed over).
    let after: RecordKey<typeof store> | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const batch = await convertBatch(codec, store, after);
      if (batch.last === undefined) break;
      after = batch.last;
      progress.done = Math.min(progress.total, progress.done + batch.converted);
      onProgress?.({ ...progress });
    }
  }
  onProgress?.({ done: progress.total, total: progress.total });
}

/** Converts up to BATCH records after `after` still in the other form; `last` is where it stopped. */
async function convertBatch<S extends SealedStore>(
  codec: RecordCodec,
  store: S,
  after: RecordKey<S> | undefined,
): Promise<{ last: RecordKey<S> | undefined; converted: number }> {
  const db = await database();
  const found: Array<{ key: RecordKey<S>; value: StoredRecord<S> }> = [];
  let last: RecordKey<S> | undefined;
  const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
  for await (const cursor of db.transaction(store).store.iterate(range)) {
    const key = cursor.primaryKey;
    last = key;
    if (!isSealedKey(store, String(key)) || !needsWork(codec, cursor.value)) continue;
    found.push({ key, value: cursor.value });
    if (found.length >= BATCH) break;
  }
  if (found.length === 0) return { last, converted: 0 };
  const converted = await Promise.all(found.map(({ key, value }) => convertRecord(codec, store, String(key), value)));
  const inLineKeys = RECORD_KINDS[store].id !== undefined;
  let written = 0;
  const tx = db.transaction(store, 'readwrite');
  for (const [at, { key, value }] of found.entries()) {
    const current = await tx.store.get(key);
    // Changed meanwhile (another tab, unlocked, wrote it anew): its new form is already right.
    if (current === undefined || !needsWork(codec, current) || !sameStored(current, value)) continue;
    await tx.store.delete(key);
    await (inLineKeys ? tx.store.put(converted[at]!) : tx.store.put(converted[at]!, key));
    written++;
  }
  await tx.done;
  return { last, converted: written };
}

/** A record in the form the library is going to; one sealed in an older form is opened first, then sealed again. */
async function convertRecord<S extends SealedStore>(
  codec: RecordCodec,
  store: S,
  key: string,
  value: StoredRecord<S>,
): Promise<StoredRecord<S>> {
  return sealRecord(codec, store, await openRecord(codec, store, key, value), key);
}

/**
 * For a copy of the library into a fresh home as the lock is turned on (move-library.ts): each
 * record sealed in the current form; the vault and what the lock leaves in clear, as they are.
 */
export function sealingConverter(codec: RecordCodec): RecordConverter {
  return async (store, key, value) => {
    // Every key of a store the lock seals is a string.
    if (!isSealedStore(store) || typeof key !== 'string' || !isSealedKey(store, key) || !needsWork(codec, value)) return value;
    return convertRecord(codec, store, key, value);
  };
}

/** Whether a record is not yet in the form the library is going to: sealed in the current form, or open. */
function needsWork(codec: RecordCodec, value: unknown): boolean {
  return codec.seal ? !(isSealedRecord(value) && value.form === SEAL_FORM) : isSealedRecord(value);
}
