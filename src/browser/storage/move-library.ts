import { LIBRARY_DATABASE } from './library-home.ts';
import { DB_VERSION } from '../../shared/db-schema.ts';
import { copyDatabase } from './copy-database.ts';
import { closeDatabase, connect } from './database.ts';
import { asTheOnlyUser } from './home-move-locks.ts';
import { deleteLibraryHome, libraryHome, nextLibraryHome } from './library-home.ts';
import { sealingConverter, type ResealProgress } from './reseal.ts';
import type { RecordCodec } from './vault.ts';

/**
 * Turning the lock on, where the browser has storage buckets: the library is copied, every record
 * sealed on the way, into a fresh bucket, and the old bucket is deleted, which takes from the disk
 * every byte the library had in clear (sealing records in place leaves their old bytes in the
 * database's files for as long as the browser does not compact them). False where there are no
 * buckets: the caller seals in place.
 */
export async function moveToFreshHome(
  codec: RecordCodec,
  { onProgress, signal }: { onProgress?: (progress: ResealProgress) => void; signal?: AbortSignal } = {},
): Promise<boolean> {
  if (!(await libraryHome()).bucket) return false;
  // Every other tab, and the service worker, closes its connection and waits: a write to the old
  // home during the copy would be lost, and a transaction under way when it is deleted aborted.
  return asTheOnlyUser(closeDatabase, async () => {
    const [home, next] = [await libraryHome(), (await nextLibraryHome())!];
    const [from, to] = await Promise.all([
      connect(LIBRARY_DATABASE, DB_VERSION, undefined, home.factory),
      connect(LIBRARY_DATABASE, DB_VERSION, undefined, next.factory),
    ]);
    try {
      const stores = Array.from(from.objectStoreNames);
      const counting = from.transaction(stores);
      const counts = await Promise.all(stores.map((store) => counting.objectStore(store).count()));
      await counting.done;
      const progress = { done: 0, total: counts.reduce((sum, count) => sum + count, 0) };
      onProgress?.({ ...progress });
      await copyDatabase(from, to, sealingConverter(codec), (records) => {
        signal?.throwIfAborted();
        progress.done = Math.min(progress.total, progress.done + records);
        onProgress?.({ ...progress });
      });
    } finally {
      from.close();
      to.close();
    }
    // From here on the fresh home is the library's: the old one, the lowest, goes, and with it the
    // lowest is the fresh one for every page and worker that opens the library next.
    await deleteLibraryHome(home);
    return true;
  });
}
