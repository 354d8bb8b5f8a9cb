import { foldTerm } from '../shared/text/fold-term.ts';

/**
 * `text` cut into pieces, each marked or not: the pieces whose words (folded as the index folds
 * them) begin with a matched term. Plain data: the caller renders marks as elements, never as HTML.
 */
export function highlight(text: string, terms: readonly string[] | undefined): Array<{ text: string; mark: boolean }> {
  if (!terms || terms.length === 0) return [{ text, mark: false }];
  const pieces: Array<{ text: string; mark: boolean }> = [];
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = foldTerm(match[0]);
    if (!terms.some((term) => word.startsWith(term))) continue;
    if (match.index > last) pieces.push({ text: text.slice(last, match.index), mark: false });
    pieces.push({ text: match[0], mark: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), mark: false });
  return pieces;
}
