/** The tag of Pamphlet's Periodic Background Sync registration. */
export const PERIODIC_SYNC_TAG = 'pamphlet-sync';
/** How often the browser is asked to sync in the background, at most (it decides when). */
export const PERIODIC_SYNC_INTERVAL_MS = 12 * 60 * 60 * 1000;
