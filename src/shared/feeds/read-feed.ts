import { parseFeed } from 'feedsmith';
import { ReaderError, type Note } from '../note.ts';

/** A feed that cannot be read, with a reason for people. */
export class FeedError extends ReaderError {
  constructor(reason: Note | string) {
    super(reason);
    this.name = 'FeedError';
  }
}

/** A feed item, whatever the feed's format. */
export interface FeedItem {
  guid?: string;
  title?: string;
  link?: string;
  published?: string;
  author?: string;
  html?: string;
}

/** An item that carries at least this much text carries the article itself, not a teaser. */
export const FULL_CONTENT_CHARACTERS = 500;

function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export interface ParsedFeed {
  title: string;
  lang?: string;
  items: FeedItem[];
}

/** RSS 2.0 (and RDF), Atom and JSON Feed, through feedsmith, into one shape (page, worker and Node). */
export function readFeed(text: string, source: string): ParsedFeed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    throw new FeedError({ code: 'feed-unreadable', source, detail: (error as Error).message });
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
          html:
            item.content_html ??
            (item.content_text ? `<p>${String(item.content_text).replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>` : item.summary),
        })),
      };
    default:
      throw new FeedError({ code: 'feed-not-articles', source, format: String(format) });
  }
}
