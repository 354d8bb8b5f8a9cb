/**
 * A note as an error carries it, and its English. The notes themselves are in note-types.ts, where
 * the wordings behind `#note-words` read them too: from here they would make an import cycle.
 */
import { englishNote } from '#note-words';
import type { Note } from './note-types.ts';

export type { ArticleDefect, ArticleField, EditionFile, IpnsRefusal, Note, SignatureFault } from './note-types.ts';

/**
 * `englishNote` comes from `#note-words` (package.json "imports"): the English wording in Node, the
 * command line and tests; in the page (the "browser" condition) the note's code and details, since
 * the page says every note through src/l10n/note-text.ts and keeps these kilobytes off its first screen.
 */
export { englishNote };

/**
 * An error meant for the reader: from shared code with a note (its message the note in English),
 * or from the page with its words already in the UI's language.
 */
export class ReaderError extends Error {
  readonly note?: Note;

  constructor(reason: Note | string) {
    super(typeof reason === 'string' ? reason : englishNote(reason));
    if (typeof reason !== 'string') this.note = reason;
  }
}
