import type { ReadingState } from '../shared/db-schema.ts';
import { database } from './database.ts';

export async function getReadingState(articleId: string): Promise<ReadingState | undefined> {
  return (await database()).get('reading', articleId);
}

/** Every article's reading state, for the library list (small records, one per opened article). */
export async function readArticleIds(): Promise<Set<string>> {
  const states = await (await database()).getAll('reading');
  return new Set(states.filter((state) => state.read).map((state) => state.articleId));
}

/** Records where the reader is in an article; opening an article marks it read. */
export async function saveReadingPosition(articleId: string, position: number): Promise<void> {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(position) ? position : 0));
  await (await database()).put('reading', {
    articleId,
    read: true,
    position: clamped,
    updatedAt: Date.now(),
  });
}
