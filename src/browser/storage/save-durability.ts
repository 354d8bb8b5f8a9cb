/**
 * The durability of the transaction that stores what an import brings. Strict: the browser reports
 * the import done only once it is on disk, so that a crash or a power cut right after "added to the
 * library" cannot lose it.
 */
export const IMPORT_DURABILITY: IDBTransactionDurability = 'strict';
