import type { Article } from './article.ts';
import { isIsoDate } from './iso-date.ts';

/** What readers show of a correction: that there was one and, when the publisher said, when. */
export interface Correction {
  /** ISO 8601, from the article's `modified`. */
  date?: string;
}

/**
 * The article's correction, if it is corrected: a revision above 1 says that the publisher changed
 * it after it first went out, and its `modified` says when. A `modified` that is not an ISO 8601
 * date or date-time is not shown, and never makes an article refused (readers made before the
 * field keep it unread, so none may refuse it).
 */
export function correctionOf(article: Pick<Article, 'revision' | 'modified'>): Correction | undefined {
  if (article.revision <= 1) return undefined;
  return isIsoDate(article.modified) ? { date: article.modified } : {};
}
