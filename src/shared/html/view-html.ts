import { Parser } from 'htmlparser2';
import { plainTextOf } from '../article.ts';
import { escapeHtml, escapeText } from '../html-escape.ts';
import { nestsDeeperThan } from './nesting-depth.ts';
import { ADDRESS_ATTR, ALLOWED_ATTR, ALLOWED_TAGS, ALLOWED_URI, FORBID_CONTENTS } from './article-allowlist.ts';
import { VOID_ELEMENTS } from './void-elements.ts';

/**
 * Article HTML as a bundle's readable part shows it: only what the app would show (the same
 * allowlist as DOMPurify's in the app), written from htmlparser2's tokens. The bundle is a file
 * the app writes, so what goes into it is what was sanitized, never what was received: a signed
 * article is stored as its publisher signed it (the signature must keep holding), and whatever
 * it holds beyond the allowlist (a script element posing as the payload, a meta refresh, a base)
 * stays in the payload, where it is data, and never reaches the markup around it.
 *
 * DOM-free so that the page and the publisher's command write byte-identical files (`pamphlet
 * verify` compares a bundle with what its payload would make). Safe by construction, like
 * defang-html.ts: every element and attribute in the output is one this function wrote, text is
 * escaped, attribute values are quoted and escaped, and every element it opens it closes.
 */

const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set(ALLOWED_TAGS);
const ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set(ALLOWED_ATTR);
/**
 * Elements whose contents go with them (DOMPurify's FORBID_CONTENTS, and what defang-html drops):
 * what is inside is script, styles, metadata, another document or media fallback, not the
 * article's text. Any other element outside the allowlist is unwrapped: its text stays.
 */
const DROPPED_WITH_CONTENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noembed',
  'noframes',
  'noscript',
  'xmp',
  'plaintext',
  'textarea',
  'select',
  'option',
  'portal',
  'fencedframe',
  'head',
  'title',
  'svg',
  'audio',
  'video',
  'button',
  ...FORBID_CONTENTS,
]);
const IMAGE_REFERENCE = /^sha256:([0-9a-f]{64})$/;

/**
 * `content` with only allowlisted elements and attributes. An image is kept when `imageSource`
 * gives an address for its `sha256:` reference (the bundle's `data:` URL); any other image is
 * left out, since the file may load nothing. Links get `rel="noreferrer"`.
 */
export function viewHtml(content: string, imageSource: (hash: string) => string | undefined): string {
  if (nestsDeeperThan(content)) return `<p>${escapeText(plainTextOf(content))}</p>`;
  const out: string[] = [];
  /** For each element open in the input: whether its tags are written (false: unwrapped). */
  const written: boolean[] = [];
  let dropping = 0;

  function attributesOf(name: string, attributes: Record<string, string>): string | undefined {
    let result = '';
    for (const [attribute, value] of Object.entries(attributes)) {
      if (!ALLOWED_ATTRIBUTES.has(attribute)) continue;
      if (name === 'img' && attribute === 'src') continue;
      if (ADDRESS_ATTR.has(attribute) && !ALLOWED_URI.test(value.trim())) continue;
      result += ` ${attribute}="${escapeHtml(value)}"`;
    }
    if (name === 'a' && 'href' in attributes && result.includes(' href="')) result += ' rel="noreferrer"';
    if (name !== 'img') return result;
    const hash = IMAGE_REFERENCE.exec(attributes.src?.trim() ?? '')?.[1];
    const source = hash ? imageSource(hash) : undefined;
    return source === undefined ? undefined : ` src="${escapeHtml(source)}"${result}`;
  }

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const isVoid = VOID_ELEMENTS.has(name);
        if (dropping > 0 || DROPPED_WITH_CONTENTS.has(name)) {
          if (!isVoid) dropping++;
          return;
        }
        const attributeText = ALLOWED_ELEMENTS.has(name) ? attributesOf(name, attributes) : undefined;
        if (attributeText !== undefined) out.push(`<${name}${attributeText}>`);
        if (!isVoid) written.push(attributeText !== undefined);
      },
      ontext(text) {
        if (dropping === 0) out.push(escapeText(text));
      },
      onclosetag(name) {
        if (VOID_ELEMENTS.has(name)) return;
        if (dropping > 0) {
          dropping--;
          return;
        }
        if (written.pop()) out.push(`</${name}>`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(content);
  parser.end();
  return out.join('');
}
