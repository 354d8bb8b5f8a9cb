import { SEAL_FORM, type PamphletDB } from '../../shared/db-schema.ts';
import type { StoreNames } from 'idb';
import { database } from './database.ts';
import {
  isSealedRecord,
  readArticle,
  readDeleted,
  readImage,
  readReading,
  readSource,
  readSummary,
  readTrustedKey,
  readValue,
  storeArticle,
  storeDeleted,
  storeImage,
  storeReading,
  storeSource,
  storeSummary,
  storeTrustedKey,
  storeValue,
} from './sealed-records.ts';
import { SEALED_SETTINGS } from './settings.ts';
import type { RecordConverter } from './copy-database.ts';
import type { RecordCodec } from './vault.ts';

/**
 * Seals every record of the library (the lock being turned on, or records sealed in an older
 * form being sealed again) or opens every one (turned off), a batch at a time: each batch is read, converted outside any transaction, then written in one,
 * the old record taken away where its name changes. A batch already converted is skipped, so an
 * interrupted pass (a tab closed, a phone switched off) simply runs again.
 */
export interface ResealProgress {
  done: number;
  total: number;
}

const BATCH = 100;

type Converter = (codec: RecordCodec, value: never) => Promise<unknown>;

interface StorePass {
  store: StoreNames<PamphletDB>;
  /** Absent for stores with out-of-line keys, whose records are sealed under their key. */
  seal?: Converter;
  open?: Converter;
  /** For stores with out-of-line keys: which keys hold records the lock seals (all if absent). */
  only?: ReadonlySet<string>;
}

const PASSES: StorePass[] = [
  { store: 'articles', seal: storeArticle as Converter, open: readArticle as Converter },
  { store: 'summaries', seal: storeSummary as Converter, open: readSummary as Converter },
  { store: 'images', seal: storeImage as Converter, open: readImage as Converter },
  { store: 'reading', seal: storeReading as Converter, open: readReading as Converter },
  { store: 'keys', seal: storeTrustedKey as Converter, open: readTrustedKey as Converter },
  { store: 'sources', seal: storeSource as Converter, open: readSource as Converter },
  { store: 'deleted', seal: storeDeleted as Converter, open: readDeleted as Converter },
  { store: 'search' },
  { store: 'settings', only: SEALED_SETTINGS },
];

export async function resealLibrary(
  codec: RecordCodec,
  { onProgress, signal }: { onProgress?: (progress: ResealProgress) => void; signal?: AbortSignal } = {},
): Promise<void> {
  const db = await database();
  const counts = await Promise.all(PASSES.map((pass) => db.count(pass.store)));
  const progress = { done: 0, total: counts.reduce((sum, count) => sum + count, 0) };
  onProgress?.({ ...progress });
  for (const pass of PASSES) {
    // Records keep their key until converted, so one sweep in key order meets each of them once
    // (and the converted ones, under their new names, are passed over).
    let after: IDBValidKey | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const batch = await convertBatch(codec, pass, after);
      if (batch.last === undefined) break;
      after = batch.last;
      progress.done = Math.min(progress.total, progress.done + batch.converted);
      onProgress?.({ ...progress });
    }
  }
  onProgress?.({ done: progress.total, total: progress.total });
}

/** Converts up to BATCH records after `after` still in the other form; `last` is where it stopped. */
async function convertBatch(
  codec: RecordCodec,
  pass: StorePass,
  after: IDBValidKey | undefined,
): Promise<{ last: IDBValidKey | undefined; converted: number }> {
  const db = await database();
  const found: Array<{ key: IDBValidKey; value: unknown }> = [];
  let last: IDBValidKey | undefined;
  const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
  for await (const cursor of db.transaction(pass.store).store.iterate(range as IDBKeyRange | null)) {
    const key = cursor.primaryKey;
    last = key;
    if (pass.only && !pass.only.has(String(key))) continue;
    if (!needsWork(codec, cursor.value)) continue;
    found.push({ key, value: cursor.value });
    if (found.length >= BATCH) break;
  }
  if (found.length === 0) return { last, converted: 0 };
  const converted = await Promise.all(found.map(({ key, value }) => convertRecord(codec, pass, key, value)));
  const outOfLineKeys = !pass.seal;
  let written = 0;
  const tx = db.transaction(pass.store, 'readwrite');
  for (const [at, { key, value }] of found.entries()) {
    const current = await tx.store.get(key as string);
    // Changed meanwhile (another tab, unlocked, wrote it anew): its new form is already right.
    if (current === undefined || !needsWork(codec, current) || !sameStored(current, value)) continue;
    await tx.store.delete(key as string);
    if (outOfLineKeys) await tx.store.put(converted[at] as never, key as string);
    else await tx.store.put(converted[at] as never);
    written++;
  }
  await tx.done;
  return { last, converted: written };
}

/** A record in the form the library is going to; one sealed in an older form is opened first, then sealed again. */
async function convertRecord(codec: RecordCodec, pass: StorePass, key: IDBValidKey, value: unknown): Promise<unknown> {
  const store = pass.store as 'search' | 'settings';
  const plain = !isSealedRecord(value)
    ? value
    : pass.open
      ? await pass.open(codec, value as never)
      : await readValue(codec, store, String(key), value);
  if (!codec.seal) return plain;
  return pass.seal ? pass.seal(codec, plain as never) : storeValue(codec, store, String(key), plain);
}

/**
 * For a copy of the library into a fresh home as the lock is turned on (move-library.ts): each
 * record sealed in the current form; the vault and what the lock leaves in clear, as they are.
 */
export function sealingConverter(codec: RecordCodec): RecordConverter {
  return async (store, key, value) => {
    const pass = PASSES.find((candidate) => candidate.store === store);
    if (!pass || (pass.only && !pass.only.has(String(key))) || !needsWork(codec, value)) return value;
    return convertRecord(codec, pass, key, value);
  };
}

/** Whether a record is not yet in the form the library is going to: sealed in the current form, or open. */
function needsWork(codec: RecordCodec, value: unknown): boolean {
  return codec.seal ? !(isSealedRecord(value) && value.form === SEAL_FORM) : isSealedRecord(value);
}

function sameStored(a: unknown, b: unknown): boolean {
  if (isSealedRecord(a) && isSealedRecord(b)) return a.sealed.iv.every((byte, at) => byte === b.sealed.iv[at]);
  return JSON.stringify(a) === JSON.stringify(b);
}
