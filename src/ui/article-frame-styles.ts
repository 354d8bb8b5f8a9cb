/**
 * Typography for an article's body inside its sandboxed frame (pamphlet-article-body.ts), given to
 * the frame's document as a constructed stylesheet. It was a file the frame linked, and the frame,
 * which no service worker controls, fetched it from the server every time an article was opened:
 * a request a network watcher could see, and, offline, an article in the browser's default font.
 * The frame gets the app's colour tokens, text size and reading look as custom properties on its
 * root, and its colour scheme, from the page around it.
 */
export const ARTICLE_FRAME_CSS = `
html {
  color-scheme: inherit;
  background: transparent;
  overflow: hidden;
}

body {
  margin: 0;
  color: var(--fg, CanvasText);
  font-family: var(--font-reading, Georgia, serif);
  font-size: calc(1.125rem * var(--text-scale, 1));
  line-height: var(--reading-leading, 1.65);
  overflow-wrap: break-word;
  hyphens: auto;
}

:root:lang(ar) body,
:root:lang(fa) body,
:root:lang(ur) body,
:root:lang(ps) body,
:root:lang(ckb) body {
  font-family: var(--font-reading-arabic, serif);
  line-height: calc(var(--reading-leading, 1.65) + 0.25);
}

a {
  color: var(--accent, LinkText);
}

a:focus-visible {
  outline: 3px solid var(--focus, Highlight);
  outline-offset: 2px;
}

.link-host {
  color: var(--muted, GrayText);
  font-family: var(--font-ui, sans-serif);
  font-size: 0.8em;
}

img,
video {
  max-width: 100%;
  height: auto;
}

figure {
  margin: 1.5rem 0;
}

figcaption {
  font-family: var(--font-ui, sans-serif);
  font-size: 0.85em;
  color: var(--muted, GrayText);
  line-height: 1.45;
  margin-block-start: 0.5rem;
}

.missing-image {
  display: block;
  padding: 0.75rem 1rem;
  border: 1px dashed var(--border, GrayText);
  border-radius: 6px;
  font-family: var(--font-ui, sans-serif);
  font-size: 0.85em;
  color: var(--muted, GrayText);
}

blockquote {
  margin-inline: 0;
  padding-inline-start: 1rem;
  border-inline-start: 3px solid var(--border, GrayText);
}

table {
  border-collapse: collapse;
  display: block;
  overflow-x: auto;
}

td,
th {
  border: 1px solid var(--border, GrayText);
  padding: 0.25rem 0.5rem;
}

pre {
  overflow-x: auto;
}

/* Formulas are drawn by the browser (MathML) in its mathematical fonts; one too wide scrolls. */
math {
  font-family: math;
}

math[display='block'] {
  overflow-x: auto;
  padding-block: 0.25rem;
}

body > :first-child {
  margin-block-start: 0;
}

/* Marks of the reader's tools, drawn with the CSS Custom Highlight API (article-text.ts): the
   sentence read aloud tinted, its word and the current match of a search in the accent colour,
   other matches as a highlighter would. Canvas is the scheme's own page colour, so the text on
   the accent reads in light, dark and sepia alike. */
::highlight(pamphlet-spoken-sentence) {
  background-color: color-mix(in srgb, var(--accent, Highlight) 22%, transparent);
}

::highlight(pamphlet-spoken-word),
::highlight(pamphlet-find-current) {
  background-color: var(--accent, Highlight);
  color: Canvas;
}

::highlight(pamphlet-find-match) {
  background-color: Mark;
  color: MarkText;
}
`;
