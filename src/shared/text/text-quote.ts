/**
 * Where a highlight is in an article's text, said so that it survives a corrected revision: the
 * quote itself, a little of the text on either side, and its offset (the W3C Web Annotation
 * model's TextQuoteSelector and TextPositionSelector, together). The text is the article body's
 * text as the reader shows it: every text node of the sanitized content, in order.
 *
 * Finding it again prefers a wrong "not found" to a wrong place: a quote that occurs several times
 * is taken only where its surroundings still match, and a short quote with nothing around it that
 * matches is not taken at all.
 */
export interface TextQuote {
  /** The highlighted text, exactly. */
  quote: string;
  /** Up to CONTEXT_CHARS of the text just before it. */
  prefix: string;
  /** Up to CONTEXT_CHARS of the text just after it. */
  suffix: string;
  /** Its offset in the text, in UTF-16 code units, when it was made. */
  start: number;
}

/** How much text on either side is kept to tell one occurrence of a quote from another. */
export const CONTEXT_CHARS = 32;
/** A quote this long, found once, is taken even where its surroundings changed. */
const DISTINCT_QUOTE = 12;
/** Fewer matching characters around it than this (a space either side) say nothing of where it was. */
const MIN_CONTEXT = 5;

/** The quote of `text` from `start` to `end`, with its surroundings; whitespace at its ends left out. */
export function quoteOf(text: string, start: number, end: number): TextQuote | undefined {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  if (from === to) return undefined;
  return {
    quote: text.slice(from, to),
    prefix: text.slice(Math.max(0, from - CONTEXT_CHARS), from),
    suffix: text.slice(to, to + CONTEXT_CHARS),
    start: from,
  };
}

/** How many characters at the end of `a` and `b` are the same. */
function sameEnd(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** How many characters at the start of `a` and `b` are the same. */
function sameStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where `selector`'s quote is in `text` now, as offsets; undefined when it is gone, or when it
 * cannot be told which of its occurrences it was.
 */
export function findQuote(text: string, selector: TextQuote): { start: number; end: number } | undefined {
  const { quote, prefix, suffix } = selector;
  if (!quote) return undefined;
  const candidates: Array<{ at: number; context: number; distance: number }> = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    const context = sameEnd(text.slice(Math.max(0, at - prefix.length), at), prefix) + sameStart(text.slice(at + quote.length), suffix);
    candidates.push({ at, context, distance: Math.abs(at - selector.start) });
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => b.context - a.context || a.distance - b.distance);
  const best = candidates[0]!;
  const second = candidates[1];
  const alone = candidates.length === 1;
  // Several occurrences: the one whose surroundings match best, if any matches at all. When two
  // match as well (a repeated passage), the one nearer where it was.
  if (!alone && best.context < MIN_CONTEXT) return undefined;
  if (!alone && second && second.context === best.context && second.distance === best.distance) return undefined;
  // Once only: a short quote ("the", "yes") must still have some of its surroundings.
  if (alone && best.context < MIN_CONTEXT && quote.length < DISTINCT_QUOTE) return undefined;
  return { start: best.at, end: best.at + quote.length };
}
