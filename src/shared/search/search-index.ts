import { Encoder, Index, Resolver, type DocumentData } from 'flexsearch';
import { plainTextOf, type Article } from '../article.ts';
import { foldTerm } from '../text/fold-term.ts';

/**
 * The library's full-text index: FlexSearch, chosen over MiniSearch because it holds 10,000
 * articles (50 MB of text) in about a third of the memory. Title, byline and text go in as one
 * document, title first, so a word in the title ranks above the same word deep in the text
 * (FlexSearch ranks by where a word stands). On top of FlexSearch's exact words this adds what
 * a search box needs in inflected languages: a word begun (three letters or more) finds its
 * endings, and a long word typed with one mistake still finds its article.
 */
export interface SearchDocument {
  id: string;
  title: string;
  byline: string;
  text: string;
}

/**
 * What a search found: the articles, best first, and the folded words to highlight in them. Kept
 * this lean (no object per hit) because a common word can match most of a 10,000-article library
 * and every hit crosses from the worker to the page.
 */
export interface SearchResult {
  ids: string[];
  terms: string[];
}

const NOTHING_FOUND: SearchResult = { ids: [], terms: [] };

/** The index as kept in IndexedDB; a record of another format is dropped and rebuilt. */
export interface SavedSearchIndex {
  format: typeof FORMAT;
  chunks: Array<[key: string, data: string]>;
  /** Document number → article id (null where an article was removed) and its revision indexed. */
  ids: Array<string | null>;
  revisions: number[];
  /** Every word indexed, newline-separated: the dictionary that prefixes and typos are looked up in. */
  terms: string;
  savedAt: number;
}

const FORMAT = 'flexsearch-0.8/1';
const PREFIX_FROM = 3;
const FUZZY_FROM = 5;
/** A begun word may stand for this many words at most (the alphabetically first ones). */
const MAX_FORMS = 200;

/** Words are runs of letters and digits in any script; indexing and querying cut text the same way. */
function createEncoder(): Encoder {
  return new Encoder({ normalize: foldTerm, split: /[^\p{L}\p{N}]+/u, numeric: false, dedupe: false, cache: false });
}

function createFlexIndex(encoder: Encoder): Index {
  return new Index({ encoder, tokenize: 'strict', resolution: 9, fastupdate: false });
}

export function documentOf(article: Article): SearchDocument {
  return { id: article.id, title: article.title, byline: article.byline ?? '', text: plainTextOf(article.content) };
}

/** Whether `a` and `b` differ by at most one letter added, dropped or changed. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class LibraryIndex {
  private readonly encoder = createEncoder();
  private index = createFlexIndex(this.encoder);
  private readonly numbers = new Map<string, number>();
  private ids: Array<string | null> = [];
  private revisions: number[] = [];
  private readonly terms = new Set<string>();
  /** The dictionary sorted, for prefix lookups; rebuilt after words were added. */
  private sortedTerms: string[] | undefined;

  static load(saved: SavedSearchIndex): LibraryIndex {
    if (saved.format !== FORMAT) throw new Error(`The saved search index is of format ${String(saved.format)}.`);
    const loaded = new LibraryIndex();
    for (const [key, data] of saved.chunks) loaded.index.import(key, data);
    loaded.ids = saved.ids;
    loaded.revisions = saved.revisions;
    saved.ids.forEach((id, number) => id !== null && loaded.numbers.set(id, number));
    for (const term of saved.terms.split('\n')) if (term) loaded.terms.add(term);
    loaded.prepare();
    return loaded;
  }

  get documentCount(): number {
    return this.numbers.size;
  }

  /** Article id → revision indexed, for every article in the index. */
  *indexed(): Generator<[id: string, revision: number]> {
    for (const [id, number] of this.numbers) yield [id, this.revisions[number]!];
  }

  /** Indexes `document` (replacing an earlier revision of it). */
  add(document: SearchDocument, revision: number): void {
    this.remove(document.id);
    const number = this.ids.length;
    const content = `${document.title}\n${document.byline}\n${document.text}`;
    this.index.add(number, content);
    for (const term of this.encoder.encode(content)) {
      if (!this.terms.has(term)) this.sortedTerms = undefined;
      this.terms.add(term);
    }
    this.ids.push(document.id);
    this.revisions.push(revision);
    this.numbers.set(document.id, number);
  }

  remove(id: string): void {
    const number = this.numbers.get(id);
    if (number === undefined) return;
    this.index.remove(number);
    this.numbers.delete(id);
    this.ids[number] = null;
  }

  /** Readies the dictionary for lookups now (after loading or adding), rather than in the next search. */
  prepare(): void {
    this.sortedTerms ??= [...this.terms].sort();
  }

  /** Articles with every word of `query` (begun or mistyped as above), best first. */
  search(query: string): SearchResult {
    const words = [...new Set(this.encoder.encode(query))];
    if (words.length === 0 || this.numbers.size === 0) return NOTHING_FOUND;
    const highlighted: string[] = [];
    // FlexSearch's resolver types thread document generics through; here there are no documents.
    type Found = Resolver<DocumentData>;
    let all: Found | undefined;
    for (const word of words) {
      const { forms, fuzzy } = this.formsOf(word);
      if (forms.length === 0) return NOTHING_FOUND;
      highlighted.push(...(fuzzy ? forms : [word]));
      // All forms in one `or`: chained one by one, each would merge again everything before it.
      const [first, ...rest] = forms;
      let any: Found = new Resolver<DocumentData>({ index: this.index, query: first! });
      if (rest.length > 0) any = any.or(...rest.map((form) => ({ index: this.index, query: form })));
      all = all ? all.and(any) : any;
    }
    const numbers = all!.resolve({ limit: this.ids.length }) as number[];
    const ids: string[] = [];
    for (const number of numbers) {
      const id = this.ids[number];
      if (id) ids.push(id);
    }
    return { ids, terms: highlighted };
  }

  save(): SavedSearchIndex {
    const chunks: Array<[string, string]> = [];
    // With a handler that returns nothing, FlexSearch exports synchronously.
    this.index.export((key: string, data: string) => {
      if (data !== undefined && data !== null) chunks.push([key, data]);
    });
    return { format: FORMAT, chunks, ids: this.ids, revisions: this.revisions, terms: [...this.terms].join('\n'), savedAt: Date.now() };
  }

  /** The indexed words `word` stands for: itself, the words it begins, or else near misses. */
  private formsOf(word: string): { forms: string[]; fuzzy: boolean } {
    if (word.length < PREFIX_FROM) return { forms: this.terms.has(word) ? [word] : [], fuzzy: false };
    this.prepare();
    const sorted = this.sortedTerms!;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < word) low = middle + 1;
      else high = middle;
    }
    const forms: string[] = [];
    for (let at = low; at < sorted.length && forms.length < MAX_FORMS && sorted[at]!.startsWith(word); at++) forms.push(sorted[at]!);
    if (forms.length > 0 || word.length < FUZZY_FROM) return { forms, fuzzy: false };
    for (const term of sorted) if (withinOneEdit(word, term) && forms.push(term) >= MAX_FORMS) break;
    return { forms, fuzzy: true };
  }
}
