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
 * Invisible characters with no use in a title or a name: every format character (general
 * category Cf: zero-width space, word joiner, BOM, invisible operators, interlinear annotations,
 * tags, Syriac and Egyptian format controls...) but the few text needs, and characters that draw
 * as a blank without being white space (Hangul fillers, the Braille blank, Khmer inherent vowels, the Khitan filler,
 * the Mongolian vowel separator), which could pad a name to look like another.
 */
// Each of these is listed for itself, combining marks too, so a class of single code points is meant.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5\u180e\u2028\u2029\u{16fe4}]/u;
/** Format characters text needs: the implicit direction marks (which cannot reorder letters), the soft hyphen, and the joiners (checked apart). */
const NEEDED_FORMAT = /[\u200e\u200f\u061c\u00ad\u200c\u200d]/u;
const JOINERS = /[\u200c\u200d]/gu;
/** Scripts whose letters join or form conjuncts, where ZWJ and ZWNJ change how a word is drawn. */
const JOINING_CONTEXT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Manichaean}\p{Script=Psalter_Pahlavi}\p{Script=Sogdian}\p{Script=Phags_Pa}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tibetan}\p{M}]/u;
const EMOJI_PART = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]/u;

/**
 * Whether the joiner at `at` follows a letter or mark of a script that joins with it (whatever
 * comes next: Persian puts one before a comma, Malayalam ends a word with one), or sits inside an
 * emoji sequence.
 */
function joinerInPlace(text: string, at: number): boolean {
  // The character before, whole even when it is a surrogate pair.
  const before = at >= 2 && /[\udc00-\udfff]/.test(text[at - 1]!) ? text.slice(at - 2, at) : (text[at - 1] ?? ' ');
  if (JOINING_CONTEXT.test(before)) return true;
  const after = String.fromCodePoint(text.codePointAt(at + 1) ?? 0x20);
  return text[at] === '\u200d' && EMOJI_PART.test(before) && /\p{Extended_Pictographic}/u.test(after);
}

function isHidden(character: string): boolean {
  return BIDI_FORMATTING.test(character) || (INVISIBLE.test(character) && !NEEDED_FORMAT.test(character));
}

/** The first hidden character in `text`, as "U+202E", or undefined when there is none. */
export function hiddenCharacterIn(text: string): string | undefined {
  for (const character of text) if (isHidden(character)) return codePointName(character);
  for (const joiner of text.matchAll(JOINERS)) {
    if (!joinerInPlace(text, joiner.index)) return codePointName(joiner[0]);
  }
  return undefined;
}

/** `text` without its hidden characters, for text Pamphlet writes itself. */
export function withoutHiddenCharacters(text: string): string {
  if (hiddenCharacterIn(text) === undefined) return text;
  const kept = [...text].filter((character) => !isHidden(character)).join('');
  return kept.replace(JOINERS, (joiner, at: number) => (joinerInPlace(kept, at) ? joiner : ''));
}

function codePointName(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
