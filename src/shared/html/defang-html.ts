import { Parser } from 'htmlparser2';
import { plainTextOf } from '../article.ts';
import { isHiddenElement } from './hidden-element.ts';
import { nestsDeeperThan } from './nesting-depth.ts';
import { VOID_ELEMENTS } from './void-elements.ts';

/**
 * A first pass over untrusted HTML, before any browser parser sees it. It takes out what could run
 * or load: event-handler attributes, `style`, script URLs, and elements whose contents are script,
 * styles, frames or raw text, so that the browser never compiles a handler or applies a style
 * from an article. Before Readability reads a page (`forReading`), the elements that the page's styles, or
 * its `hidden` and `aria-hidden` attributes, keep out of sight go too (hidden-element.ts), as
 * Readability would drop them: without their style they would show. (Chromium checks the CSP, and reports a violation, as soon as it parses an
 * `on…` attribute, even in an inert DOMParser document; the strict CSP would block it, but a
 * reader's app should never even try.) DOMPurify then sanitizes the result with the article
 * allowlist, in the page; this pass is DOM-free so that it runs in Node too.
 *
 * It is safe by construction: the output is serialized from htmlparser2's tokens, text escaped,
 * every attribute quoted and escaped, and no element kept in which a browser would read text as
 * markup (script, style, raw text and frames are dropped with their contents; only our own closing
 * tag can end a `noscript`, since every `<` inside it is escaped). So every element
 * and attribute a browser builds from the output is one this pass wrote.
 */

/**
 * Elements dropped together with everything inside them. (`noscript` stays: pages put their
 * lazy-loaded images' real `<img>` there, and Readability takes them out. Whatever is inside is
 * escaped like everything else, so it is text to a parser that reads noscript as raw text, and
 * harmless elements to one that does not.)
 */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'textarea',
  'select',
  'portal',
  'fencedframe',
]);
/**
 * Empty elements dropped: `base` would change what relative URLs mean, `meta http-equiv` can
 * refresh, set cookies or policies, `link` can load styles and warm up connections. (Readability
 * needs `meta name`/`property` and `link rel=canonical`; those stay.)
 */
function dropsEmptyElement(name: string, attributes: Record<string, string>, keepDeclarations: boolean): boolean {
  if (keepDeclarations && (name === 'base' || (name === 'meta' && declaresCharset(attributes)))) return false;
  if (name === 'base' || name === 'param' || name === 'keygen') return true;
  if (name === 'meta') return 'http-equiv' in attributes || 'charset' in attributes;
  if (name === 'link') return (attributes.rel ?? '').toLowerCase().trim() !== 'canonical';
  return false;
}
/** `<meta charset>` or `<meta http-equiv="content-type">`: words about the bytes, which do nothing in a parsed document. */
function declaresCharset(attributes: Record<string, string>): boolean {
  return 'charset' in attributes || (attributes['http-equiv'] ?? '').trim().toLowerCase() === 'content-type';
}

/** Attributes that hold a URL the browser may load or navigate to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'background',
  'cite',
  'data',
  'xlink:href',
  'lowsrc',
  'dynsrc',
  'longdesc',
  'codebase',
  'manifest',
  'ping',
  'srcset',
  'imagesrcset',
]);
/** Attributes that hold markup or run something, whatever their name says. */
const DROPPED_ATTRIBUTES = new Set(['style', 'srcdoc', 'formaction', 'action', 'ping', 'attributionsrc', 'is']);
const SAFE_ATTRIBUTE_NAME = /^[a-z_:][-a-z0-9_:.]*$/;
const INLINE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|avif)[;,]/i;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** A URL as a browser reads it: without the whitespace and control characters it ignores. */
function isScriptUrl(value: string): boolean {
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  return /^(?:javascript|vbscript|livescript|data|blob|filesystem|file):/.test(compact);
}

function keepAttribute(tag: string, name: string, value: string): boolean {
  if (!SAFE_ATTRIBUTE_NAME.test(name) || name.startsWith('on') || DROPPED_ATTRIBUTES.has(name)) return false;
  if (!URL_ATTRIBUTES.has(name)) return true;
  // Inline images stay (a saved page's pictures); the sanitizer decides what becomes of them.
  if (tag === 'img' && name === 'src' && INLINE_IMAGE.test(value.trim())) return true;
  return !isScriptUrl(value);
}

export interface Defanged {
  html: string;
  /** How many elements and attributes were taken out. */
  removed: number;
}

/**
 * Structured data (JSON-LD) is kept, since Readability reads title, byline and dates from it. It
 * is data, never run; its text is kept with every `<` written as the JSON escape `\u003c`, so that
 * nothing in it can end the element or change how a browser reads it.
 */
const JSON_LD = 'application/ld+json';

export interface DefangOptions {
  /**
   * Keep the page's charset declarations and `<base>`, for the reader of saved pages
   * (read-mhtml.ts): it decodes the page's bytes again by the charset they declare, and resolves
   * the page's addresses against its base. Whatever reads the page next defangs it again.
   */
  keepDeclarations?: boolean;
  /**
   * The page is about to be read by Readability: leave out what no reader sees. Only then: in
   * Readability's output a formula's fallback image has lost the class that excused its
   * `aria-hidden`, and a later pass would drop it.
   */
  forReading?: boolean;
}

export function defangHtml(html: string, { keepDeclarations = false, forReading = false }: DefangOptions = {}): Defanged {
  // Nested past what any page needs, it is read as text: parsing it would take minutes (nesting-depth.ts).
  if (nestsDeeperThan(html)) return { html: `<p>${escapeText(plainTextOf(html))}</p>`, removed: 1 };
  const out: string[] = [];
  let dropping = 0;
  let removed = 0;
  let inJsonLd = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (dropping === 0 && name === 'script' && attributes.type?.trim().toLowerCase() === JSON_LD) {
          inJsonLd = true;
          out.push(`<script type="${JSON_LD}">`);
          return;
        }
        if (
          dropping > 0 ||
          DROP_WITH_CONTENT.has(name) ||
          dropsEmptyElement(name, attributes, keepDeclarations) ||
          (forReading && isHiddenElement(attributes))
        ) {
          if (dropping === 0) removed++;
          if (!VOID_ELEMENTS.has(name)) dropping++;
          return;
        }
        let tag = `<${name}`;
        for (const [attribute, value] of Object.entries(attributes)) {
          if (keepAttribute(name, attribute, value)) tag += ` ${attribute}="${escapeAttribute(value)}"`;
          else removed++;
        }
        out.push(`${tag}>`);
      },
      ontext(text) {
        // Pages often wrap JSON-LD in CDATA, which Readability would strip; strip it first.
        if (inJsonLd) out.push(text.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').replace(/</g, '\\u003c'));
        else if (dropping === 0) out.push(escapeText(text));
      },
      onclosetag(name) {
        if (inJsonLd && name === 'script') {
          inJsonLd = false;
          out.push('</script>');
          return;
        }
        if (VOID_ELEMENTS.has(name)) return;
        if (dropping > 0) dropping--;
        else out.push(`</${name}>`);
      },
      onprocessinginstruction(name) {
        if (dropping === 0 && name.toLowerCase() === '!doctype') out.push('<!doctype html>');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  return { html: out.join(''), removed };
}
