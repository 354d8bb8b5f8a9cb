/**
 * How search folds words, in a module of its own: highlighting on the page needs it at once,
 * FlexSearch (the index, 50 KB) only once the reader searches.
 */
const FOLDS: Array<[RegExp, string]> = [
  [/ё/g, 'е'],
  [/[ٱأإآ]/g, 'ا'],
  [/ي/g, 'ی'],
  [/ك/g, 'ک'],
  [/ة/g, 'ه'],
  [/\u0640/g, ''], // tatweel
];

/**
 * Folded so that a reader finds a word however it is accented or vowelled: lower case, Unicode
 * compatibility forms, combining marks (Latin accents, Arabic harakat) dropped, ё as е, Arabic
 * and Persian letter forms unified.
 */
export function foldTerm(term: string): string {
  let folded = term
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  for (const [pattern, replacement] of FOLDS) folded = folded.replace(pattern, replacement);
  return folded;
}
