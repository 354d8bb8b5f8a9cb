import type { Article } from '../shared/article.ts';
import type { SourceDescriptor } from '../shared/edition/edition-format.ts';
import { seenPublishers } from '../browser/storage/publishers.ts';

/**
 * The kept descriptor of each publisher who signed one of `articles`, to travel with them: a
 * bundle passed on leads back to its publishers however many hands it went through.
 */
export async function publishersOf(articles: readonly Article[]): Promise<SourceDescriptor[]> {
  const signers = new Set(articles.flatMap((article) => (article.signature ? [article.signature.key] : [])));
  if (signers.size === 0) return [];
  const seen = await seenPublishers();
  return [...signers].flatMap((key) => {
    const kept = seen.get(key);
    return kept ? [kept.descriptor] : [];
  });
}
