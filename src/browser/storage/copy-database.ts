import type { StoreKey, StoreNames, StoreValue } from 'idb';
import type { PamphletDatabase, PamphletDB } from '../../shared/db-schema.ts';

/** What a copy does to each record on the way: returns it as it goes into the new database. */
export type RecordConverter = <S extends StoreNames<PamphletDB>>(
  store: S,
  key: StoreKey<PamphletDB, S>,
  value: StoreValue<PamphletDB, S>,
) => Promise<StoreValue<PamphletDB, S>>;

const BATCH = 100;

/**
 * Copies every record of every store from one database to another of the same schema, a batch at a
 * time: each batch read in one transaction, converted outside any (sealing is async, and a
 * transaction may await nothing but IndexedDB), written in one. Keys stay as they are, in-line or
 * not; `convert` may change the record (and so an in-line key, for a name that changes).
 */
export async function copyDatabase(
  from: PamphletDatabase,
  to: PamphletDatabase,
  convert: RecordConverter = (_store, _key, value) => Promise.resolve(value),
  onBatch: (records: number) => void = () => undefined,
): Promise<void> {
  for (const store of Array.from(from.objectStoreNames)) await copyStore(from, to, store, convert, onBatch);
}

async function copyStore<S extends StoreNames<PamphletDB>>(
  from: PamphletDatabase,
  to: PamphletDatabase,
  store: S,
  convert: RecordConverter,
  onBatch: (records: number) => void,
): Promise<void> {
  let after: StoreKey<PamphletDB, S> | undefined;
  for (;;) {
    const batch: Array<{ key: StoreKey<PamphletDB, S>; value: StoreValue<PamphletDB, S> }> = [];
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
    const reading = from.transaction(store);
    const inLineKeys = reading.store.keyPath !== null;
    for await (const cursor of reading.store.iterate(range)) {
      batch.push({ key: cursor.primaryKey, value: cursor.value });
      if (batch.length >= BATCH) break;
    }
    // Finished, not left to finish by itself: the source may be deleted right after the copy, and
    // a transaction still open then is aborted.
    await reading.done;
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.key;
    const converted = await Promise.all(batch.map(({ key, value }) => convert(store, key, value)));
    const tx = to.transaction(store, 'readwrite', { durability: 'strict' });
    await Promise.all([...converted.map((value, at) => (inLineKeys ? tx.store.put(value) : tx.store.put(value, batch[at]!.key))), tx.done]);
    onBatch(batch.length);
  }
}
