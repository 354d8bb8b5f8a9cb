/** Performance marks the app sets, for the benchmark and for anyone profiling. */
export const LIBRARY_PAINTED = 'pamphlet:library-painted';
/** Around each import (from the queue) and each export, for the benchmark. */
export const IMPORT_STARTED = 'pamphlet:import-started';
export const IMPORT_FINISHED = 'pamphlet:import-finished';
/** A shown report's unsafe parts all counted, after its import finished (see `ImportReport.countRest`). */
export const IMPORT_COUNTED = 'pamphlet:import-counted';
export const EXPORT_STARTED = 'pamphlet:export-started';
export const EXPORT_FINISHED = 'pamphlet:export-finished';
/** Around each sync of every source, for the benchmark. */
export const SYNC_STARTED = 'pamphlet:sync-started';
export const SYNC_FINISHED = 'pamphlet:sync-finished';
/** The library screen started loading (to its first paint: how long the library itself takes). */
export const LIBRARY_STARTED = 'pamphlet:library-started';
/** The library's first screen as the database has it reached the screen (after any kept copy). */
export const LIBRARY_CONFIRMED = 'pamphlet:library-confirmed';
/** A search was sent, and its results reached the screen. */
export const SEARCH_STARTED = 'pamphlet:search-started';
export const SEARCH_SHOWN = 'pamphlet:search-shown';
/** An article was asked for, and its text reached the screen. */
export const ARTICLE_REQUESTED = 'pamphlet:article-requested';
export const ARTICLE_SHOWN = 'pamphlet:article-shown';
/** A Nearby transfer ended on the receiving phone; its `detail` is the transfer's `ReceiveTiming`. */
export const NEARBY_RECEIVED = 'pamphlet:nearby-received';
