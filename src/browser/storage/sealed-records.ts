import { SEAL_FORM, type SealedRecord } from '../../shared/db-schema.ts';
import { database, putDurably } from './database.ts';
import { RECORD_KINDS, type PlainRecords, type RecordKey, type SealedStore, type StoredRecord } from './record-kinds.ts';
import { LibraryLockedError, recordCodec, storedName, type RecordCodec } from './vault.ts';

/**
 * The one place records are sealed and opened, by the table of record kinds (record-kinds.ts):
 * as they are with the lock off, sealed with it on. Sealing and opening are async (WebCrypto), and
 * a transaction commits once no request of it is pending: they happen before a transaction begins,
 * after it ends, or (an import's save, src/browser/storage/articles.ts) while a request of its own
 * keeps it alive.
 */
export function isSealedRecord(value: unknown): value is SealedRecord {
  return typeof value === 'object' && value !== null && 'sealed' in value;
}

/** Whether two reads found the same stored record: a sealed one's IV is new at every write. */
export function sameStored(a: unknown, b: unknown): boolean {
  if (isSealedRecord(a) && isSealedRecord(b)) return a.sealed.iv.every((byte, at) => byte === b.sealed.iv[at]);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The cipher, loaded where records are sealed: a library without the lock never needs it. */
let cipher: Promise<typeof import('../../shared/crypto/envelope.ts')> | undefined;
function envelope(): Promise<typeof import('../../shared/crypto/envelope.ts')> {
  cipher ??= import('../../shared/crypto/envelope.ts').catch((error: unknown) => {
    cipher = undefined;
    throw error;
  });
  return cipher;
}

function dataKey(codec: RecordCodec): CryptoKey {
  if (!codec.keys) throw new LibraryLockedError();
  return codec.keys.data;
}

/** Whether the lock seals the record kept under `key` (every one, but for the settings it leaves in clear). */
export function isSealedKey(store: SealedStore, key: string): boolean {
  return RECORD_KINDS[store].only?.has(key) ?? true;
}

const CLEAR: RecordCodec = { seal: false, keys: undefined };

/** The codec for the record under `key`: records the lock never seals are read and written while locked too. */
function codecFor(store: SealedStore, key: string): Promise<RecordCodec> {
  return isSealedKey(store, key) ? recordCodec() : Promise.resolve(CLEAR);
}

/** The key a record with this id is stored under: the id, or its opaque name while records are sealed. */
export async function recordName<S extends SealedStore>(codec: RecordCodec, store: S, id: string): Promise<RecordKey<S>> {
  const kind = RECORD_KINDS[store].id;
  return kind ? storedName(codec, kind.names, id) : id;
}

export function recordNames<S extends SealedStore>(codec: RecordCodec, store: S, ids: readonly string[]): Promise<Array<RecordKey<S>>> {
  return Promise.all(ids.map((id) => recordName(codec, store, id)));
}

/** Where a record is stored, bound into its seal: a record copied under another key does not open. */
function place(store: SealedStore, name: string): string {
  return `${store}\n${name}`;
}

/**
 * A record as it is to be stored: as it is, or (while records are sealed) sealed with its id
 * replaced by its opaque name and what the store's indexes need beside it. `key`: for stores with
 * out-of-line keys, the key it goes under.
 */
export async function sealRecord<S extends SealedStore>(
  codec: RecordCodec,
  store: S,
  plain: PlainRecords[S],
  key = '',
): Promise<StoredRecord<S>> {
  const kind = RECORD_KINDS[store];
  if (!codec.seal || !isSealedKey(store, key)) return plain;
  const name = kind.id ? await recordName(codec, store, idOf(plain, kind.id.field)) : key;
  const cipher = await envelope();
  const sealed = kind.body
    ? await cipher.sealBytes(dataKey(codec), cipher.padded(await kind.body.encode(plain), 0), place(store, name))
    : await cipher.sealJson(dataKey(codec), plain, place(store, name));
  // In the order records were always sealed in: the id, the form, what stays in clear, the seal.
  const sealedRecord = { ...(kind.id ? { [kind.id.field]: name } : {}), form: SEAL_FORM, ...(await kind.clear?.(codec, plain)), sealed };
  return sealedRecord;
}

function idOf(plain: unknown, field: PropertyKey): string {
  return String((plain as Record<PropertyKey, unknown>)[field]);
}

/** A stored record opened (`key`: the key it is stored under); one in clear comes back as it is. */
export async function openRecord<S extends SealedStore>(
  codec: RecordCodec,
  store: S,
  key: string,
  stored: StoredRecord<S>,
): Promise<PlainRecords[S]> {
  if (!isSealedRecord(stored)) return stored as PlainRecords[S];
  const body = RECORD_KINDS[store].body;
  const cipher = await envelope();
  return body
    ? body.decode(await cipher.unsealBytes(dataKey(codec), stored.sealed, place(store, key)))
    : cipher.unsealJson<PlainRecords[S]>(dataKey(codec), stored.sealed, place(store, key));
}

/** One record by its id (or, for out-of-line keys, its key), opened. */
export async function getRecord<S extends SealedStore>(store: S, id: string): Promise<PlainRecords[S] | undefined> {
  const codec = await codecFor(store, id);
  const name = await recordName(codec, store, id);
  const stored = await (await database()).get(store, name);
  return stored === undefined ? undefined : openRecord(codec, store, String(name), stored);
}

/** Several records in one transaction, opened once it is done (undefined where one is not stored). */
export async function getRecords<S extends SealedStore>(store: S, ids: readonly string[]): Promise<Array<PlainRecords[S] | undefined>> {
  const codec = await recordCodec();
  const names = await recordNames(codec, store, ids);
  const tx = (await database()).transaction(store);
  const stored = await Promise.all(names.map((name) => tx.store.get(name)));
  await tx.done;
  return Promise.all(
    stored.map(async (record, at) => (record === undefined ? undefined : openRecord(codec, store, String(names[at]), record))),
  );
}

/** Every record of a store, opened, with the key it is stored under, in key order. */
export async function listRecordsByKey<S extends SealedStore>(store: S): Promise<Array<[string, PlainRecords[S]]>> {
  const codec = await recordCodec();
  const tx = (await database()).transaction(store);
  const [keys, stored] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  return Promise.all(
    stored.map(async (record, at): Promise<[string, PlainRecords[S]]> => {
      const key = String(keys[at]);
      return [key, await openRecord(codec, store, key, record)];
    }),
  );
}

/** Every record of a store, opened. */
export async function listRecords<S extends SealedStore>(store: S): Promise<Array<PlainRecords[S]>> {
  return (await listRecordsByKey(store)).map(([, plain]) => plain);
}

/**
 * Stores a record, sealed first if the lock seals it. `durable`: reported done only once on disk
 * (what cannot be made again); `key`: for stores with out-of-line keys.
 */
export async function putRecord<S extends SealedStore>(
  store: S,
  plain: PlainRecords[S],
  { key, durable = true }: { key?: string; durable?: boolean } = {},
): Promise<void> {
  const stored = await sealRecord(await codecFor(store, key ?? ''), store, plain, key);
  const storeKey = key as RecordKey<S> | undefined;
  if (durable) await putDurably(store, stored, storeKey);
  else await (await database()).put(store, stored, storeKey);
}

/** Stores records of a store with in-line keys, all sealed first, in one transaction on disk before it reports done. */
export async function putRecords<S extends SealedStore>(store: S, plains: ReadonlyArray<PlainRecords[S]>): Promise<void> {
  if (plains.length === 0) return;
  const codec = await recordCodec();
  const stored = await Promise.all(plains.map((plain) => sealRecord(codec, store, plain)));
  const tx = (await database()).transaction(store, 'readwrite', { durability: 'strict' });
  await Promise.all([...stored.map((record) => tx.store.put(record)), tx.done]);
}

export async function deleteRecord(store: SealedStore, id: string): Promise<void> {
  const name = await recordName(await codecFor(store, id), store, id);
  await (await database()).delete(store, name);
}

/**
 * Changes records in place, one transaction's worth, keeping what `change` keeps. In clear it
 * reads and writes in one transaction. Sealed records are opened and sealed again outside a
 * transaction (WebCrypto is no IndexedDB request), so the write checks that nothing changed them
 * meanwhile, and tries again if so.
 */
export async function updateRecords<S extends SealedStore>(
  store: S,
  ids: readonly string[],
  change: (current: PlainRecords[S] | undefined, id: string) => PlainRecords[S],
): Promise<void> {
  const codec = await recordCodec();
  const names = await recordNames(codec, store, ids);
  const db = await database();
  if (!codec.keys) {
    // Without the lock no record is sealed: each is read, changed and written in one transaction.
    const tx = db.transaction(store, 'readwrite');
    for (const [at, name] of names.entries()) {
      const current = (await tx.store.get(name)) as PlainRecords[S] | undefined;
      await tx.store.put(change(current, ids[at]!));
    }
    await tx.done;
    return;
  }
  for (let attempt = 0; ; attempt++) {
    const read = db.transaction(store);
    const before = await Promise.all(names.map((name) => read.store.get(name)));
    const after = await Promise.all(
      before.map(async (stored, at) =>
        sealRecord(
          codec,
          store,
          change(stored === undefined ? undefined : await openRecord(codec, store, String(names[at]), stored), ids[at]!),
        ),
      ),
    );
    const write = db.transaction(store, 'readwrite');
    const current = await Promise.all(names.map((name) => write.store.get(name)));
    if (current.some((stored, at) => !sameStored(stored, before[at])) && attempt < 3) {
      write.abort();
      await write.done.catch(() => undefined);
      continue;
    }
    await Promise.all(after.map((record) => write.store.put(record)));
    await write.done;
    return;
  }
}
