/** Performance marks the app sets, for the benchmark and for anyone profiling. */
export const LIBRARY_PAINTED = 'pamphlet:library-painted';
/** Around each import (from the queue) and each export, for the benchmark. */
export const IMPORT_STARTED = 'pamphlet:import-started';
export const IMPORT_FINISHED = 'pamphlet:import-finished';
export const EXPORT_STARTED = 'pamphlet:export-started';
export const EXPORT_FINISHED = 'pamphlet:export-finished';
/** Around each sync of every source, for the benchmark. */
export const SYNC_STARTED = 'pamphlet:sync-started';
export const SYNC_FINISHED = 'pamphlet:sync-finished';
