import type { Article } from '../../shared/article.ts';
import { signArticle, type SigningKey } from '../../shared/signing.ts';
import { sameArticle } from './same-article.ts';

/** What the edition holds of an article a run makes again. */
export interface EditionCopy {
  revision: number;
  /** The signed article, when its file is there and matches the index. */
  article?: Article;
}

export interface RevisionContext {
  key: SigningKey;
  now: Date;
  /** When the run before this one made the edition (its index's `created`). */
  lastRun?: string;
  /** When the page or feed item says it last changed (`dateModified`, `article:modified_time`, Atom's `updated`). */
  said?: string;
}

/**
 * When a correction was made: when the page or feed item says it last changed, if that is after the
 * last run (which saw the text before it) and not ahead of this one; otherwise now, when the
 * correction reaches the edition. A stale `dateModified` never dates a correction before the text
 * it corrects was made.
 */
function correctionTime({ said, lastRun, now }: RevisionContext): string {
  const time = said ? Date.parse(said) : Number.NaN;
  const after = lastRun ? Date.parse(lastRun) : Number.NEGATIVE_INFINITY;
  return time > after && time <= now.getTime() ? new Date(time).toISOString() : now.toISOString();
}

/**
 * What a run does with an article its edition already holds: undefined when it says what the
 * edition's copy says (`sameArticle`), so that the copy stays as it is; otherwise the new text as a
 * correction: the revision after the copy's, with when it was corrected as `modified`, signed again
 * by the same key (so the same id: readers replace their copy on their next sync). A copy whose
 * file is missing cannot be compared, and the text is issued as a correction, lest readers keep an
 * older one.
 */
export async function reviseArticle(next: Article, copy: EditionCopy, context: RevisionContext): Promise<Article | undefined> {
  if (copy.article && sameArticle(copy.article, next)) return undefined;
  const { id: _id, signature: _signature, revision: _revision, modified: _modified, ...draft } = next;
  return signArticle({ ...draft, revision: Math.max(copy.revision + 1, next.revision), modified: correctionTime(context) }, context.key);
}
