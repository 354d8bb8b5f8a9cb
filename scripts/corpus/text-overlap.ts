/**
 * How much of one text another holds, counted in words as a reader sees them, for the corpus check.
 * Chinese and Japanese are written without spaces, so each Han, Hiragana or Katakana character is a
 * word of its own: counted as one run, a whole sentence would be one word, and a page that kept
 * every sentence but one punctuation mark would score nothing.
 */
const WORD = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}])+/gu;

export type WordCounts = Map<string, number>;

export function wordCounts(text: string): WordCounts {
  const counts: WordCounts = new Map();
  for (const word of text.toLowerCase().match(WORD) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

export interface Overlap {
  /** The share of the expected words that the text holds. */
  recall: number;
  /** The share of the text's words that were expected. */
  precision: number;
}

export function textOverlap(expected: WordCounts, actual: WordCounts): Overlap {
  let common = 0;
  for (const [word, count] of expected) common += Math.min(count, actual.get(word) ?? 0);
  const total = (counts: WordCounts) => [...counts.values()].reduce((sum, count) => sum + count, 0);
  // Nothing expected and nothing found is a match, not a miss.
  const expectedTotal = total(expected);
  const actualTotal = total(actual);
  return {
    recall: expectedTotal === 0 ? 1 : common / expectedTotal,
    precision: actualTotal === 0 ? (expectedTotal === 0 ? 1 : 0) : common / actualTotal,
  };
}
