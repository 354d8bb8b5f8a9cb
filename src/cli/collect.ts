import type { Article } from '../shared/article.ts';
import { BundleError, type DecodedImage } from '../shared/bundle/bundle-format.ts';
import { normalizeDraft } from '../shared/bundle/normalize-draft.ts';
import { parseArticle } from '../shared/bundle/parse-article.ts';
import { signArticle, unsignedArticle, type SigningKey } from '../shared/signing.ts';
import { CliError } from './cli-error.ts';
import type { Extracted } from './extract/page-article.ts';

export interface Finished {
  articles: Article[];
  images: DecodedImage[];
  /** By article id, when its page or feed item says it last changed, to date a correction. */
  modified: Map<string, string>;
}

/**
 * Extracted articles signed (or, without a key, given their content id), one per id (a later
 * input wins), with the images they use, each once. A page's or feed's metadata is anyone's to
 * write, so each draft is first brought within what the app accepts from a bundle and then checked
 * as the app will check it: a publisher never signs an article its readers would refuse.
 */
export async function finishArticles(extracted: Extracted[], key?: SigningKey): Promise<Finished> {
  const byId = new Map<string, Article>();
  const images = new Map<string, DecodedImage>();
  const modified = new Map<string, string>();
  for (const { draft, images: used, source, modified: changed } of extracted) {
    const normalized = normalizeDraft(draft, { title: source, publisherName: 'Unknown publisher' });
    let article: Article;
    try {
      article = parseArticle(key ? await signArticle(normalized, key) : await unsignedArticle(normalized), 0);
    } catch (error) {
      throw error instanceof BundleError ? new CliError(`${source}: ${error.message}`) : error;
    }
    byId.set(article.id, article);
    if (changed) modified.set(article.id, changed);
    else modified.delete(article.id);
    for (const image of used) images.set(image.hash, image);
  }
  return { articles: [...byId.values()], images: [...images.values()], modified };
}
