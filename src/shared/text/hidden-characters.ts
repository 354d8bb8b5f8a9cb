/**
 * Characters that change how a name or a title looks without being seen: explicit bidirectional
 * formatting (which can reverse "RFE/RL" into what reads as something else, or hide a tail of a
 * title behind an isolate) and invisible characters that can make two different names look the
 * same. Signed text that holds one is refused (it cannot be cleaned without breaking the
 * signature); text Pamphlet makes itself (a saved page, a feed's title) is cleaned instead.
 *
 * Allowed, because real text needs them: the implicit direction marks (LRM, RLM, ALM), which
 * cannot reorder letters; the zero-width joiner and non-joiner where a script joins letters with
 * them (Persian "می‌خواهم", Indic conjuncts after a virama, emoji sequences); variation selectors;
 * the soft hyphen.
 */

/** Explicit embeddings, overrides and isolates, with their terminators (UAX #9). */
const BIDI_FORMATTING = /[\u202a-\u202e\u2066-\u2069]/u;
/**
 * Invisible characters with no use in a title or a name: zero-width space, word joiner and the
 * invisible operators, BOM, Mongolian vowel separator, Hangul fillers, Khmer inherent vowels,
 * interlinear annotation marks, line and paragraph separators, tag characters, musical formatting.
 */
const ALWAYS_INVISIBLE =
  /[\u200b\u2060-\u2064\ufeff\u180e\u115f\u1160\u3164\uffa0\u17b4\u17b5\ufff9-\ufffb\u2028\u2029\u{e0000}-\u{e007f}\u{1d173}-\u{1d17a}]/u;
const JOINERS = /[\u200c\u200d]/gu;
/** Scripts whose letters join or form conjuncts, where ZWJ and ZWNJ change how a word is drawn. */
const JOINING_CONTEXT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Manichaean}\p{Script=Psalter_Pahlavi}\p{Script=Sogdian}\p{Script=Phags_Pa}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tibetan}\p{M}]/u;
const EMOJI_PART = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]/u;

/** Whether the joiner at `at` sits where a script or an emoji sequence uses it. */
function joinerInPlace(text: string, at: number): boolean {
  const before = String.fromCodePoint(text.codePointAt(at - 1) ?? 0x20);
  const beforePair = at >= 2 ? text.slice(at - 2, at) : before;
  const after = String.fromCodePoint(text.codePointAt(at + 1) ?? 0x20);
  const previous = /[\udc00-\udfff]/.test(before) ? beforePair : before;
  if (JOINING_CONTEXT.test(previous) && (/\p{L}|\p{M}/u.test(after))) return true;
  return text[at] === '\u200d' && EMOJI_PART.test(previous) && /\p{Extended_Pictographic}/u.test(after);
}

/** The first hidden character in `text`, as "U+202E", or undefined when there is none. */
export function hiddenCharacterIn(text: string): string | undefined {
  const found = BIDI_FORMATTING.exec(text) ?? ALWAYS_INVISIBLE.exec(text);
  if (found) return codePointName(found[0]);
  for (const joiner of text.matchAll(JOINERS)) {
    if (!joinerInPlace(text, joiner.index)) return codePointName(joiner[0]);
  }
  return undefined;
}

/** `text` without its hidden characters, for text Pamphlet writes itself. */
export function withoutHiddenCharacters(text: string): string {
  if (hiddenCharacterIn(text) === undefined) return text;
  const kept = text.replace(new RegExp(BIDI_FORMATTING.source, 'gu'), '').replace(new RegExp(ALWAYS_INVISIBLE.source, 'gu'), '');
  return kept.replace(JOINERS, (joiner, at: number) => (joinerInPlace(kept, at) ? joiner : ''));
}

function codePointName(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
