import { Readability } from '@mozilla/readability';
import { directionOf, type TextDirection } from '../shared/article.ts';
import { base64ToBytes } from '../shared/base64.ts';
import { BUNDLE_IMAGE_TYPES, type DecodedImage } from '../shared/bundle/bundle-format.ts';
import { defangHtml } from '../shared/html/defang-html.ts';
import { sha256Hex } from '../shared/sha256.ts';
import { unsignedArticle } from '../shared/signing.ts';
import { sanitizeForStorage } from '../sanitize-article.ts';
import { parseDocumentForReadability, parseInertDocument } from '../trusted-types.ts';
import { importDecoded } from './import-decoded.ts';
import type { ImportOptions, ImportReport } from './import-report.ts';

const DATA_URL = /^data:([a-z0-9.+/-]+)(?:;[^,;]*)*;base64,([A-Za-z0-9+/=\s]+)$/i;

function metaContent(doc: Document, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = doc.querySelector(selector)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

function canonicalUrl(doc: Document): string | undefined {
  const candidate = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? metaContent(doc, ['meta[property="og:url"]']);
  try {
    const url = candidate ? new URL(candidate) : undefined;
    return url && /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function publishedDate(candidate: string | null | undefined, fallback: number): string {
  const parsed = candidate ? Date.parse(candidate) : Number.NaN;
  return new Date(Number.isNaN(parsed) ? fallback : parsed).toISOString();
}

/**
 * Keeps the images the page holds inline (data: URLs), as bundle images named by their hash.
 * An image on a web server keeps its address but is never fetched: the reader shows a note in its
 * place saying where it is. Any other image is dropped.
 */
async function inlineImages(content: string): Promise<{ content: string; images: DecodedImage[] }> {
  const doc = parseInertDocument(`<!doctype html><body>${content}`);
  const images = new Map<string, DecodedImage>();
  doc.querySelectorAll('picture source').forEach((source) => source.remove());
  for (const img of doc.querySelectorAll('img')) {
    const match = DATA_URL.exec(img.getAttribute('src') ?? '');
    const type = match?.[1]?.toLowerCase();
    img.removeAttribute('srcset');
    if (!match || !type || !BUNDLE_IMAGE_TYPES.has(type)) {
      if (!/^https?:/i.test(img.getAttribute('src') ?? '')) img.remove();
      continue;
    }
    try {
      const bytes = base64ToBytes(match[2]!.replace(/\s+/g, ''));
      const hash = await sha256Hex(bytes);
      images.set(hash, { hash, type, bytes });
      img.setAttribute('src', `sha256:${hash}`);
    } catch {
      img.remove();
    }
  }
  return { content: doc.body.innerHTML, images: [...images.values()] };
}

/**
 * A web page saved from a browser (or by SingleFile) made into an unsigned article through
 * Readability, keeping title, byline, site name, language, direction, date and inline images.
 */
export async function importSavedPage(html: string, file: File, options: ImportOptions = {}): Promise<ImportReport> {
  const source = file.name || 'Saved page';
  // The page's own scripts, handlers and styles go before the browser parses it (defang-html.ts).
  const doc = parseDocumentForReadability(defangHtml(html).html);
  const url = canonicalUrl(doc);
  const declaredLang = doc.documentElement.getAttribute('lang')?.trim();
  const parsed = new Readability(doc, { keepClasses: false }).parse();
  if (!parsed?.content || (parsed.textContent ?? '').trim().length < 80) {
    return { source, outcomes: [], error: 'No article was found in this page: it holds too little readable text.' };
  }
  const lang = (parsed.lang ?? declaredLang ?? '').trim() || 'und';
  const dir: TextDirection = parsed.dir === 'rtl' || parsed.dir === 'ltr' ? parsed.dir : directionOf(lang);
  const { content, images } = await inlineImages(parsed.content);
  const clean = sanitizeForStorage(content);
  const siteName = parsed.siteName?.trim() || (url ? new URL(url).hostname : '') || 'Saved page';
  const article = await unsignedArticle({
    guid: url ?? `urn:pamphlet:saved:${await sha256Hex(html)}`,
    revision: 1,
    title: (parsed.title ?? '').trim() || doc.title.trim() || source,
    ...(parsed.byline?.trim() ? { byline: parsed.byline.trim() } : {}),
    publisher: url ? { name: siteName, url: new URL(url).origin } : { name: siteName },
    ...(url ? { url } : {}),
    lang,
    dir,
    published: publishedDate(parsed.publishedTime, file.lastModified || Date.now()),
    ...(parsed.excerpt?.trim() ? { summary: parsed.excerpt.trim() } : {}),
    content: clean.html,
  });
  const removed = new Map([[article.id, clean.removed]]);
  return importDecoded({ articles: [article], images, imagesOmitted: false }, source, options, removed);
}
