import { DB_NAME, DB_VERSION } from '../shared/db-schema.ts';
import { copyDatabase } from './copy-database.ts';
import { closeDatabase, connect, currentHome, database } from './database.ts';
import { deleteLibraryHome, nextLibraryHome } from './library-home.ts';
import { sealingConverter, type ResealProgress } from './reseal.ts';
import type { RecordCodec } from './vault.ts';

/**
 * Turning the lock on, where the browser has storage buckets: the library is copied, every record
 * sealed on the way, into a fresh bucket, and the old bucket is deleted, which takes from the disk
 * every byte the library had in clear (sealing records in place leaves their old bytes in the
 * database's files for as long as the browser does not compact them). False where there are no
 * buckets: the caller seals in place.
 */
export async function moveToFreshHome(codec: RecordCodec, { onProgress, signal }: { onProgress?: (progress: ResealProgress) => void; signal?: AbortSignal } = {}): Promise<boolean> {
  const next = await nextLibraryHome();
  if (!next) return false;
  const [home, from] = [await currentHome(), await database()];
  const stores = Array.from(from.objectStoreNames);
  const progress = { done: 0, total: (await Promise.all(stores.map((store) => from.count(store)))).reduce((sum, count) => sum + count, 0) };
  onProgress?.({ ...progress });
  const to = await connect(DB_NAME, DB_VERSION, undefined, next.factory);
  try {
    await copyDatabase(from, to, sealingConverter(codec), (records) => {
      signal?.throwIfAborted();
      progress.done = Math.min(progress.total, progress.done + records);
      onProgress?.({ ...progress });
    });
  } finally {
    to.close();
  }
  // From here on the fresh home is the library's: the old one, the lowest, goes, and with it the
  // lowest is the fresh one for every page and worker that opens the library next.
  await closeDatabase();
  await deleteLibraryHome(home);
  return true;
}
