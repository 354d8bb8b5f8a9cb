/** What a wipe removed, for the reader to see. */
export interface WipeReport {
  /** Articles the library held, when they could be counted before it went. */
  articles: number | undefined;
  databases: number;
  caches: number;
  serviceWorkers: number;
  /** Items in localStorage and sessionStorage (the language and discreet-mode choices, and the first screen an older version kept there). */
  localItems: number;
  /** Entries in the origin private file system. */
  files: number;
}
