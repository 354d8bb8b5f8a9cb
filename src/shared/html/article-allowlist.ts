/**
 * What an article's HTML may hold, for DOMPurify in the app and in the publisher's command:
 * text, headings, lists, quotes, tables, figures and captions, images from the bundle, links.
 * No `style`, no event handlers, no `srcset` or `ping`: nothing that can load or run anything.
 */
export const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'picture', 'pre', 'q',
  'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];

export const ALLOWED_ATTR = [
  'alt', 'cite', 'colspan', 'datetime', 'dir', 'height', 'href', 'lang', 'rowspan', 'scope', 'src',
  'title', 'width',
];

/** Links to the web and mail only; images only by hash, from the bundle itself. */
export const ALLOWED_URI = /^(?:https?:|mailto:|sha256:[0-9a-f]{64}$)/i;

/** DOMPurify's settings for article HTML, wherever it runs (the app adds its Trusted Types policy). */
export const ARTICLE_PURIFY_CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: ALLOWED_URI,
};
