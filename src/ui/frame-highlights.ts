import type { Highlight } from '../shared/db-schema.ts';
import { findQuote, quoteOf, type TextQuote } from '../shared/text/text-quote.ts';
import { bodyText, offsetsOf, rangeOf } from './frame-text.ts';

const MARKED = 'pamphlet-highlight';
const CURRENT = 'pamphlet-highlight-current';

/**
 * The reader's highlights drawn over the article's frame with the CSS Custom Highlight API: the
 * ranges are painted, the article's DOM (the sanitizer's output) is left as it is, and nothing
 * here needs a Trusted Type. Underlined as well as coloured, so that colour is not the only sign.
 */
const FRAME_HIGHLIGHT_CSS = `
::highlight(${MARKED}) {
  background-color: light-dark(#fff0a8, #5c4b00);
  color: inherit;
  text-decoration: underline 2px light-dark(#a07800, #ffd84d);
}
::highlight(${CURRENT}) {
  background-color: light-dark(#ffd24d, #8a6d00);
  text-decoration: underline 3px light-dark(#6b5000, #ffe680);
}
`;

type FrameWindow = Window & typeof globalThis;

/** Frames whose document has the highlights' stylesheet already (one per article shown). */
const styled = new WeakSet<Document>();

/** The article body's frame, as the highlights see it: its text, its selection, its painted ranges. */
export class FrameHighlights {
  private _ranges = new Map<string, Range>();
  private _text = '';

  constructor(private readonly frame: HTMLIFrameElement) {
    const doc = this.document;
    const view = doc?.defaultView as FrameWindow | null;
    if (doc && view && !styled.has(doc)) {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(FRAME_HIGHLIGHT_CSS);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      styled.add(doc);
    }
    this._text = doc?.body ? bodyText(doc.body) : '';
  }

  get document(): Document | undefined {
    return this.frame.contentDocument ?? undefined;
  }

  /** Whether this browser can paint highlights (the list works either way). */
  get canPaint(): boolean {
    const view = this.document?.defaultView as FrameWindow | null;
    return Boolean(view?.CSS && 'highlights' in view.CSS && 'Highlight' in view);
  }

  /** The quote the reader has selected in the article, if any. */
  selectedQuote(): TextQuote | undefined {
    const doc = this.document;
    const selection = doc?.getSelection();
    if (!doc?.body || !selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
    const offsets = offsetsOf(doc.body, selection.getRangeAt(0));
    return offsets && quoteOf(this._text, offsets.start, offsets.end);
  }

  clearSelection(): void {
    this.document?.getSelection()?.removeAllRanges();
  }

  /** Finds each highlight in the text as it is now and paints those found; the ids of those not found. */
  draw(highlights: readonly Highlight[]): Set<string> {
    const body = this.document?.body;
    this._ranges.clear();
    const missing = new Set<string>();
    for (const highlight of highlights) {
      const at = findQuote(this._text, highlight);
      const range = at && body ? rangeOf(body, at.start, at.end) : undefined;
      if (range) this._ranges.set(highlight.id, range);
      else missing.add(highlight.id);
    }
    this._paint(MARKED, [...this._ranges.values()]);
    this._paint(CURRENT, []);
    return missing;
  }

  /** Scrolls the page to a highlight and marks it as the current one; false when it is not in the text. */
  show(id: string): boolean {
    const range = this._ranges.get(id);
    if (!range) return false;
    this._paint(CURRENT, [range]);
    const top = this.frame.getBoundingClientRect().top + range.getBoundingClientRect().top;
    window.scrollTo({ top: Math.max(0, window.scrollY + top - window.innerHeight / 3) });
    return true;
  }

  private _paint(name: string, ranges: Range[]): void {
    const view = this.document?.defaultView as FrameWindow | null;
    if (!view || !this.canPaint) return;
    if (ranges.length === 0) view.CSS.highlights.delete(name);
    else {
      const highlight = new view.Highlight(...ranges);
      // The current one is painted over the others.
      highlight.priority = name === CURRENT ? 1 : 0;
      view.CSS.highlights.set(name, highlight);
    }
  }
}
