import type { ArticleSummary, ReadingState } from '../shared/db-schema.ts';
import type { TrustedKey } from '../shared/verdict.ts';
import type { SearchResult } from '../shared/search/search-index.ts';

/** A library entry as the list shows it: the summary with the reader's marks and who vouches for it. */
export interface LibraryEntry extends ArticleSummary {
  read: boolean;
  starred: boolean;
  tags: string[];
  verdict: 'verified' | 'unknown' | 'unsigned';
  /** The trusted name of the signer, for a verified entry. */
  trustedName?: string;
}

export type Sort = 'date' | 'relevance';

export interface LibraryFilters {
  query: string;
  source: string;
  lang: string;
  verdict: '' | LibraryEntry['verdict'];
  tag: string;
  unreadOnly: boolean;
  starredOnly: boolean;
  sort: Sort;
}

export const NO_FILTERS: LibraryFilters = {
  query: '',
  source: '',
  lang: '',
  verdict: '',
  tag: '',
  unreadOnly: false,
  starredOnly: false,
  sort: 'date',
};

export function entriesOf(
  summaries: readonly ArticleSummary[],
  readings: ReadonlyMap<string, ReadingState>,
  trusted: ReadonlyMap<string, TrustedKey>,
): LibraryEntry[] {
  return summaries.map((summary) => {
    const reading = readings.get(summary.id);
    const trust = summary.signerKey ? trusted.get(summary.signerKey) : undefined;
    return {
      ...summary,
      read: reading?.read ?? false,
      starred: reading?.starred ?? false,
      tags: reading?.tags ?? [],
      verdict: !summary.signerKey ? 'unsigned' : trust ? 'verified' : 'unknown',
      ...(trust ? { trustedName: trust.name } : {}),
    };
  });
}

/**
 * The entries the filters let through, in the chosen order. With a query, only search hits pass,
 * sorted by relevance (the search's own order), or by date like everything else. The entries
 * themselves pass, not copies: a common word can match most of a large library, and this runs
 * on every keystroke.
 */
export function applyFilters(entries: readonly LibraryEntry[], filters: LibraryFilters, found?: SearchResult): LibraryEntry[] {
  const passes = (entry: LibraryEntry) =>
    (!filters.source || entry.publisherName === filters.source) &&
    (!filters.lang || entry.lang === filters.lang) &&
    (!filters.verdict || entry.verdict === filters.verdict) &&
    (!filters.tag || entry.tags.includes(filters.tag)) &&
    (!filters.unreadOnly || !entry.read) &&
    (!filters.starredOnly || entry.starred);
  if (!found) return entries.filter(passes);
  if (filters.sort === 'relevance') {
    const byId = entriesById(entries);
    const passing: LibraryEntry[] = [];
    for (const id of found.ids) {
      const entry = byId.get(id);
      if (entry && passes(entry)) passing.push(entry);
    }
    return passing;
  }
  const hit = new Set(found.ids);
  return entries.filter((entry) => hit.has(entry.id) && passes(entry));
}

/** The library's entries by id, made once per list of entries. */
const byIdOf = new WeakMap<readonly LibraryEntry[], Map<string, LibraryEntry>>();
function entriesById(entries: readonly LibraryEntry[]): Map<string, LibraryEntry> {
  let byId = byIdOf.get(entries);
  if (!byId) {
    byId = new Map(entries.map((entry) => [entry.id, entry]));
    byIdOf.set(entries, byId);
  }
  return byId;
}

/** What the filters can choose from: the sources, languages and collections in the library. */
/** What the filters offer: every source, language and collection in the library. */
export interface Facets {
  sources: string[];
  langs: string[];
  tags: string[];
}

export const NO_FACETS: Facets = { sources: [], langs: [], tags: [] };

export function facetsOf(entries: readonly LibraryEntry[]): Facets {
  const sources = new Set<string>();
  const langs = new Set<string>();
  const tags = new Set<string>();
  for (const entry of entries) {
    sources.add(entry.publisherName);
    langs.add(entry.lang);
    entry.tags.forEach((tag) => tags.add(tag));
  }
  const sorted = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b));
  return { sources: sorted(sources), langs: sorted(langs), tags: sorted(tags) };
}
