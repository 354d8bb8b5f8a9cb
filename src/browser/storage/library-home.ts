import { DB_NAME } from '../../shared/db-schema.ts';
import { folderTag, nameInFolder } from '../app-folder.ts';

/**
 * Where the library's database lives: in a named storage bucket where the browser has them
 * (`navigator.storageBuckets`, Chromium), else in the origin's default storage.
 *
 * Why a bucket: a browser keeps IndexedDB in LevelDB files, where a record overwritten or deleted,
 * and even a database deleted, stays readable on disk until the files are compacted, which a page
 * cannot bring about (docs/threat-model.md, section 6, "What is on disk"). A bucket deleted is gone
 * from disk at once. So turning the lock on moves the library to a fresh bucket and deletes the old
 * one, with every byte written in clear before; and the wipe deletes the buckets.
 *
 * Buckets are named `lib-1`, `lib-2`, … (`lib-<folder tag>-1` for an app in a folder: app-folder.ts):
 * neutral, and numbered by generation. The library is in
 * the lowest one; a higher one exists only while a move fills it, and a move that was cut off
 * leaves one that the next move deletes first. So every page and the service worker agree, with
 * nothing to read first, on where the library is.
 */
const PREFIX = `lib${folderTag()}-`;
const GENERATION = new RegExp(`^${PREFIX}(\\d{1,9})$`);

/** The library's database, named for the app's folder (app-folder.ts): `pamphlet` at a domain's root. */
export const LIBRARY_DATABASE = nameInFolder(DB_NAME);

interface StorageBucket {
  readonly name: string;
  readonly indexedDB: IDBFactory;
}

interface StorageBucketManager {
  open(name: string, options?: { persisted?: boolean; durability?: 'strict' | 'relaxed' }): Promise<StorageBucket>;
  keys(): Promise<string[]>;
  delete(name: string): Promise<void>;
}

/** The bucket manager, where the browser has one (in pages and workers alike). */
function buckets(): StorageBucketManager | undefined {
  return (globalThis.navigator as { storageBuckets?: StorageBucketManager } | undefined)?.storageBuckets;
}

/** Whether the browser has storage buckets (the library then lives in one). */
export function hasBuckets(): boolean {
  return buckets() !== undefined;
}

function generationOf(name: string): number | undefined {
  const match = GENERATION.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** The library's buckets, lowest generation first. */
export async function libraryBuckets(): Promise<string[]> {
  const manager = buckets();
  if (!manager) return [];
  const names = (await manager.keys()).filter((name) => generationOf(name) !== undefined);
  return names.sort((a, b) => generationOf(a)! - generationOf(b)!);
}

export interface LibraryHome {
  /** The IndexedDB factory the library's database is opened with. */
  factory: IDBFactory;
  /** Its bucket's name; absent in the origin's default storage (a browser without buckets). */
  bucket?: string;
}

async function open(name: string): Promise<LibraryHome> {
  const bucket = await buckets()!.open(name, { persisted: true, durability: 'strict' });
  return { factory: bucket.indexedDB, bucket: name };
}

/**
 * Where the library is now (made, empty, on first use). Where the first bucket cannot be made
 * (Chromium refuses a new bucket on a nearly full disk: "Too many buckets created"), the library
 * lives in the default storage, as in a browser without buckets, and moves into a bucket on a
 * later start that can make one (database.ts). A bucket that exists is opened or the error told.
 */
export async function libraryHome(): Promise<LibraryHome> {
  if (!buckets()) return { factory: indexedDB };
  const [current] = await libraryBuckets();
  if (current) return open(current);
  return open(`${PREFIX}1`).catch(() => ({ factory: indexedDB }));
}

/**
 * A fresh home for the library, the next generation after the current one; a home a cut-off move
 * left half filled is deleted first. Undefined where the browser has no buckets.
 */
export async function nextLibraryHome(): Promise<LibraryHome | undefined> {
  const manager = buckets();
  if (!manager) return undefined;
  const [current = `${PREFIX}1`, ...leftovers] = await libraryBuckets();
  for (const name of leftovers) await manager.delete(name);
  return open(`${PREFIX}${generationOf(current)! + 1}`);
}

/** Deletes a home's bucket, and with it, from disk, everything that was ever written in it. */
export async function deleteLibraryHome(home: LibraryHome): Promise<void> {
  if (home.bucket) await buckets()!.delete(home.bucket);
}

/** Deletes every bucket the origin has (the wipe), the library's and any other; how many there were. */
export async function deleteAllBuckets(): Promise<number> {
  const manager = buckets();
  if (!manager) return 0;
  const names = await manager.keys();
  for (const name of names) await manager.delete(name);
  return names.length;
}
