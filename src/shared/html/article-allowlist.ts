/**
 * Formulas in MathML, as browsers draw them (MathML Core, and the few elements older pages use
 * around it), so that a page's mathematics reaches the reader as mathematics. Nothing in them
 * loads or runs anything (`mglyph`, which loads an image, and `maction`, which acts on input, stay
 * out). DOMPurify keeps each one only inside `<math>`, where a browser's parser would put it.
 */
const MATHML_TAGS = [
  'math',
  'menclose',
  'merror',
  'mfenced',
  'mfrac',
  'mi',
  'mmultiscripts',
  'mn',
  'mo',
  'mover',
  'mpadded',
  'mphantom',
  'mprescripts',
  'mroot',
  'mrow',
  'ms',
  'mspace',
  'msqrt',
  'mstyle',
  'msub',
  'msubsup',
  'msup',
  'mtable',
  'mtd',
  'mtext',
  'mtr',
  'munder',
  'munderover',
  'none',
  'semantics',
];

/** MathML's layout attributes (MathML Core's, and `notation` for `menclose`); none takes an address. */
const MATHML_ATTR = [
  'accent',
  'accentunder',
  'columnspan',
  'depth',
  'display',
  'displaystyle',
  'fence',
  'largeop',
  'linethickness',
  'lspace',
  'mathvariant',
  'maxsize',
  'minsize',
  'movablelimits',
  'notation',
  'rspace',
  'scriptlevel',
  'separator',
  'stretchy',
  'symmetric',
  'voffset',
];

/**
 * Elements left out with all they hold, beyond what DOMPurify leaves out so by default: a
 * formula's annotations are its source (TeX, most often), for programs, never shown.
 */
export const FORBID_CONTENTS = ['annotation', 'annotation-xml'];

/**
 * What an article's HTML may hold, for DOMPurify in the app and in the publisher's command:
 * text, headings, lists, quotes, tables, figures and captions, formulas, images from the bundle,
 * links. No `style`, no event handlers, no `srcset` or `ping`: nothing that can load or run anything.
 */
export const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'picture',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
  ...MATHML_TAGS,
];

export const ALLOWED_ATTR = [
  'alt',
  'cite',
  'colspan',
  'datetime',
  'dir',
  'height',
  'href',
  'lang',
  'rowspan',
  'scope',
  'src',
  'title',
  'width',
  ...MATHML_ATTR,
];

/** The allowed attributes whose value is an address, kept only when `ALLOWED_URI` accepts it. */
export const ADDRESS_ATTR: ReadonlySet<string> = new Set(['href', 'src', 'cite']);

/** Links to the web and mail only; images only by hash, from the bundle itself. */
export const ALLOWED_URI = /^(?:https?:|mailto:|sha256:[0-9a-f]{64}$)/i;

/** DOMPurify's settings for article HTML, wherever it runs (the app adds its Trusted Types policy). */
export const ARTICLE_PURIFY_CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  // DOMPurify holds every allowed attribute's value to ALLOWED_URI_REGEXP unless it is named here,
  // so `colspan="2"`, `lang="en"` or a formula's `display="block"` were taken out as bad addresses.
  ADD_URI_SAFE_ATTR: ALLOWED_ATTR.filter((name) => !ADDRESS_ATTR.has(name)),
  ADD_FORBID_CONTENTS: FORBID_CONTENTS,
};
