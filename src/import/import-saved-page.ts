import { msg } from '@lit/localize';
import { readArticle } from '../dom/read-article.ts';
import { base64ToBytes } from '../shared/base64.ts';
import { BUNDLE_IMAGE_TYPES, type DecodedImage } from '../shared/bundle/bundle-format.ts';
import { normalizeDraft } from '../shared/bundle/normalize-draft.ts';
import { parseArticle } from '../shared/bundle/parse-article.ts';
import { defangHtml } from '../shared/html/defang-html.ts';
import { sha256Hex } from '../shared/sha256.ts';
import { unsignedArticle } from '../shared/signing.ts';
import { sanitizeForStorage } from '../library/sanitize-article.ts';
import { parseDocumentForReadability, parseInertDocument } from '../app/trusted-types.ts';
import { importDecoded } from './import-decoded.ts';
import type { ImportOptions, ImportReport } from './import-report.ts';

const DATA_URL = /^data:([a-z0-9.+/-]+)(?:;[^,;]*)*;base64,([A-Za-z0-9+/=\s]+)$/i;

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
  const source = file.name || msg('Saved page');
  // The page's own scripts, handlers and styles go before the browser parses it (defang-html.ts).
  const read = readArticle(parseDocumentForReadability(defangHtml(html, { forReading: true }).html));
  if (!read) return { source, outcomes: [], error: msg('No article was found in this page: it holds too little readable text.') };
  const { content, images } = await inlineImages(read.content);
  const clean = sanitizeForStorage(content);
  // The page's metadata is anyone's to write: it is brought within what any bundle may carry, and
  // then checked as a bundle's article would be, so that nothing is stored that a reader would refuse.
  const draft = normalizeDraft(
    {
      guid: read.url ?? `urn:pamphlet:saved:${await sha256Hex(html)}`,
      revision: 1,
      title: read.title,
      ...(read.byline ? { byline: read.byline } : {}),
      publisher: read.url
        ? { name: read.siteName ?? 'Saved page', url: new URL(read.url).origin }
        : { name: read.siteName ?? 'Saved page' },
      ...(read.url ? { url: read.url } : {}),
      lang: read.lang,
      dir: read.dir,
      // The page's own date or none: the file's date says when it was saved, not written.
      ...(read.published ? { published: read.published } : {}),
      ...(read.excerpt ? { summary: read.excerpt } : {}),
      content: clean.html,
    },
    { title: source, publisherName: 'Saved page' },
  );
  const article = parseArticle(await unsignedArticle(draft), 0);
  const removed = new Map([[article.id, clean.removed]]);
  return importDecoded({ articles: [article], images, imagesOmitted: false, publishers: [], extensions: {} }, source, options, removed);
}
