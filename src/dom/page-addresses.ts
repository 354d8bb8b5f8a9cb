/** A scheme before anything else: the address is absolute. */
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** `address` against `base`, or undefined when there is no base to resolve it against. */
function resolved(address: string, base: string | undefined): string | undefined {
  try {
    return base ? new URL(address, base).href : undefined;
  } catch {
    return undefined;
  }
}

/** The address the page's relative addresses are relative to: its `<base>`, resolved against where it came from. */
function baseOf(doc: Document, pageAddress: string | undefined): string | undefined {
  const declared = doc.querySelector('base[href]')?.getAttribute('href')?.trim();
  if (!declared) return pageAddress;
  return ABSOLUTE.test(declared) ? resolved(declared, declared) : (resolved(declared, pageAddress) ?? pageAddress);
}

/**
 * Makes a saved page's relative links and picture addresses absolute against the address it came
 * from, before Readability reads it. A page parsed from a file has the app's own address as its
 * document's, so Readability would otherwise resolve "/news/other" to an address in the app,
 * which leads nowhere (or, under the app's origin, somewhere it should not). A relative address
 * with nothing to resolve it against is dropped: the link keeps its words, a picture goes.
 * Links within the page (`#section`) stay as they are.
 */
export function resolvePageAddresses(doc: Document, pageAddress: string | undefined): void {
  const base = baseOf(doc, pageAddress);
  for (const link of doc.querySelectorAll('a[href], area[href]')) {
    const href = link.getAttribute('href')!.trim();
    if (href.startsWith('#') || ABSOLUTE.test(href)) continue;
    const absolute = resolved(href, base);
    if (absolute) link.setAttribute('href', absolute);
    else link.removeAttribute('href');
  }
  for (const element of doc.querySelectorAll('img[src], source[src], video[poster]')) {
    const attribute = element.hasAttribute('poster') ? 'poster' : 'src';
    const value = element.getAttribute(attribute)!.trim();
    if (ABSOLUTE.test(value)) continue;
    const absolute = resolved(value, base);
    if (absolute) element.setAttribute(attribute, absolute);
    else element.removeAttribute(attribute);
  }
  for (const element of doc.querySelectorAll('img[srcset], source[srcset]')) {
    const srcset = element.getAttribute('srcset')!;
    // A data: address holds commas of its own; it is absolute anyway.
    if (/\bdata:/i.test(srcset)) continue;
    const candidates = srcset
      .split(',')
      .map((candidate) => candidate.trim().split(/\s+/))
      .filter(([address]) => address)
      .map(([address, ...descriptor]) => {
        const absolute = ABSOLUTE.test(address!) ? address : resolved(address!, base);
        return absolute && [absolute, ...descriptor].join(' ');
      })
      .filter(Boolean);
    if (candidates.length > 0) element.setAttribute('srcset', candidates.join(', '));
    else element.removeAttribute('srcset');
  }
}
