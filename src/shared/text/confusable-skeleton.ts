import { CONFUSABLE_PROTOTYPES } from './confusables-data.ts';

/**
 * Names compared as a reader sees them, not as code points: "RFE/RL" and "RFЕ/RL" (a Cyrillic
 * Е) are one name to an eye, and so to Pamphlet. UTS #39's skeleton: NFD, without default
 * ignorable code points (zero-width characters and the like), each character replaced by its
 * prototype from Unicode's confusables.txt, NFD again. Skeletons are for comparing only; they are
 * never shown.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

export function skeleton(text: string): string {
  let mapped = '';
  for (const character of text.normalize('NFD').replace(IGNORABLE, '')) mapped += CONFUSABLE_PROTOTYPES[character] ?? character;
  return mapped.normalize('NFD');
}

/**
 * What two names must not share, after compatibility normalization. The skeleton is case-sensitive ("I" is confusable with "l", "i"
 * is not), while a reader reads "rfe/rl" as "RFE/RL": so both the skeleton in lower case and the
 * skeleton of the lower case, with spaces collapsed, count.
 */
function nameKeys(name: string): [string, string] {
  // NFKC first: fullwidth "ＲＦＥ", circled "Ⓡ" and superscript "ᴸ" are the letters they show.
  const spaced = name.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  return [skeleton(spaced).toLowerCase(), skeleton(spaced.toLowerCase())];
}

/** Whether a reader could take one name for the other. */
export function namesLookAlike(a: string, b: string): boolean {
  const [x1, x2] = nameKeys(a);
  const [y1, y2] = nameKeys(b);
  return x1 === y1 || x2 === y2 || x1 === y2 || x2 === y1;
}
