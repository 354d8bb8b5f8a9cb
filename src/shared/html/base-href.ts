import { Parser } from 'htmlparser2';

/**
 * The address in a page's first `<base href>`, which its relative addresses resolve against, as
 * written. Read before the page is defanged, which takes `<base>` out (defang-html.ts); read as
 * HTML tokens, so that a "<base" in a script or a comment is not taken for one.
 */
export function baseHref(html: string): string | undefined {
  let href: string | undefined;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (href === undefined && name === 'base' && attributes.href !== undefined) href = attributes.href.trim();
    },
  });
  parser.write(html);
  parser.end();
  return href || undefined;
}
