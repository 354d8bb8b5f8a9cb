import type { Article } from '../article.ts';
import { correctionOf } from '../correction.ts';
import { EDITION_BUNDLE_FILE, type SourceDescriptor } from '../edition/edition-format.ts';
import { isWebAddress } from '../edition/parse-edition.ts';
import { readerApps } from '../edition/reader-apps.ts';
import { escapeHtml } from '../html-escape.ts';
import { viewHtml } from '../html/view-html.ts';
import type { BundleImage } from './bundle-format.ts';

/**
 * The part of a bundle a person sees when they open the file in any browser, with no script:
 * the articles themselves, styled inline, images as `data:` URLs. The CSP comes first in <head>
 * so that nothing in the file can load or run anything, whatever a relay adds to it.
 */
export const BUNDLE_VIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const VIEW_STYLE = `
:root{color-scheme:light dark}
body{margin:0 auto;max-width:42rem;padding:1rem;font:1.125rem/1.6 Georgia,'Noto Serif',serif}
article{margin:2rem 0 4rem}
h1{font-size:1.8rem;line-height:1.25;margin:0 0 .5rem}
.meta{color:GrayText;font:0.9rem/1.4 system-ui,sans-serif;margin:0 0 1.5rem}
img{max-width:100%;height:auto}
figure{margin:1.5rem 0}
figcaption{font:0.9rem/1.4 system-ui,sans-serif;color:GrayText}
nav ol{padding-inline-start:1.5rem}
blockquote{margin-inline:0;padding-inline-start:1rem;border-inline-start:3px solid GrayText}
.way-home{font:1rem/1.5 system-ui,sans-serif;border-top:1px solid GrayText;padding-top:1rem;margin-bottom:2rem}
.way-home h2{font-size:1.1rem;margin:0 0 .5rem}
.way-home ul{padding-inline-start:1.25rem}
.way-home a{overflow-wrap:anywhere}
footer{font:0.8rem/1.4 system-ui,sans-serif;color:GrayText;border-top:1px solid GrayText;padding-top:1rem}
`.trim();

function anchorOf(article: Article): string {
  return `article-${article.id}`;
}

/** The `data:` URL of a bundle image, for the readable part. */
function inlineImage(images: ReadonlyMap<string, BundleImage>): (hash: string) => string | undefined {
  return (hash) => {
    const image = images.get(hash);
    return image && `data:${image.type};base64,${image.data}`;
  };
}

/** Words of the file's own, in English within the article's language. */
function english(text: string): string {
  return `<span lang="en" dir="ltr">${escapeHtml(text)}</span>`;
}

function articleView(article: Article, images: ReadonlyMap<string, BundleImage>): string {
  const correction = correctionOf(article);
  const meta = [
    ...[article.byline, article.publisher.name, article.published?.slice(0, 10)].filter(Boolean).map((part) => escapeHtml(part!)),
    ...(article.published ? [] : [english('Date unknown')]),
    ...(correction ? [english(correction.date ? `Corrected ${correction.date.slice(0, 10)}` : 'Corrected')] : []),
  ];
  return `<article id="${anchorOf(article)}" lang="${escapeHtml(article.lang)}" dir="${article.dir}">
<h1>${escapeHtml(article.title)}</h1>
<p class="meta">${meta.join(' · ')}</p>
${viewHtml(article.content, inlineImage(images))}
</article>`;
}

function tableOfContents(articles: readonly Article[]): string {
  if (articles.length < 2) return '';
  const items = articles.map(
    (article) =>
      `<li lang="${escapeHtml(article.lang)}" dir="${article.dir}"><a href="#${anchorOf(article)}">${escapeHtml(article.title)}</a></li>`,
  );
  return `<nav aria-label="Contents"><h2>Contents</h2><ol>${items.join('')}</ol></nav>`;
}

/** A link; `label` is HTML its caller escaped. */
function link(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" rel="noreferrer">${label}</a>`;
}

/** "Install the reader", or with several, "Install the reader from host/path" for each. */
function installLinks(apps: readonly string[]): string[] {
  if (apps.length === 1) return [`<li>${link(apps[0]!, 'Install the reader')}</li>`];
  return apps.map((app) => {
    const url = new URL(app);
    return `<li>${link(app, `Install the reader from ${escapeHtml(`${url.host}${url.pathname.replace(/\/$/, '')}`)}`)}</li>`;
  });
}

/**
 * Where each publisher can be found, as plain links, for whoever opens the file without the app:
 * the newest articles on each mirror (edition.html, itself readable with no script) and every
 * address of the reader app. The descriptors were checked when they came in; only http(s)
 * addresses are linked anyway, so no `javascript:` or `data:` link can appear whatever a caller
 * passes.
 */
function wayHome(publishers: readonly SourceDescriptor[]): string {
  const sections = publishers.flatMap((publisher) => {
    const mirrors = publisher.mirrors.filter(isWebAddress);
    const apps = readerApps(publisher);
    if (mirrors.length === 0 && apps.length === 0) return [];
    const name = `<bdi>${escapeHtml(publisher.name)}</bdi>`;
    const items = mirrors.map((mirror) => {
      const edition = new URL(EDITION_BUNDLE_FILE, mirror.endsWith('/') ? mirror : `${mirror}/`);
      return `<li>${link(edition.href, `Read more from ${name} at ${escapeHtml(edition.host)}`)}</li>`;
    });
    items.push(...installLinks(apps));
    return [`<section><h2>${name}</h2><ul>${items.join('')}</ul></section>`];
  });
  if (sections.length === 0) return '';
  return `<aside class="way-home" lang="en" dir="ltr" aria-label="Where to find the publisher">${sections.join('')}</aside>`;
}

/** The whole file around the payload element, which the caller passes in already escaped. */
export function bundleDocument(
  articles: readonly Article[],
  images: readonly BundleImage[],
  payloadElement: string,
  publishers: readonly SourceDescriptor[] = [],
): string {
  const byHash = new Map(images.map((image) => [image.hash, image]));
  const first = articles[0];
  const title = articles.length === 1 && first ? first.title : `${articles.length} articles`;
  const lang = first?.lang ?? 'en';
  const dir = first?.dir ?? 'ltr';
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${dir}">
<head>
<meta http-equiv="Content-Security-Policy" content="${BUNDLE_VIEW_CSP}">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pamphlet">
<title>${escapeHtml(title)}</title>
<style>${VIEW_STYLE}</style>
</head>
<body>
${tableOfContents(articles)}
${articles.map((article) => articleView(article, byHash)).join('\n')}
${wayHome(publishers)}
<footer lang="en" dir="ltr">A Pamphlet bundle. Open it in Pamphlet to check who published it.</footer>
${payloadElement}
</body>
</html>
`;
}
