/**
 * Whether an element is one a reader never sees, by Readability's rule (`_isProbablyVisible`): the
 * `hidden` attribute, `aria-hidden="true"` (unless it is a "fallback-image", as Wikipedia marks
 * the picture of a formula it shows in place of MathML), or an inline style of `display: none` or
 * `visibility: hidden`. Readability drops such elements with their contents; the first pass
 * (defang-html.ts) has to drop them itself, because it takes out the `style` attribute that says
 * so before Readability reads the page.
 * https://github.com/mozilla/readability/blob/0.6.0/Readability.js (`_isProbablyVisible`)
 */
export function isHiddenElement(attributes: Readonly<Record<string, string>>): boolean {
  if ('hidden' in attributes) return true;
  if (attributes['aria-hidden']?.trim() === 'true' && !/fallback-image/.test(attributes.class ?? '')) return true;
  const style = attributes.style ? inlineStyle(attributes.style) : undefined;
  return style?.get('display') === 'none' || style?.get('visibility') === 'hidden';
}

/**
 * The properties an inline style sets, as the cascade leaves them: the last declaration of each,
 * unless an earlier one is `!important`. Values lowercased, as CSS keywords compare.
 */
function inlineStyle(style: string): Map<string, string> {
  const values = new Map<string, { value: string; important: boolean }>();
  for (const declaration of style.replace(/\/\*[\s\S]*?\*\//g, '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const raw = declaration
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    const important = /!\s*important$/.test(raw);
    const value = raw.replace(/!\s*important$/, '').trim();
    if (!important && values.get(property)?.important) continue;
    values.set(property, { value, important });
  }
  return new Map([...values].map(([property, { value }]) => [property, value]));
}
