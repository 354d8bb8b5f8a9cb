import { msg, str } from '@lit/localize';
import { pointImagesAtSavedFiles } from '../dom/point-images.ts';
import { canonicalUrl, readArticle } from '../dom/read-article.ts';
import { resolvePageAddresses } from '../dom/page-addresses.ts';
import type { ArchivePart } from '../dom/read-mhtml.ts';
import { describeError } from '../l10n/describe-error.ts';
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
import { savedFileName, type SavedFiles } from './saved-files.ts';
import { UndecodableImage, webpImage } from './webp-image.ts';
import type { ImportOptions, ImportReport } from './import-report.ts';

const DATA_URL = /^data:([a-z0-9.+/-]+)(?:;[^,;]*)*;base64,([A-Za-z0-9+/=\s]+)$/i;

/** Why a saved page is refused, in the UI's language. */
class SavedPageRefused extends Error {
  override name = 'SavedPageRefused';
}

/** A saved file's picture, or why the page is refused over it: a page is kept whole or not at all. */
async function savedImage(saved: SavedFiles, address: string): Promise<DecodedImage | undefined> {
  let part: ArchivePart;
  try {
    part = await saved.read(address);
  } catch (error) {
    throw new SavedPageRefused(await describeError(error));
  }
  // An SVG, an icon: not carried in bundles (their images are raster), so left out as any page's.
  if (!BUNDLE_IMAGE_TYPES.has(part.type)) return undefined;
  try {
    return await webpImage(part.bytes, part.type);
  } catch (error) {
    if (!(error instanceof UndecodableImage)) throw error;
    const name = savedFileName(address);
    throw new SavedPageRefused(msg(str`The image ${name} that this page was saved with is damaged: it does not decode as a picture.`));
  }
}

/** A picture inline in the page (data:), or undefined when it is no picture. */
async function inlineImage(type: string, base64: string): Promise<DecodedImage | undefined> {
  try {
    return await webpImage(base64ToBytes(base64.replace(/\s+/g, '')), type);
  } catch {
    return undefined;
  }
}

/**
 * Keeps the images the page holds inline (data: URLs) or was saved with (an MHTML archive's parts,
 * a "Webpage, complete" folder), as bundle images named by their hash, re-encoded as the command
 * does. An image on a web server keeps its address but is never fetched: the reader shows a note
 * in its place saying where it is. Any other image is dropped.
 */
async function inlineImages(content: string, saved: SavedFiles | undefined): Promise<{ content: string; images: DecodedImage[] }> {
  const doc = parseInertDocument(`<!doctype html><body>${content}`);
  const images = new Map<string, DecodedImage>();
  doc.querySelectorAll('picture source').forEach((source) => source.remove());
  for (const img of doc.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    img.removeAttribute('srcset');
    const match = DATA_URL.exec(src);
    const type = match?.[1]?.toLowerCase();
    const image = saved?.has(src)
      ? await savedImage(saved, src)
      : match && type && BUNDLE_IMAGE_TYPES.has(type)
        ? await inlineImage(type, match[2]!)
        : undefined;
    if (image) {
      images.set(image.hash, image);
      img.setAttribute('src', `sha256:${image.hash}`);
    } else if (!/^https?:/i.test(src) || saved?.has(src)) {
      img.remove();
    }
  }
  return { content: doc.body.innerHTML, images: [...images.values()] };
}

/**
 * A web page saved from a browser (or by SingleFile) made into an unsigned article through
 * Readability, keeping title, byline, site name, language, direction, date and images: inline
 * ones, and those it was saved with (`saved`: an MHTML archive's parts, a "Webpage, complete"
 * folder). A page with a damaged picture is refused whole.
 */
export async function importSavedPage(html: string, file: File, options: ImportOptions = {}, saved?: SavedFiles): Promise<ImportReport> {
  const source = file.name || msg('Saved page');
  // The page's own scripts, handlers and styles go before the browser parses it (defang-html.ts).
  const doc = parseDocumentForReadability(defangHtml(html, { forReading: true }).html);
  if (saved) pointImagesAtSavedFiles(doc, saved.base, saved.has);
  resolvePageAddresses(doc, saved?.location ?? canonicalUrl(doc));
  const read = readArticle(doc, saved?.location);
  if (!read) return { source, outcomes: [], error: msg('No article was found in this page: it holds too little readable text.') };
  let content: string, images: DecodedImage[];
  try {
    ({ content, images } = await inlineImages(read.content, saved));
  } catch (error) {
    if (error instanceof SavedPageRefused) return { source, outcomes: [], error: error.message };
    throw error;
  }
  const clean = sanitizeForStorage(content);
  // Where an archive says the page was saved from stands in for a page that names no address.
  const url = read.url ?? saved?.location;
  // The page's metadata is anyone's to write: it is brought within what any bundle may carry, and
  // then checked as a bundle's article would be, so that nothing is stored that a reader would refuse.
  const draft = normalizeDraft(
    {
      guid: url ?? `urn:pamphlet:saved:${await sha256Hex(html)}`,
      revision: 1,
      title: read.title,
      ...(read.byline ? { byline: read.byline } : {}),
      publisher: url ? { name: read.siteName ?? new URL(url).hostname, url: new URL(url).origin } : { name: read.siteName ?? 'Saved page' },
      ...(url ? { url } : {}),
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
