/**
 * The article body's text as one string, and the way between offsets in it and ranges of its
 * document: every text node under the body, in document order, as Range.toString() counts them.
 * This is the text a highlight's quote and offset refer to (shared/text/text-quote.ts).
 */

function textNodes(body: HTMLElement): Text[] {
  const doc = body.ownerDocument;
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

export function bodyText(body: HTMLElement): string {
  return textNodes(body)
    .map((node) => node.data)
    .join('');
}

/** Where a range's ends are in the body's text, or undefined when it is not all within the body. */
export function offsetsOf(body: HTMLElement, range: Range): { start: number; end: number } | undefined {
  if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return undefined;
  const before = body.ownerDocument.createRange();
  before.setStart(body, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  return { start, end: start + range.toString().length };
}

/** The range of the body's text from `start` to `end`. */
export function rangeOf(body: HTMLElement, start: number, end: number): Range | undefined {
  const range = body.ownerDocument.createRange();
  let seen = 0;
  let started = false;
  for (const node of textNodes(body)) {
    const next = seen + node.data.length;
    if (!started && start < next) {
      range.setStart(node, start - seen);
      started = true;
    }
    if (started && end <= next) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen = next;
  }
  return undefined;
}
