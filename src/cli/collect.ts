import type { Article } from '../shared/article.ts';
import type { DecodedImage } from '../shared/bundle/bundle-format.ts';
import { signArticle, unsignedArticle, type SigningKey } from '../shared/signing.ts';
import type { Extracted } from './extract/page-article.ts';

/**
 * Extracted articles signed (or, without a key, given their content id), one per id (a later
 * input wins), with the images they use, each once.
 */
export async function finishArticles(extracted: Extracted[], key?: SigningKey): Promise<{ articles: Article[]; images: DecodedImage[] }> {
  const byId = new Map<string, Article>();
  const images = new Map<string, DecodedImage>();
  for (const { draft, images: used } of extracted) {
    const article = key ? await signArticle(draft, key) : await unsignedArticle(draft);
    byId.set(article.id, article);
    for (const image of used) images.set(image.hash, image);
  }
  return { articles: [...byId.values()], images: [...images.values()] };
}
