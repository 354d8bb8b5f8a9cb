import type { Article } from '../shared/article.ts';
import { getRecords } from '../browser/storage/sealed-records.ts';

/**
 * The payload field that carries the exporting reader's highlights and notes (docs/bundle-format.md,
 * section 2.2): beside the articles, never inside one, so that each article stays exactly as its
 * publisher signed it and nobody can take a note for the publisher's words.
 */
export const READER_HIGHLIGHTS_FIELD = 'readerHighlights';

export interface ExportedHighlights {
  /** Says what this is, to anyone who reads the payload without this document. */
  about: string;
  articles: Array<{
    id: string;
    revision: number;
    highlights: Array<{ quote: string; prefix: string; suffix: string; start: number; note: string }>;
  }>;
}

/**
 * The payload fields that carry the reader's highlights of `articles`; none when they have none.
 * Only the passages and notes: not when they were made, nor their ids.
 */
export async function readerHighlightsFields(articles: readonly Article[]): Promise<Record<string, ExportedHighlights>> {
  const states = await getRecords(
    'reading',
    articles.map((article) => article.id),
  );
  const carried = articles.flatMap((article, at) => {
    const highlights = states[at]?.highlights ?? [];
    if (highlights.length === 0) return [];
    return [
      {
        id: article.id,
        revision: article.revision,
        highlights: highlights.map(({ quote, prefix, suffix, start, note }) => ({ quote, prefix, suffix, start, note })),
      },
    ];
  });
  if (carried.length === 0) return {};
  return {
    [READER_HIGHLIGHTS_FIELD]: {
      about: 'Highlights and notes by the person who exported these articles. Not part of any article; no publisher signed them.',
      articles: carried,
    },
  };
}
