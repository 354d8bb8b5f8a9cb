import type { Highlight, ReadingState } from '../../shared/db-schema.ts';
import { MAX_HIGHLIGHTS, MAX_NOTE, newHighlightId } from '../../shared/reader-highlights.ts';
import type { TextQuote } from '../../shared/text/text-quote.ts';
import { getReadingState } from './reading.ts';
import { listRecords, updateRecords } from './sealed-records.ts';

/**
 * The reader's highlights live in the article's reading state, so that the lock seals them, a
 * backup keeps them and deleting the article or wiping the library takes them, as it does the rest.
 */

export async function highlightsOf(articleId: string): Promise<Highlight[]> {
  return (await getReadingState(articleId))?.highlights ?? [];
}

/** A highlight of the library, with the article it is in. */
export interface LibraryHighlight extends Highlight {
  articleId: string;
}

/** Every highlight in the library, newest first. */
export async function allHighlights(): Promise<LibraryHighlight[]> {
  const states = await listRecords('reading');
  return states
    .flatMap((state) => (state.highlights ?? []).map((highlight) => ({ ...highlight, articleId: state.articleId })))
    .sort((a, b) => b.createdAt - a.createdAt);
}

function changeHighlights(articleId: string, change: (highlights: Highlight[]) => Highlight[]): Promise<void> {
  const now = Date.now();
  return updateRecords('reading', [articleId], (state): ReadingState => {
    const current = state ?? { articleId, read: true, position: 0, updatedAt: now };
    const highlights = change(current.highlights ?? []);
    const { highlights: _old, ...rest } = current;
    return { ...rest, ...(highlights.length > 0 ? { highlights } : {}), updatedAt: now };
  });
}

export class TooManyHighlights extends Error {}

/** Keeps a new highlight of `quote`; its id. */
export async function addHighlight(articleId: string, quote: TextQuote, note = ''): Promise<string> {
  const id = newHighlightId();
  let full = false;
  await changeHighlights(articleId, (highlights) => {
    full = highlights.length >= MAX_HIGHLIGHTS;
    return full ? highlights : [...highlights, { ...quote, id, note: note.slice(0, MAX_NOTE), createdAt: Date.now() }];
  });
  if (full) throw new TooManyHighlights();
  return id;
}

export function setHighlightNote(articleId: string, id: string, note: string): Promise<void> {
  const text = note.trim().slice(0, MAX_NOTE);
  return changeHighlights(articleId, (highlights) =>
    highlights.map((highlight) => (highlight.id === id ? { ...highlight, note: text } : highlight)),
  );
}

export function deleteHighlight(articleId: string, id: string): Promise<void> {
  return changeHighlights(articleId, (highlights) => highlights.filter((highlight) => highlight.id !== id));
}
