import { Readability } from '@mozilla/readability';
import { directionOf, type TextDirection } from '../shared/article.ts';
import { pageDates } from './page-dates.ts';

/**
 * Readability's article out of a web page, with the metadata Pamphlet keeps. It runs on any DOM:
 * the browser's (the app's saved-page import) or jsdom (the publisher's command), so that both
 * make the same article from the same page. Readability changes the document it is given.
 */
export interface ReadArticle {
  title: string;
  byline?: string;
  siteName?: string;
  /** The page's canonical web address, if it names one. */
  url?: string;
  lang: string;
  dir: TextDirection;
  /** ISO 8601, if the page says when it was published (`pageDates`); never made up. */
  published?: string;
  /** ISO 8601, if the page says when it last changed. */
  modified?: string;
  excerpt?: string;
  /** The article's HTML, not yet sanitized. */
  content: string;
  textLength: number;
}

/**
 * A page is an article when Readability finds any word in it, however short it is (a notice, a
 * correction, a one-line bulletin). A threshold of 80 characters refused those where Readability
 * finds an article, and, counting characters, asked several times more of Chinese or Japanese,
 * which say in one character what takes a word elsewhere. Only a page with no word at all (an
 * image, a frame, an empty shell) is refused.
 */
const A_WORD = /[\p{L}\p{N}]/u;

function metaContent(doc: Document, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = doc.querySelector(selector)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

function webAddress(candidate: string | null | undefined, base?: string): string | undefined {
  try {
    const url = candidate ? new URL(candidate, base) : undefined;
    return url && /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The address a page names as its own (canonical link, else og:url), resolved against `base`. */
export function canonicalUrl(doc: Document, base?: string): string | undefined {
  return (
    webAddress(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'), base) ??
    webAddress(metaContent(doc, ['meta[property="og:url"]']), base)
  );
}

/** Readability's internals as its 0.6.0 release has them: see `readability`. */
interface ReadabilityRules {
  REGEXPS: { okMaybeItsACandidate: RegExp };
}

/**
 * Readability, with its fix for formulas backported from after 0.6.0: MathJax's containers have a
 * class that names a menu ("CtxtMenu_Attached"), which Readability took for page furniture and
 * removed with the formula's MathML inside (https://github.com/mozilla/readability/pull/958).
 */
function readability(doc: Document): Readability<string> {
  const reader = new Readability(doc, { keepClasses: false });
  const rules = reader as unknown as ReadabilityRules;
  const { okMaybeItsACandidate } = rules.REGEXPS;
  if (!okMaybeItsACandidate.test('mathjax')) {
    rules.REGEXPS = {
      ...rules.REGEXPS,
      okMaybeItsACandidate: new RegExp(`${okMaybeItsACandidate.source}|mathjax`, okMaybeItsACandidate.flags),
    };
  }
  return reader;
}

/** The article in `doc`, or undefined when the page holds no readable text. */
export function readArticle(doc: Document, base?: string): ReadArticle | undefined {
  const url = canonicalUrl(doc, base);
  const declaredLang = doc.documentElement.getAttribute('lang')?.trim() || metaContent(doc, ['meta[http-equiv="content-language" i]']);
  const title = doc.title;
  const { published, modified } = pageDates(doc);
  const parsed = readability(doc).parse();
  const text = (parsed?.textContent ?? '').trim();
  if (!parsed?.content || !A_WORD.test(text)) return undefined;
  const lang = (parsed.lang ?? declaredLang ?? '').trim() || 'und';
  const dir: TextDirection = parsed.dir === 'rtl' || parsed.dir === 'ltr' ? parsed.dir : directionOf(lang);
  const siteName = parsed.siteName?.trim() || (url ? new URL(url).hostname : undefined);
  return {
    title: (parsed.title ?? '').trim() || title.trim(),
    ...(parsed.byline?.trim() ? { byline: parsed.byline.trim() } : {}),
    ...(siteName ? { siteName } : {}),
    ...(url ? { url } : {}),
    lang,
    dir,
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    ...(parsed.excerpt?.trim() ? { excerpt: parsed.excerpt.trim() } : {}),
    content: parsed.content,
    textLength: text.length,
  };
}
