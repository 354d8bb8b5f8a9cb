import MiniSearch, { type SearchResult } from 'minisearch';
import { plainTextOf, type Article } from '../shared/article.ts';

/**
 * The library's full-text index (MiniSearch): title, byline and text, in any script. Terms are
 * folded so that a reader finds a word however it is accented or vowelled: lower case, Unicode
 * compatibility forms, combining marks (Latin accents, Arabic harakat) dropped, ё as е, Arabic
 * and Persian letter forms unified.
 */
export interface SearchDocument {
  id: string;
  title: string;
  byline: string;
  text: string;
}

const FOLDS: Array<[RegExp, string]> = [
  [/ё/g, 'е'],
  [/[ٱأإآ]/g, 'ا'],
  [/ي/g, 'ی'],
  [/ك/g, 'ک'],
  [/ة/g, 'ه'],
  [/\u0640/g, ''], // tatweel
];

export function foldTerm(term: string): string {
  let folded = term.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  for (const [pattern, replacement] of FOLDS) folded = folded.replace(pattern, replacement);
  return folded;
}

export const SEARCH_OPTIONS = {
  fields: ['title', 'byline', 'text'],
  storeFields: [] as string[],
  processTerm: (term: string) => {
    const folded = foldTerm(term);
    return folded.length > 0 ? folded : null;
  },
  searchOptions: {
    boost: { title: 3, byline: 1.5 },
    prefix: (term: string) => term.length >= 3,
    fuzzy: (term: string) => (term.length >= 5 ? 0.15 : false),
    combineWith: 'AND' as const,
  },
};

export function createIndex(): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
}

export function loadIndex(json: string): MiniSearch<SearchDocument> {
  return MiniSearch.loadJSON<SearchDocument>(json, SEARCH_OPTIONS);
}

export function documentOf(article: Article): SearchDocument {
  return { id: article.id, title: article.title, byline: article.byline ?? '', text: plainTextOf(article.content) };
}

/** One hit: the article, how well it matched, and the words (as they appear folded) to highlight. */
export interface SearchHit {
  id: string;
  score: number;
  terms: string[];
}

export function hitsOf(results: SearchResult[]): SearchHit[] {
  return results.map((result) => ({ id: String(result.id), score: result.score, terms: result.terms }));
}
