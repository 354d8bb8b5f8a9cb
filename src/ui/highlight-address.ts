import { articleAddress } from '../library/article-address.ts';

/**
 * The address parameter that opens an article at one of its highlights. A highlight's id is
 * random, so the browser's history (out of the lock's and the wipe's reach) learns nothing from it.
 */
export const HIGHLIGHT_PARAMETER = 'highlight';

/** Where the reader shows article `articleId` at highlight `highlightId`. */
export async function highlightAddress(articleId: string, highlightId: string): Promise<string> {
  return `${await articleAddress(articleId)}&${HIGHLIGHT_PARAMETER}=${encodeURIComponent(highlightId)}`;
}
