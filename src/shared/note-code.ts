import type { Note } from './note-types.ts';

/**
 * A note as the page's errors carry it in their `message` (for the console): its code and details.
 * What the reader sees is worded in their language by src/l10n/note-text.ts; the English wording
 * (note-english.ts) stays in Node. Chosen by the "browser" condition of package.json "imports".
 */
export function englishNote(note: Note): string {
  return `Pamphlet: ${JSON.stringify(note)}`;
}
