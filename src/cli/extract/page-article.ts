import { readPage } from '../../node-dom/read-page.ts';
import { directionOf } from '../../shared/article.ts';
import type { DecodedImage } from '../../shared/bundle/bundle-format.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import type { Draft } from '../../shared/signing.ts';
import { CliError } from '../cli-error.ts';
import { prepareContent, type PrepareOptions } from './prepare-content.ts';

/** An article made from an input, ready to sign, with the images it refers to. */
export interface Extracted {
  draft: Draft;
  images: DecodedImage[];
  /** Where it came from, for messages. */
  source: string;
  /**
   * When the page or feed item says it last changed: an edition dates a correction with it
   * (`reviseArticle`). Not part of the draft: a first revision carries no `modified`.
   */
  modified?: string;
}

/** What an input's own metadata says, over what Readability finds (a feed item's title and date). */
export interface KnownMetadata {
  guid?: string;
  title?: string;
  byline?: string;
  publisherName?: string;
  published?: string;
  modified?: string;
  lang?: string;
}

function webOrigin(url: string | undefined): string | undefined {
  return url && /^https?:/.test(url) ? new URL(url).origin : undefined;
}

/**
 * A web page made into an article the way the app makes one (Readability, the app's first pass and
 * its sanitizer, on jsdom: src/node-dom), so that the command and the app agree.
 */
export async function articleFromPage(html: string, base: string, options: PrepareOptions, known: KnownMetadata = {}): Promise<Extracted> {
  const { archived } = options;
  const read = readPage(html, base, archived ? (address) => archived(address) !== undefined : undefined);
  if (!read) throw new CliError(`${base}: no article was found in this page (too little readable text).`);
  const { content, images } = await prepareContent(read.content, base, options);
  const url = read.url ?? (/^https?:/.test(base) ? base : undefined);
  const lang = known.lang && read.lang === 'und' ? known.lang : read.lang;
  const byline = known.byline ?? read.byline;
  const publisherUrl = webOrigin(url);
  // The page's own date or none: never the file's modification time, nor the time of the run.
  const published = known.published ?? read.published;
  const modified = known.modified ?? read.modified;
  const draft: Draft = {
    guid: known.guid ?? url ?? `urn:pamphlet:page:${await sha256Hex(html)}`,
    revision: 1,
    title: known.title ?? read.title,
    ...(byline ? { byline } : {}),
    publisher: { name: known.publisherName ?? read.siteName ?? 'Unknown publisher', ...(publisherUrl ? { url: publisherUrl } : {}) },
    ...(url ? { url } : {}),
    lang,
    dir: lang === read.lang ? read.dir : directionOf(lang),
    ...(published ? { published } : {}),
    ...(read.excerpt ? { summary: read.excerpt } : {}),
    content,
  };
  return { draft, images, source: base, ...(modified ? { modified } : {}) };
}
