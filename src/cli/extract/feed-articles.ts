import { parseFeed } from 'feedsmith';
import { directionOf, plainTextOf } from '../../shared/article.ts';
import { CliError } from '../cli-error.ts';
import { fetchResource } from './fetch-resource.ts';
import { articleFromPage, type Extracted } from './page-article.ts';
import { prepareContent, type PrepareOptions } from './prepare-content.ts';

/** A feed item, whatever the feed's format. */
interface FeedItem {
  guid?: string;
  title?: string;
  link?: string;
  published?: string;
  author?: string;
  html?: string;
}

/** An item that carries at least this much text carries the article itself, not a teaser. */
const FULL_CONTENT_CHARACTERS = 500;

function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

interface ParsedFeed {
  title: string;
  lang?: string;
  items: FeedItem[];
}

/** RSS 2.0 (and RDF), Atom and JSON Feed, through feedsmith, into one shape. */
function readFeed(text: string, source: string): ParsedFeed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    throw new CliError(`${source}: not a feed Pamphlet can read (RSS, Atom or JSON Feed): ${(error as Error).message}.`);
  }
  // feedsmith's types differ per format; this reads the fields Pamphlet needs from each.
  const feed = parsed.feed as Record<string, any>;
  const format: string = parsed.format;
  switch (format) {
    case 'rss':
    case 'rdf':
      return {
        title: feed.title ?? source,
        lang: feed.language,
        items: (feed.items ?? []).map((item: Record<string, any>) => ({
          guid: item.guid?.value ?? item.link,
          title: item.title,
          link: item.link,
          published: isoDate(item.pubDate ?? item.dc?.date ?? item.dc?.dates?.[0]),
          author: item.dc?.creators?.[0] ?? item.dc?.creator ?? item.authors?.[0],
          html: item.content?.encoded ?? item.description,
        })),
      };
    case 'atom':
      return {
        title: feed.title?.value ?? feed.title ?? source,
        lang: feed.lang,
        items: (feed.entries ?? []).map((entry: Record<string, any>) => ({
          guid: entry.id,
          title: entry.title?.value ?? entry.title,
          link: (entry.links ?? []).find((link: Record<string, string>) => !link.rel || link.rel === 'alternate')?.href,
          published: isoDate(entry.published ?? entry.updated),
          author: entry.authors?.[0]?.name,
          html: entry.content?.value ?? entry.summary?.value,
        })),
      };
    case 'json':
      return {
        title: feed.title ?? source,
        lang: feed.language,
        items: (feed.items ?? []).map((item: Record<string, any>) => ({
          guid: item.id ?? item.url,
          title: item.title,
          link: item.url,
          published: isoDate(item.date_published ?? item.date_modified),
          author: item.authors?.[0]?.name ?? item.author?.name,
          html: item.content_html ?? (item.content_text ? `<p>${String(item.content_text).replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>` : item.summary),
        })),
      };
    default:
      throw new CliError(`${source}: a ${format} file is not a feed of articles.`);
  }
}

/**
 * The articles of a feed: an item's own content when it carries the whole article, otherwise the
 * page it links to, through the same extraction as any page. An item that yields nothing is
 * reported and skipped; the others go on.
 */
export async function articlesFromFeed(text: string, source: string, options: PrepareOptions, fallbackPublished: Date): Promise<Extracted[]> {
  const feed = readFeed(text, source);
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
        ...(feed.lang ? { lang: feed.lang } : {}),
      };
      const full = item.html && plainTextOf(item.html).length >= FULL_CONTENT_CHARACTERS;
      if (!full && item.link && /^https?:/.test(item.link)) {
        const page = await fetchResource(item.link, 'text/html');
        articles.push(await articleFromPage(new TextDecoder().decode(page.bytes), page.url, fallbackPublished, options, known));
        continue;
      }
      if (!item.html || !item.title) throw new CliError('it carries neither the article nor a link to it');
      const base = item.link && /^https?:/.test(item.link) ? item.link : source;
      const { content, images } = await prepareContent(item.html, base, options);
      const lang = feed.lang ?? 'und';
      articles.push({
        source: label,
        images,
        draft: {
          guid: item.guid ?? item.link ?? `${source}#${item.title}`,
          revision: 1,
          title: item.title,
          ...(item.author ? { byline: item.author } : {}),
          publisher: { name: feed.title },
          ...(item.link && /^https?:/.test(item.link) ? { url: item.link } : {}),
          lang,
          dir: directionOf(lang),
          published: item.published ?? fallbackPublished.toISOString(),
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
