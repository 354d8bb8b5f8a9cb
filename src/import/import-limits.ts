/** The largest file the app reads: a phone must hold it in memory twice while checking it. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
