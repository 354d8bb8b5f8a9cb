import { nameInFolder } from '../browser/app-folder.ts';
import { labelsFor, rememberLabels, type Labels } from '../l10n/format.ts';
import { uiLocale } from '../l10n/localization.ts';
import { FIRST_SCREEN, putSettingLightly, readSetting } from '../browser/storage/settings.ts';
import type { Facets, LibraryEntry } from './library-entries.ts';

/**
 * The library's first screen as it was last shown, kept in one record of the library's own
 * database: one read at start puts it on screen, before the library's index and counts are read.
 * Its dates and language names are kept as shown, in the UI's language, and the filters' choices
 * as they were, so that drawing it waits for no Intl data either (a first sort with localeCompare
 * or a first date format loads its locale's data, 20 to 90 ms on a cold start). The database then
 * confirms or corrects it.
 *
 * It was kept in localStorage, read before the database opened; but localStorage is one LevelDB
 * shared by every site, whose files keep a removed value's bytes indefinitely, so titles put there
 * outlived the lock and the wipe (docs/threat-model.md, section 6). In the library's database, it
 * is sealed with the lock and deleted with the library's storage bucket.
 */
const LEGACY_KEY = nameInFolder('pamphlet:first-screen');
const FORMAT = 2;
export const FIRST_SCREEN_ENTRIES = 12;

export interface FirstScreen {
  entries: LibraryEntry[];
  total: number;
  facets: Facets;
}

function isLabels(value: unknown): value is Labels {
  const labels = value as Partial<Labels> | null;
  const isTextRecord = (record: unknown) =>
    typeof record === 'object' && record !== null && Object.values(record).every((text) => typeof text === 'string');
  return (
    typeof labels === 'object' &&
    labels !== null &&
    isTextRecord(labels.dates) &&
    isTextRecord(labels.languages) &&
    (labels.numbers === undefined || isTextRecord(labels.numbers))
  );
}

function isFacets(value: unknown): value is Facets {
  const facets = value as Partial<Facets> | null;
  const isTextList = (list: unknown) => Array.isArray(list) && list.every((text) => typeof text === 'string');
  return typeof facets === 'object' && facets !== null && isTextList(facets.sources) && isTextList(facets.langs) && isTextList(facets.tags);
}

function isEntry(value: unknown): value is LibraryEntry {
  const entry = value as Partial<LibraryEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    typeof entry.title === 'string' &&
    typeof entry.publishedAt === 'string'
  );
}

export async function readFirstScreen(): Promise<FirstScreen | undefined> {
  try {
    const saved = (await readSetting(FIRST_SCREEN)) as
      { format?: number; language?: unknown; entries?: unknown; total?: unknown; labels?: unknown; facets?: unknown } | null | undefined;
    if (saved?.format !== FORMAT || saved.language !== uiLocale() || !Array.isArray(saved.entries) || typeof saved.total !== 'number')
      return undefined;
    if (!saved.entries.every(isEntry) || !isLabels(saved.labels) || !isFacets(saved.facets)) return undefined;
    rememberLabels(saved.labels, uiLocale());
    return { entries: saved.entries, total: saved.total, facets: saved.facets };
  } catch {
    // A locked library, or a damaged copy: the library's index will do.
    return undefined;
  }
}

/** Keeps the newest entries for the next start. */
export function saveFirstScreen(entries: readonly LibraryEntry[], total: number, facets: Facets): void {
  const kept = entries.slice(0, FIRST_SCREEN_ENTRIES);
  const dates = kept.flatMap((entry) => [entry.published, entry.modified]).filter((date) => date !== undefined);
  const labels = labelsFor([...new Set(dates)], [...new Set(kept.map((entry) => entry.lang))], [total]);
  // Sealed with the lock on (it is one of the settings the lock seals); a failure costs the next start a little time.
  void putSettingLightly(FIRST_SCREEN, { format: FORMAT, language: uiLocale(), entries: kept, total, labels, facets }).catch(
    () => undefined,
  );
}

/** The copy an older version kept in localStorage: never read, removed where found. */
export function forgetFirstScreen(): void {
  try {
    localStorage.removeItem(LEGACY_KEY);
  } catch {
    // Nothing was kept.
  }
}
