import type { Highlight } from './db-schema.ts';
import { withoutHiddenCharacters } from './text/hidden-characters.ts';
import { CONTEXT_CHARS } from './text/text-quote.ts';

/** A passage longer than this is not one highlight: about three pages of text. */
export const MAX_QUOTE = 10_000;
/** A note is a note, not a second article. */
export const MAX_NOTE = 10_000;
/** More highlights on one article than anyone makes; the bound on what a backup may bring. */
export const MAX_HIGHLIGHTS = 1_000;
const HIGHLIGHT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Why a list of highlights from outside (a backup) was refused. */
export type HighlightsProblem = 'shape' | 'too-many' | 'quote-too-long' | 'note-too-long';

/** A random id for a new highlight. */
export function newHighlightId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Highlights from a file, every field checked and rebuilt from the fields that mean something; a
 * problem when they are not what this app writes. Plain text throughout: notes are shown as text,
 * never as HTML, and lose characters that would hide or reorder what they show.
 */
export function parseHighlights(value: unknown, now = Date.now()): Highlight[] | HighlightsProblem {
  if (!Array.isArray(value)) return 'shape';
  if (value.length > MAX_HIGHLIGHTS) return 'too-many';
  const highlights: Highlight[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return 'shape';
    const saved = item as Record<string, unknown>;
    const { id, quote, prefix, suffix, start, note, createdAt } = saved;
    if (
      typeof id !== 'string' ||
      !HIGHLIGHT_ID.test(id) ||
      highlights.some((other) => other.id === id) ||
      typeof quote !== 'string' ||
      quote.trim() === '' ||
      typeof prefix !== 'string' ||
      typeof suffix !== 'string' ||
      typeof start !== 'number' ||
      !Number.isSafeInteger(start) ||
      start < 0 ||
      (note !== undefined && typeof note !== 'string')
    )
      return 'shape';
    if (quote.length > MAX_QUOTE) return 'quote-too-long';
    if ((note ?? '').length > MAX_NOTE) return 'note-too-long';
    highlights.push({
      id,
      quote,
      prefix: prefix.slice(-CONTEXT_CHARS),
      suffix: suffix.slice(0, CONTEXT_CHARS),
      start,
      note: withoutHiddenCharacters(note ?? '').trim(),
      // A time still to come counts as now, as for every date a backup brings.
      createdAt: Math.min(Number(createdAt) || 0, now),
    });
  }
  return highlights;
}
