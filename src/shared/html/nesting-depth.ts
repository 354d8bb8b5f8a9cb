import { VOID_ELEMENTS } from './void-elements.ts';

/**
 * How deeply elements nest in an HTML text, measured in one linear pass. htmlparser2 keeps its
 * open elements in an array it shifts and searches at every tag, so its time grows with the square
 * of the depth: a link of 4 KB that inflates to a megabyte of `<b>` took minutes to parse. Article
 * HTML deeper than `MAX_NESTING` is not parsed as markup at all (it is refused on the way in and,
 * where it was stored before, shown as plain text); browsers themselves stop nesting at 512.
 */
export const MAX_NESTING = 256;

/** A parser also reads the obsolete <keygen> as void. */
const VOID: ReadonlySet<string> = new Set([...VOID_ELEMENTS, 'keygen']);
/** Elements whose contents a parser reads as text to their end tag: tags inside do not nest. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'plaintext', 'noembed', 'noframes', 'iframe']);
const NAME = /^<(\/?)([a-zA-Z][^\s/>]*)/;
/**
 * Inside `<svg>` or `<math>` a tag that ends in `/>` closes itself, as in browsers and htmlparser2
 * (pages draw their icons with hundreds of `<path/>`); inside these elements of theirs, which hold
 * HTML again, it does not, as in htmlparser2.
 */
const FOREIGN = new Set(['svg', 'math']);
const HTML_INSIDE_FOREIGN = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/** Whether `html` nests elements deeper than `limit` (or holds more stray end tags than that). */
export function nestsDeeperThan(html: string, limit = MAX_NESTING): boolean {
  let depth = 0;
  let stray = 0;
  let at = 0;
  /** For each open `svg`, `math` or HTML place inside them: its depth, and whether `/>` closes there. */
  const contexts: Array<{ depth: number; foreign: boolean }> = [];
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) break;
    const close = html.indexOf('>', open);
    if (close < 0) break;
    const tag = NAME.exec(html.slice(open, Math.min(close + 1, open + 64)));
    at = close + 1;
    if (!tag) continue;
    const name = tag[2]!.toLowerCase();
    if (tag[1]) {
      if (depth > 0) depth--;
      else if (++stray > limit) return true;
      while (contexts.length > 0 && contexts[contexts.length - 1]!.depth > depth) contexts.pop();
      continue;
    }
    if (VOID.has(name)) continue;
    const selfClosing = html[close - 1] === '/';
    const foreign = FOREIGN.has(name) || (!HTML_INSIDE_FOREIGN.has(name) && contexts[contexts.length - 1]?.foreign === true);
    if (selfClosing && foreign) continue;
    if (RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}`, 'gi');
      end.lastIndex = at;
      if (!end.exec(html)) break;
      at = end.lastIndex;
      continue;
    }
    if (++depth > limit) return true;
    if (FOREIGN.has(name)) contexts.push({ depth, foreign: true });
    else if (HTML_INSIDE_FOREIGN.has(name) && contexts.length > 0) contexts.push({ depth, foreign: false });
  }
  return false;
}
