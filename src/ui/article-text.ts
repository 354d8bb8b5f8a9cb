import { spanOf, type TextSpan } from '../library/text-ranges.ts';

/**
 * The article's text as the reader's tools see it: its text nodes, ranges over them, and marks
 * drawn with the CSS Custom Highlight API. Marks change no element of the article (the sanitized
 * DOM stays as it was) and need no style attribute, which the strict CSP would refuse.
 */

/** Elements whose text is a block read as one: the leaves among them are the article's paragraphs. */
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, dt, dd, th, td, caption';

/** The text nodes under `root`, in document order. */
export function textNodes(root: Node): Text[] {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** A DOM range for a span of `nodes` (see text-ranges.ts). */
export function rangeOf(nodes: readonly Text[], span: TextSpan): Range {
  const range = nodes[0]!.ownerDocument.createRange();
  range.setStart(nodes[span.start.piece]!, span.start.offset);
  range.setEnd(nodes[span.end.piece]!, span.end.offset);
  return range;
}

/** A DOM range for code units `start` to `end` of the text of `nodes` joined. */
export function rangeAt(nodes: readonly Text[], start: number, end: number): Range {
  return rangeOf(
    nodes,
    spanOf(
      nodes.map((node) => node.data.length),
      start,
      end,
    ),
  );
}

/** The paragraphs of the article's body, in reading order: block elements with text, none inside another. */
export function paragraphsOf(body: HTMLElement): HTMLElement[] {
  return [...body.querySelectorAll<HTMLElement>(BLOCKS)].filter(
    (block) => !block.querySelector(BLOCKS) && (block.textContent ?? '').trim() !== '',
  );
}

/**
 * Draws `ranges` as the named highlight of the frame's document (styled by `::highlight(name)` in
 * article-frame-styles.ts), replacing what it marked before; none removes it. The registry and
 * the Highlight are the frame's own: a document draws only the highlights of its own window.
 */
export function markRanges(doc: Document, name: string, ranges: readonly Range[]): void {
  const view = doc.defaultView;
  if (!view || !('highlights' in view.CSS)) return;
  if (ranges.length === 0) view.CSS.highlights.delete(name);
  else view.CSS.highlights.set(name, new view.Highlight(...ranges));
}

/**
 * Scrolls the page (the frame is as tall as its text, so the page is what scrolls) so that `range`
 * is in view, a third of the way down, unless it is already comfortably in view.
 */
export function scrollToRange(frame: HTMLIFrameElement, range: Range): void {
  const box = range.getBoundingClientRect();
  const top = frame.getBoundingClientRect().top + box.top;
  const bottom = top + box.height;
  // The app's header is sticky at the top, and the tools' bar may be fixed at the bottom.
  const margin = Math.min(120, innerHeight / 5);
  if (top >= margin && bottom <= innerHeight - margin) return;
  window.scrollTo({ top: window.scrollY + top - innerHeight / 3, behavior: 'instant' });
}
