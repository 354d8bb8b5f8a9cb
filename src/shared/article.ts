/**
 * The article model: what a bundle carries and what the library stores.
 * DOM-free, shared by the page, the service worker and Node.
 */

/** Text direction of an article's language; never "auto" so that layout is decided once, on import. */
export type TextDirection = 'ltr' | 'rtl';

export interface Publisher {
  name: string;
  url?: string;
}

/** A publisher's Ed25519 signature over the article; see `signing.ts` and docs/bundle-format.md. */
export interface ArticleSignature {
  alg: 'Ed25519';
  /** The signer's raw 32-byte public key, base64url. */
  key: string;
  /** The 64-byte signature, base64url. */
  value: string;
}

export interface Article {
  /**
   * Derived, never chosen: from the signing key and `guid` for a signed article (so corrections
   * keep it), from the content for an unsigned one. The same article arriving twice is stored once.
   */
  id: string;
  /**
   * The publisher's own identifier for the article, stable across corrections: usually its
   * canonical URL. Together with the signing key it decides the id.
   */
  guid: string;
  /** Grows with each correction; a higher revision replaces a lower one with the same id. */
  revision: number;
  title: string;
  byline?: string;
  publisher: Publisher;
  /** Where the article was first published, if anywhere. */
  url?: string;
  /** BCP 47 language tag. */
  lang: string;
  dir: TextDirection;
  /**
   * When it was published, ISO 8601: a date (a calendar day) or a date-time. Absent when the source
   * did not say: readers show "Date unknown" rather than a date nobody gave.
   */
  published?: string;
  /**
   * When this revision was made, ISO 8601: on a correction (a revision above 1), the moment the
   * publisher corrected it. Readers show it as "Corrected …" (`correctionDate`).
   */
  modified?: string;
  /** A plain-text summary for the library; derived from the content when absent. */
  summary?: string;
  /**
   * Article body as HTML. Images refer to the bundle's image entries as `src="sha256:<hex>"`,
   * so a signature over the article covers the images too.
   */
  content: string;
  signature?: ArticleSignature;
}

export const IMAGE_SOURCE_PREFIX = 'sha256:';

/** The hashes of every image the article's content refers to, in order of first appearance. */
export function imageHashesOf(content: string): string[] {
  const hashes = new Set<string>();
  for (const match of content.matchAll(/\bsrc="sha256:([0-9a-f]{64})"/g)) {
    hashes.add(match[1]!);
  }
  return [...hashes];
}

/** Scripts written right to left, by their ISO 639 language subtag. */
const RIGHT_TO_LEFT_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'khw', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);
const RIGHT_TO_LEFT_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

/** The direction a language tag is written in, when the source does not say. */
export function directionOf(lang: string): TextDirection {
  const [language = '', ...subtags] = lang.split(/[-_]/);
  const script = subtags.find((tag) => tag.length === 4);
  if (script) {
    const normalized = script[0]!.toUpperCase() + script.slice(1).toLowerCase();
    return RIGHT_TO_LEFT_SCRIPTS.has(normalized) ? 'rtl' : 'ltr';
  }
  return RIGHT_TO_LEFT_LANGUAGES.has(language.toLowerCase()) ? 'rtl' : 'ltr';
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Elements whose contents are not text a reader sees. */
const HIDDEN_CONTENTS = /^<(script|style|template)[\s/>]/i;

/**
 * Elements inside a line of text: their tags part no words (`Wiki<b>pedia</b>` is one word, and so
 * is every run of Chinese or Japanese with a link or ruby inside it), where any other tag does.
 */
const INLINE_ELEMENTS: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'nobr',
  'q',
  'rb',
  'rp',
  'rt',
  'rtc',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);
const TAG_NAME = /^<\/?([a-z][a-z0-9]*)[\s/>]/i;

/**
 * The text of an HTML fragment, DOM-free so it runs in the worker and in Node: tags dropped,
 * common entities decoded, whitespace collapsed. For summaries and search, never for display as HTML.
 *
 * One pass, in time linear in the input whatever it holds: each tag is found with one `indexOf`
 * and the scan goes on after it; an element whose contents are hidden is skipped to its end tag; a
 * tag or such element left open takes the rest of the input with it, as in a browser. (A regular
 * expression that looked ahead for each `<script` to its `</script>` took minutes over a link
 * holding megabytes of unclosed tags.)
 */
export function plainTextOf(html: string): string {
  const parts: string[] = [];
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) {
      parts.push(html.slice(at));
      break;
    }
    parts.push(html.slice(at, open));
    const close = html.indexOf('>', open);
    if (close < 0) break;
    const name = TAG_NAME.exec(html.slice(open, open + 10))?.[1]?.toLowerCase();
    if (!name || !INLINE_ELEMENTS.has(name)) parts.push(' ');
    const hidden = HIDDEN_CONTENTS.exec(html.slice(open, open + 11))?.[1];
    if (!hidden) {
      at = close + 1;
      continue;
    }
    const end = new RegExp(`</${hidden}\\s*>`, 'ig');
    end.lastIndex = close + 1;
    const found = end.exec(html);
    if (!found) break;
    at = found.index + found[0].length;
  }
  return decodeEntities(parts.join('')).replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** The article's summary, or the start of its text cut at a word boundary. */
export function summaryTextOf(article: Pick<Article, 'summary' | 'content'>, maxLength = 240): string {
  const text = article.summary?.trim() || plainTextOf(article.content);
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
