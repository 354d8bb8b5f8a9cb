/**
 * When a page says it was published and last changed, from its own metadata only. A saved file's
 * modification time or the moment it was read says when someone saved or packed it, not when it
 * was written (a 2015 report saved today is still from 2015), so a page that says nothing has no
 * date, and readers say so.
 */
export interface PageDates {
  /** ISO 8601: a date as the page gives it (`2015-03-02`), or a date-time in UTC. */
  published?: string;
  modified?: string;
}

/** schema.org types of news and writing, whose dates are the article's own (`NewsArticle`, `BlogPosting`, `Report`…). */
const ARTICLE_TYPE = /(Article|Posting|Report)$/;
/** Enough for any page's JSON-LD; a page holding more is not searched further. */
const MAX_NODES = 500;
const MAX_DEPTH = 6;
/** A page's clock may run a little ahead of the reader's; a date further ahead is no publication date. */
const FUTURE_SLACK_MS = 36 * 3_600_000;

const PUBLISHED_META = [
  'article:published_time',
  'og:published_time',
  'og:article:published_time',
  'datepublished',
  'dc.date',
  'dc.date.issued',
  'dcterms.issued',
  'dcterms.date',
  'dcterms.created',
  'parsely-pub-date',
];
const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'dc.date.modified'];

/**
 * A date a page gives, as articles carry it, or undefined: a bare year or month names no day, and a
 * date more than a day and a half ahead of `now` is no publication date.
 */
function pageDate(text: string | null | undefined, now: number): string | undefined {
  const value = text?.trim() ?? '';
  if (value === '' || value.length > 64 || /^\d{4}(-\d{1,2})?$/.test(value)) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time) || time > now + FUTURE_SLACK_MS || new Date(time).getUTCFullYear() < 1000) return undefined;
  // A calendar day stays one: as an instant, it would show a day early west of Greenwich.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(time).toISOString();
}

type JsonNode = Record<string, unknown>;

function isNode(value: unknown): value is JsonNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in a page's JSON-LD, in document order: arrays, `@graph`s and nested values walked. */
function jsonLdNodes(doc: Document): JsonNode[] {
  const nodes: JsonNode[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (nodes.length >= MAX_NODES || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    if (!isNode(value)) return;
    nodes.push(value);
    for (const child of Object.values(value)) if (typeof child === 'object') walk(child, depth + 1);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      walk(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // A page's broken JSON-LD says nothing.
    }
  }
  return nodes;
}

function types(node: JsonNode): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((item): item is string => typeof item === 'string');
}

/** A JSON-LD date: text, `{ "@value": text }`, or the first of a list of them. */
function jsonLdText(value: unknown): string | undefined {
  if (Array.isArray(value)) return jsonLdText(value[0]);
  if (typeof value === 'string') return value;
  return isNode(value) && typeof value['@value'] === 'string' ? value['@value'] : undefined;
}

/**
 * The article's dates from JSON-LD: the first node of an article type that gives a publication
 * date, else the first node of any type that does (a `WebPage`, say), with that node's `dateModified`.
 */
function fromJsonLd(doc: Document, now: number): PageDates {
  const dated = jsonLdNodes(doc).filter((node) => pageDate(jsonLdText(node.datePublished), now));
  const node = dated.find((candidate) => types(candidate).some((type) => ARTICLE_TYPE.test(type))) ?? dated[0];
  if (!node) return {};
  const modified = pageDate(jsonLdText(node.dateModified), now);
  return { published: pageDate(jsonLdText(node.datePublished), now)!, ...(modified ? { modified } : {}) };
}

/** The first of `names`, in that order, that a meta element (by property, name or itemprop) or a microdata element gives as a date. */
function fromMeta(doc: Document, names: readonly string[], now: number): string | undefined {
  const given = new Map<string, string>();
  for (const element of doc.querySelectorAll('meta[content], [itemprop][datetime], [itemprop][content]')) {
    const value = element.getAttribute('content') ?? element.getAttribute('datetime');
    for (const attribute of ['property', 'name', 'itemprop']) {
      for (const name of (element.getAttribute(attribute) ?? '').toLowerCase().split(/\s+/)) {
        if (name && value && !given.has(name) && pageDate(value, now)) given.set(name, value);
      }
    }
  }
  for (const name of names) {
    const value = given.get(name);
    if (value) return pageDate(value, now);
  }
  return undefined;
}

/** A `<time datetime>` in the article (its `<article>`, else the page's `<main>`), the first that is a date. */
function fromTime(doc: Document, now: number): string | undefined {
  for (const selector of ['article time[datetime]', 'main time[datetime], [role="main"] time[datetime]']) {
    for (const time of doc.querySelectorAll(selector)) {
      const date = pageDate(time.getAttribute('datetime'), now);
      if (date) return date;
    }
  }
  return undefined;
}

/**
 * The page's dates, in order of trust: JSON-LD `datePublished` (with `@graph` and arrays), then
 * meta elements (`article:published_time`, `og:published_time`, `datePublished`, Dublin Core),
 * then a `<time datetime>` in the article; `dateModified`, `article:modified_time` and the like for
 * when it last changed. Read before Readability, which changes the document.
 */
export function pageDates(doc: Document, now = Date.now()): PageDates {
  const jsonLd = fromJsonLd(doc, now);
  const published = jsonLd.published ?? fromMeta(doc, PUBLISHED_META, now) ?? fromTime(doc, now);
  const modified = jsonLd.modified ?? fromMeta(doc, MODIFIED_META, now);
  return { ...(published ? { published } : {}), ...(modified ? { modified } : {}) };
}
