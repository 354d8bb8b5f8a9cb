import { labelsFor, rememberLabels, type Labels } from '../format.ts';
import { uiLocale } from '../l10n/localization.ts';
import { lockHinted } from '../lock/lock-hint.ts';
import type { Facets, LibraryEntry } from './library-entries.ts';

/**
 * The library's first screen as it was last shown, kept in localStorage: read synchronously at
 * start, it is on screen before IndexedDB has even opened (which alone takes 100 ms and more with
 * a big library on a slow phone). Its dates and language names are kept as shown, in the UI's
 * language, and the filters' choices as they were, so that drawing it waits for no Intl data
 * either (a first sort with localeCompare or a first date format loads its locale's data, 20 to
 * 90 ms on a cold start). The database then confirms or corrects it.
 */
const KEY = 'pamphlet:first-screen';
const FORMAT = 2;
export const FIRST_SCREEN_ENTRIES = 12;

export interface FirstScreen {
  entries: LibraryEntry[];
  total: number;
  facets: Facets;
}

function isLabels(value: unknown): value is Labels {
  const labels = value as Partial<Labels> | null;
  const isTextRecord = (record: unknown) => typeof record === 'object' && record !== null && Object.values(record).every((text) => typeof text === 'string');
  return typeof labels === 'object' && labels !== null && isTextRecord(labels.dates) && isTextRecord(labels.languages) && (labels.numbers === undefined || isTextRecord(labels.numbers));
}

function isFacets(value: unknown): value is Facets {
  const facets = value as Partial<Facets> | null;
  const isTextList = (list: unknown) => Array.isArray(list) && list.every((text) => typeof text === 'string');
  return typeof facets === 'object' && facets !== null && isTextList(facets.sources) && isTextList(facets.langs) && isTextList(facets.tags);
}

function isEntry(value: unknown): value is LibraryEntry {
  const entry = value as Partial<LibraryEntry> | null;
  return typeof entry === 'object' && entry !== null && typeof entry.id === 'string' && typeof entry.title === 'string' && typeof entry.publishedAt === 'string';
}

export function readFirstScreen(): FirstScreen | undefined {
  // A copy kept before the lock was turned on (by a tab that did not hear of it) goes unread.
  if (lockHinted()) {
    forgetFirstScreen();
    return undefined;
  }
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { format?: number; language?: unknown; entries?: unknown; total?: unknown; labels?: unknown; facets?: unknown } | null;
    if (saved?.format !== FORMAT || saved.language !== uiLocale() || !Array.isArray(saved.entries) || typeof saved.total !== 'number') return undefined;
    if (!saved.entries.every(isEntry) || !isLabels(saved.labels) || !isFacets(saved.facets)) return undefined;
    rememberLabels(saved.labels, uiLocale());
    return { entries: saved.entries, total: saved.total, facets: saved.facets };
  } catch {
    // No storage (a locked-down browser) or a damaged copy: the database will do.
    return undefined;
  }
}

/** Keeps the newest entries for the next start. */
export function saveFirstScreen(entries: readonly LibraryEntry[], total: number, facets: Facets): void {
  // With the library lock on, no title may be stored in clear.
  if (lockHinted()) return;
  const kept = entries.slice(0, FIRST_SCREEN_ENTRIES);
  try {
    const labels = labelsFor([...new Set(kept.map((entry) => entry.published))], [...new Set(kept.map((entry) => entry.lang))], [total]);
    localStorage.setItem(KEY, JSON.stringify({ format: FORMAT, language: uiLocale(), entries: kept, total, labels, facets }));
  } catch {
    // Full or unavailable: the next start reads the database, a little later.
  }
}

/** When the lock is turned on (and on a wipe, which clears all of localStorage): no title stays in clear. */
export function forgetFirstScreen(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
