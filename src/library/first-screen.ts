import type { LibraryEntry } from './library-entries.ts';

/**
 * The library's first screen as it was last shown, kept in localStorage: read synchronously at
 * start, it is on screen before IndexedDB has even opened (which alone takes 100 ms and more with
 * a big library on a slow phone). The database then confirms or corrects it.
 */
const KEY = 'pamphlet:first-screen';
const FORMAT = 1;
export const FIRST_SCREEN_ENTRIES = 40;

export interface FirstScreen {
  entries: LibraryEntry[];
  total: number;
}

function isEntry(value: unknown): value is LibraryEntry {
  const entry = value as Partial<LibraryEntry> | null;
  return typeof entry === 'object' && entry !== null && typeof entry.id === 'string' && typeof entry.title === 'string' && typeof entry.publishedAt === 'string';
}

export function readFirstScreen(): FirstScreen | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { format?: number; entries?: unknown; total?: unknown } | null;
    if (saved?.format !== FORMAT || !Array.isArray(saved.entries) || typeof saved.total !== 'number' || !saved.entries.every(isEntry)) return undefined;
    return { entries: saved.entries, total: saved.total };
  } catch {
    // No storage (a locked-down browser) or a damaged copy: the database will do.
    return undefined;
  }
}

/** Keeps the newest entries (search highlights dropped) for the next start. */
export function saveFirstScreen(entries: readonly LibraryEntry[], total: number): void {
  const kept = entries.slice(0, FIRST_SCREEN_ENTRIES).map(({ terms: _terms, score: _score, ...entry }) => entry);
  try {
    localStorage.setItem(KEY, JSON.stringify({ format: FORMAT, entries: kept, total }));
  } catch {
    // Full or unavailable: the next start reads the database, a little later.
  }
}

/** For a wipe: nothing of the library stays behind. */
export function forgetFirstScreen(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
