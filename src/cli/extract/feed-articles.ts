import { directionOf, plainTextOf } from '../../shared/article.ts';
import { FULL_CONTENT_CHARACTERS, FeedError, readFeed } from '../../shared/feeds/read-feed.ts';
import { CliError } from '../cli-error.ts';
import { fetchResource } from './fetch-resource.ts';
import { decodePage } from '../../shared/text/page-encoding.ts';
import { articleFromPage, type Extracted } from './page-article.ts';
import { prepareContent, type PrepareOptions } from './prepare-content.ts';

/**
 * The articles of a feed: an item's own content when it carries the whole article, otherwise the
 * page it links to, through the same extraction as any page. An item that yields nothing is
 * reported and skipped; the others go on.
 */
export async function articlesFromFeed(text: string, source: string, options: PrepareOptions): Promise<Extracted[]> {
  let feed;
  try {
    feed = readFeed(text, source);
  } catch (error) {
    throw error instanceof FeedError ? new CliError(error.message) : error;
  }
  const articles: Extracted[] = [];
  for (const item of feed.items) {
    const label = `${source} item “${item.title ?? item.link ?? item.guid ?? '?'}”`;
    try {
      const known = {
        ...(item.guid ? { guid: item.guid } : {}),
        ...(item.title ? { title: item.title } : {}),
        ...(item.author ? { byline: item.author } : {}),
        publisherName: feed.title,
        ...(item.published ? { published: item.published } : {}),
        ...(item.modified ? { modified: item.modified } : {}),
        ...(feed.lang ? { lang: feed.lang } : {}),
      };
      const full = item.html && plainTextOf(item.html).length >= FULL_CONTENT_CHARACTERS;
      if (!full && item.link && /^https?:/.test(item.link)) {
        const page = await fetchResource(item.link, 'text/html', options);
        articles.push(await articleFromPage(decodePage(page.bytes, page.type), page.url, options, known));
        continue;
      }
      if (!item.html || !item.title) throw new CliError('it carries neither the article nor a link to it');
      const base = item.link && /^https?:/.test(item.link) ? item.link : source;
      const { content, images } = await prepareContent(item.html, base, options);
      const lang = feed.lang ?? 'und';
      articles.push({
        source: label,
        images,
        ...(item.modified ? { modified: item.modified } : {}),
        draft: {
          guid: item.guid ?? item.link ?? `${source}#${item.title}`,
          revision: 1,
          title: item.title,
          ...(item.author ? { byline: item.author } : {}),
          publisher: { name: feed.title },
          ...(item.link && /^https?:/.test(item.link) ? { url: item.link } : {}),
          lang,
          dir: directionOf(lang),
          ...(item.published ? { published: item.published } : {}),
          content,
        },
      });
    } catch (error) {
      options.warn(`skipped ${label}: ${(error as Error).message}`);
    }
  }
  if (articles.length === 0) throw new CliError(`${source}: no article could be made from this feed.`);
  return articles;
}
