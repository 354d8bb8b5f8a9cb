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
  /** When the item says it last changed (Atom's `updated`, JSON Feed's `date_modified`). */
  modified?: string;
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

/** What is at `path` in a parsed feed, if anything. */
function at(value: unknown, ...path: Array<string | number>): unknown {
  let here = value;
  for (const step of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<string | number, unknown>)[step];
  }
  return here;
}

function textOf(value: unknown, ...path: Array<string | number>): string | undefined {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

function listOf(value: unknown, ...path: Array<string | number>): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? (found as unknown[]) : [];
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
  // feedsmith types each format apart, and its field shapes have changed between versions (a
  // title as text or as { value }): the fields Pamphlet needs are read as unknown, and kept only
  // when they are text.
  const { feed } = parsed;
  const format: string = parsed.format;
  switch (format) {
    case 'rss':
    case 'rdf':
      return {
        title: textOf(feed, 'title') ?? source,
        lang: textOf(feed, 'language'),
        items: listOf(feed, 'items').map((item) => ({
          guid: textOf(item, 'guid', 'value') ?? textOf(item, 'guid') ?? textOf(item, 'link'),
          title: textOf(item, 'title'),
          link: textOf(item, 'link'),
          published: isoDate(at(item, 'pubDate') ?? at(item, 'dc', 'date') ?? at(item, 'dc', 'dates', 0)),
          author: textOf(item, 'dc', 'creators', 0) ?? textOf(item, 'dc', 'creator') ?? textOf(item, 'authors', 0),
          html: textOf(item, 'content', 'encoded') ?? textOf(item, 'description'),
        })),
      };
    case 'atom':
      return {
        title: textOf(feed, 'title', 'value') ?? textOf(feed, 'title') ?? source,
        lang: textOf(feed, 'lang'),
        items: listOf(feed, 'entries').map((entry) => ({
          guid: textOf(entry, 'id'),
          title: textOf(entry, 'title', 'value') ?? textOf(entry, 'title'),
          link: textOf(
            listOf(entry, 'links').find((link) => !at(link, 'rel') || at(link, 'rel') === 'alternate'),
            'href',
          ),
          published: isoDate(at(entry, 'published') ?? at(entry, 'updated')),
          modified: isoDate(at(entry, 'updated')),
          author: textOf(entry, 'authors', 0, 'name'),
          html:
            textOf(entry, 'content', 'value') ?? textOf(entry, 'content') ?? textOf(entry, 'summary', 'value') ?? textOf(entry, 'summary'),
        })),
      };
    case 'json': {
      return {
        title: textOf(feed, 'title') ?? source,
        lang: textOf(feed, 'language'),
        items: listOf(feed, 'items').map((item) => {
          const plain = textOf(item, 'content_text');
          return {
            guid: textOf(item, 'id') ?? textOf(item, 'url'),
            title: textOf(item, 'title'),
            link: textOf(item, 'url'),
            published: isoDate(at(item, 'date_published') ?? at(item, 'date_modified')),
            modified: isoDate(at(item, 'date_modified')),
            author: textOf(item, 'authors', 0, 'name') ?? textOf(item, 'author', 'name'),
            html:
              textOf(item, 'content_html') ??
              (plain ? `<p>${plain.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>` : textOf(item, 'summary')),
          };
        }),
      };
    }
    default:
      throw new FeedError({ code: 'feed-not-articles', source, format });
  }
}
