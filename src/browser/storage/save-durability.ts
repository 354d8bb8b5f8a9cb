/**
 * The durability of the transaction that stores what an import or a sync brings. Strict: the
 * browser reports it done only once it is on disk, so that a power cut right after "added to the
 * library" cannot take it back. Relaxed would be quicker (the bench measures both), and a bundle
 * chosen as a file could be imported again; but what came over Nearby, from a phone now gone, or
 * from a mirror blocked since, may be nowhere else.
 */
export const IMPORT_DURABILITY: IDBTransactionDurability = 'strict';
