import { msg } from '@lit/localize';
import { imageHashesOf, type Article } from '../shared/article.ts';
import type { DecodedImage } from '../shared/bundle/bundle-format.ts';
import { encodeBundle } from '../shared/bundle/encode-bundle.ts';
import { discreetOn } from '../discreet/discreet-mode.ts';
import { EXPORT_FINISHED, EXPORT_STARTED } from '../app/performance-marks.ts';
import { publishersOf } from '../publishers/publishers-of.ts';
import { allArticleIds, getArticle, getImage } from '../browser/storage/articles.ts';
import { readerHighlightsFields } from './reader-highlights-field.ts';

/** A file name from a title, in any script: letters and digits joined by hyphens. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'article';
}

/** The stored articles with these ids, and the images they use, as a bundle carries them. */
export async function loadArticles(ids: readonly string[]): Promise<{ articles: Article[]; images: DecodedImage[] }> {
  const articles: Article[] = [];
  const images = new Map<string, DecodedImage>();
  for (const id of ids) {
    const article = await getArticle(id);
    if (!article) continue;
    articles.push(article);
    for (const hash of imageHashesOf(article.content)) {
      if (images.has(hash)) continue;
      const stored = await getImage(hash);
      if (stored) images.set(hash, { hash, type: stored.type, bytes: new Uint8Array(await stored.blob.arrayBuffer()) });
    }
  }
  return { articles, images: [...images.values()] };
}

export interface ExportedFile {
  name: string;
  blob: Blob;
  count: number;
}

/**
 * One bundle file with the given articles, named after the article when there is one. With
 * `withHighlights`, the reader's own highlights and notes go with them, beside the articles: only
 * when asked, as notes are private until the reader chooses to share them.
 */
export async function exportArticles(ids: readonly string[], { withHighlights = false } = {}): Promise<ExportedFile> {
  performance.mark(EXPORT_STARTED);
  const { articles, images } = await loadArticles(ids);
  if (articles.length === 0) throw new Error(msg('None of these articles is in the library any more.'));
  const date = new Date().toISOString().slice(0, 10);
  // In discreet mode the name says nothing of the article or the app: it shows in the share sheet
  // and the downloads list.
  const name = discreetOn()
    ? `note-${date}.html`
    : articles.length === 1
      ? `${slugOf(articles[0]!.title)}.html`
      : `pamphlet-${articles.length}-articles-${date}.html`;
  const extensions = withHighlights ? await readerHighlightsFields(articles) : {};
  const blob = new Blob([encodeBundle(articles, images, { publishers: await publishersOf(articles), extensions })], { type: 'text/html' });
  performance.mark(EXPORT_FINISHED);
  return { name, blob, count: articles.length };
}

/** The whole library as one bundle: a backup, and a way to move to another device or mirror. */
export async function exportLibrary(): Promise<ExportedFile> {
  const exported = await exportArticles(await allArticleIds());
  return { ...exported, name: `pamphlet-library-${new Date().toISOString().slice(0, 10)}.html` };
}

/** Hands a file to the browser's download. */
export function saveFile({ name, blob }: ExportedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
