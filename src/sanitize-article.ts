import DOMPurify from 'dompurify';
import { IMAGE_SOURCE_PREFIX } from './shared/article.ts';

/**
 * Article HTML comes from channels nobody trusts. It reaches the DOM only as the DocumentFragment
 * DOMPurify returns, built from an allowlist meant for articles; no HTML string is ever assigned.
 */
const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'picture', 'pre', 'q',
  'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];
const ALLOWED_ATTR = [
  'alt', 'cite', 'colspan', 'datetime', 'dir', 'height', 'href', 'lang', 'rowspan', 'scope', 'src',
  'title', 'width',
];
const WEB_LINK = /^(?:https?:|mailto:)/i;
const IMAGE_REFERENCE = new RegExp(`^${IMAGE_SOURCE_PREFIX}([0-9a-f]{64})$`);

const BASE_CONFIG = {
  ALLOWED_TAGS,
  ALLOW_DATA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|sha256:[0-9a-f]{64}$)/i,
};

/**
 * Article HTML as it is stored: the same allowlist, image references (`sha256:`) kept, links to
 * anything but the web dropped. Sanitized again when shown, in case the allowlist grows stricter.
 */
export function sanitizeForStorage(html: string): string {
  return DOMPurify.sanitize(html, { ...BASE_CONFIG, ALLOWED_ATTR }) as string;
}

/**
 * Sanitized article content, with `sha256:` image references swapped for the object URLs in
 * `imageUrls` (images the library lacks are dropped) and every link opening outside the app.
 */
export function sanitizeArticle(html: string, imageUrls: ReadonlyMap<string, string>): DocumentFragment {
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof Element && node.localName === 'img') {
      const hash = IMAGE_REFERENCE.exec(node.getAttribute('src') ?? '')?.[1];
      const url = hash ? imageUrls.get(hash) : undefined;
      if (url) node.setAttribute('src', url);
      else node.remove();
    } else if (node instanceof Element && node.localName === 'a') {
      const href = node.getAttribute('href') ?? '';
      if (WEB_LINK.test(href)) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
        node.setAttribute('data-external', '');
      } else {
        node.removeAttribute('href');
      }
    }
  });
  try {
    return DOMPurify.sanitize(html, {
      ...BASE_CONFIG,
      ALLOWED_ATTR: [...ALLOWED_ATTR, 'target', 'rel', 'data-external'],
      RETURN_DOM_FRAGMENT: true,
    });
  } finally {
    DOMPurify.removeHook('afterSanitizeAttributes');
  }
}
