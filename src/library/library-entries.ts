import type { ArticleSummary, ReadingState } from '../shared/db-schema.ts';
import type { TrustedKey } from '../shared/verdict.ts';
import type { SearchHit } from '../search/search-index.ts';

/** A library entry as the list shows it: the summary with the reader's marks and who vouches for it. */
export interface LibraryEntry extends ArticleSummary {
  read: boolean;
  starred: boolean;
  tags: string[];
  verdict: 'verified' | 'unknown' | 'unsigned';
  /** The trusted name of the signer, for a verified entry. */
  trustedName?: string;
  /** The words to highlight, when the entry is a search hit. */
  terms?: string[];
  score?: number;
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

export const NO_FILTERS: LibraryFilters = { query: '', source: '', lang: '', verdict: '', tag: '', unreadOnly: false, starredOnly: false, sort: 'date' };

export function entriesOf(summaries: readonly ArticleSummary[], readings: ReadonlyMap<string, ReadingState>, trusted: ReadonlyMap<string, TrustedKey>): LibraryEntry[] {
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
 * with their words to highlight; sorted by relevance, or by date like everything else.
 */
export function applyFilters(entries: readonly LibraryEntry[], filters: LibraryFilters, hits?: readonly SearchHit[]): LibraryEntry[] {
  const byId = hits ? new Map(hits.map((hit) => [hit.id, hit])) : undefined;
  const passing: LibraryEntry[] = [];
  for (const entry of entries) {
    const hit = byId?.get(entry.id);
    if (byId && !hit) continue;
    if (filters.source && entry.publisherName !== filters.source) continue;
    if (filters.lang && entry.lang !== filters.lang) continue;
    if (filters.verdict && entry.verdict !== filters.verdict) continue;
    if (filters.tag && !entry.tags.includes(filters.tag)) continue;
    if (filters.unreadOnly && entry.read) continue;
    if (filters.starredOnly && !entry.starred) continue;
    passing.push(hit ? { ...entry, terms: hit.terms, score: hit.score } : entry);
  }
  if (hits && filters.sort === 'relevance') passing.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  return passing;
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
