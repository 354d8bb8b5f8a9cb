import DOMPurify, { type Config } from 'dompurify';
import { ARTICLE_PURIFY_CONFIG } from '../shared/html/article-allowlist.ts';
import { defangHtml } from '../shared/html/defang-html.ts';
import { sanitizerPolicy } from '../app/trusted-types.ts';

/**
 * Article HTML comes from channels nobody trusts. Before any browser parser sees it, a DOM-free
 * first pass (defang-html.ts) takes out what could run or load; then it is sanitized with an allowlist meant for
 * articles when it comes in (a saved page is stored sanitized; a signed article is stored as
 * signed, so that its signature still holds when it is passed on, and is checked here on import)
 * and again every time it is shown, where it reaches the DOM only as the DocumentFragment
 * DOMPurify returns, inside a sandboxed frame (see pamphlet-article-body.ts).
 */
const WEB_LINK = /^(?:https?:|mailto:)/i;
const IMAGE_REFERENCE = /^sha256:([0-9a-f]{64})$/;

function baseConfig(): Config {
  return {
    ...ARTICLE_PURIFY_CONFIG,
    // DOMPurify parses inside the app's own Trusted Types policy, not one of its own.
    TRUSTED_TYPES_POLICY: sanitizerPolicy() as TrustedTypePolicy,
  };
}

/**
 * Article HTML as it is stored: the allowlist applied, image references (`sha256:`) kept.
 * Returns the clean HTML and how many elements or attributes were taken out.
 */
export function sanitizeForStorage(html: string): { html: string; removed: number } {
  const defanged = defangHtml(html);
  const clean = DOMPurify.sanitize(defanged.html, baseConfig());
  // DOMPurify lists the <body> it parsed the fragment into among what it removed; that is no part of the article.
  const removed = DOMPurify.removed.filter((entry) => !('element' in entry && /^(HTML|HEAD|BODY)$/.test(entry.element.nodeName))).length;
  return { html: clean, removed: defanged.removed + removed };
}

/** How many unsafe elements and attributes an article's HTML holds (what sanitizing takes out). */
export function countUnsafeParts(html: string): number {
  return sanitizeForStorage(html).removed;
}

function hostOf(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'mailto:' ? url.pathname : url.hostname;
  } catch {
    return undefined;
  }
}

function placeholder(doc: Document, text: string): HTMLElement {
  const note = doc.createElement('span');
  note.className = 'missing-image';
  note.textContent = text;
  return note;
}

/**
 * Sanitized article content for display: `sha256:` image references become the object URLs in
 * `imageUrls`; an image that is not there (left out of a link, or on a remote server, which is
 * never asked) becomes a visible note that says so; every link opens outside the app, tells no
 * one where it came from, and shows the host it goes to.
 *
 * DOMPurify returns the fragment still owned by its inert parsing document, so nothing in it loads
 * until the caller attaches it; the changes below are made before that, on inert nodes.
 */
export function sanitizeArticle(html: string, imageUrls: ReadonlyMap<string, string>): DocumentFragment {
  const fragment = DOMPurify.sanitize(defangHtml(html).html, { ...baseConfig(), RETURN_DOM_FRAGMENT: true });
  for (const image of fragment.querySelectorAll('img')) showImage(image, imageUrls);
  for (const link of fragment.querySelectorAll('a')) openOutside(link);
  return fragment;
}

function showImage(image: HTMLImageElement, imageUrls: ReadonlyMap<string, string>): void {
  const source = image.getAttribute('src') ?? '';
  const hash = IMAGE_REFERENCE.exec(source)?.[1];
  const url = hash ? imageUrls.get(hash) : undefined;
  if (url) {
    image.setAttribute('src', url);
    return;
  }
  const host = hash ? undefined : hostOf(source);
  const alt = image.getAttribute('alt')?.trim();
  const what = alt ? `Image “${alt}”` : 'Image';
  image.replaceWith(
    placeholder(
      image.ownerDocument,
      host ? `${what} not downloaded: it is on ${host}, and Pamphlet never asks other servers.` : `${what} not included in this copy.`,
    ),
  );
}

function openOutside(link: HTMLAnchorElement): void {
  const href = link.getAttribute('href') ?? '';
  if (!WEB_LINK.test(href)) {
    link.removeAttribute('href');
    return;
  }
  link.setAttribute('target', '_blank');
  link.setAttribute('rel', 'noopener noreferrer');
  link.setAttribute('referrerpolicy', 'no-referrer');
  link.setAttribute('title', href);
  const host = hostOf(href);
  if (host && !(link.textContent ?? '').includes(host)) {
    const shown = link.ownerDocument.createElement('span');
    shown.className = 'link-host';
    shown.textContent = ` (${host})`;
    link.append(shown);
  }
}
