import { foldTerm } from '../shared/text/fold-term.ts';

/** A place in a run of text pieces (an element's text nodes, in order): which piece, and where in it. */
export interface TextPoint {
  piece: number;
  offset: number;
}

/** A stretch of that run, from `start` to just before `end`. */
export interface TextSpan {
  start: TextPoint;
  end: TextPoint;
}

/** Text folded as search folds it, with where each of its code units came from in the original. */
interface FoldedText {
  folded: string;
  /** For each code unit of `folded`, the index in the original of the character it came from. */
  origins: number[];
}

const foldedCharacters = new Map<string, string>();

/**
 * Folds `text` one character at a time, the way search folds words (fold-term.ts: case, accents,
 * Arabic vowel marks and letter forms), remembering where each folded character came from, so
 * that a match in the folded text is a span of the original. A character may fold to none
 * (a combining mark) or to several (a ligature).
 */
function foldWithOrigins(text: string): FoldedText {
  let folded = '';
  const origins: number[] = [];
  let index = 0;
  for (const character of text) {
    let fold = foldedCharacters.get(character);
    if (fold === undefined) {
      fold = foldTerm(character);
      foldedCharacters.set(character, fold);
    }
    folded += fold;
    for (let unit = 0; unit < fold.length; unit++) origins.push(index);
    index += character.length;
  }
  return { folded, origins };
}

/** Where the `offset`th code unit of the pieces joined lies; the end of a piece rather than the start of the next. */
export function pointAt(lengths: readonly number[], offset: number, preferEnd = false): TextPoint {
  let remaining = offset;
  for (let piece = 0; piece < lengths.length; piece++) {
    const length = lengths[piece]!;
    if (remaining < length || (preferEnd && remaining === length)) return { piece, offset: remaining };
    remaining -= length;
  }
  const last = Math.max(0, lengths.length - 1);
  return { piece: last, offset: lengths[last] ?? 0 };
}

/** The span of the pieces joined from code unit `start` to just before `end`. */
export function spanOf(lengths: readonly number[], start: number, end: number): TextSpan {
  return { start: pointAt(lengths, start), end: pointAt(lengths, end, true) };
}

/**
 * Every place where `query` occurs in the pieces read as one text (so a match may run across
 * pieces: "a <b>bold</b> word"), whatever its case or accents, in order and not overlapping. A
 * query that folds to nothing (only marks or spaces) matches nothing. Runs of white space in the
 * query match any run of white space in the text, as the eye reads them.
 */
export function findInPieces(pieces: readonly string[], query: string): TextSpan[] {
  const wanted = foldTerm(query.trim()).split(/\s+/u).filter(Boolean);
  if (wanted.length === 0) return [];
  const { folded, origins } = foldWithOrigins(pieces.join(''));
  const escaped = wanted.map((word) => word.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'));
  const pattern = new RegExp(escaped.join('\\s+'), 'gu');
  const lengths = pieces.map((piece) => piece.length);
  const total = lengths.reduce((sum, length) => sum + length, 0);
  const spans: TextSpan[] = [];
  for (const match of folded.matchAll(pattern)) {
    const start = origins[match.index]!;
    const last = match.index + match[0].length;
    // The match ends where the next folded character's original begins: a character folded to
    // several code units is matched whole or not at all.
    const end = last < origins.length ? origins[last]! : total;
    spans.push(spanOf(lengths, start, end));
  }
  return spans;
}
