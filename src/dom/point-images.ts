/**
 * Points each image of a saved page at the file the page was saved with for it (an MHTML part, a
 * file of its "Webpage, complete" folder), found the way the browser that saved it found it: the
 * address resolved against the page's own (its base), percent-encoding and all. The browser saved
 * the picture it showed, which for an image with a srcset may be any of its candidates, and for a
 * lazy-loading page the one in data-src: each is tried, src first.
 *
 * An image whose file is there gets that file's address as its src and loses the rest; an image
 * on the web keeps its address, made absolute (the reader shows where it is, never fetches it);
 * any other image (a relative address nothing was saved for) is taken out.
 */

const CANDIDATE_ATTRIBUTES = ['src', 'data-src', 'data-original'] as const;
const SOURCE_ATTRIBUTES = ['srcset', 'sizes', 'data-src', 'data-srcset', 'data-original', 'loading'] as const;

/** The addresses of a srcset ("a.jpg 1x, b.jpg 2x"): its words that are not descriptors, without the commas between. */
function srcsetAddresses(srcset: string | null): string[] {
  return (srcset ?? '')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '' && !/^\d+(\.\d+)?[wxh],?$/.test(word))
    .map((word) => word.replace(/,$/, ''))
    .filter((address) => address !== '' && !address.startsWith('data:'));
}

function absolute(address: string, base: string): string | undefined {
  try {
    const url = new URL(address.trim(), base);
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * `saved(address)` says whether the page was saved with a file at that absolute address. An image
 * inline in the page (data:) stays as it is, unless it is a placeholder for one that was saved.
 */
export function pointImagesAtSavedFiles(doc: Document, base: string, saved: (address: string) => boolean): void {
  for (const img of [...doc.querySelectorAll('img')]) {
    const src = img.getAttribute('src')?.trim() ?? '';
    const picture = img.parentElement?.localName === 'picture' ? [...img.parentElement.querySelectorAll('source')] : [];
    const candidates = [
      ...CANDIDATE_ATTRIBUTES.map((name) => img.getAttribute(name) ?? ''),
      ...srcsetAddresses(img.getAttribute('srcset')),
      ...srcsetAddresses(img.getAttribute('data-srcset')),
      ...picture.flatMap((source) => srcsetAddresses(source.getAttribute('srcset'))),
    ].filter((address) => address.trim() !== '' && !address.trim().startsWith('data:'));
    const found = candidates.map((address) => absolute(address, base)).find((address) => address !== undefined && saved(address));
    // A lazy-loading page's placeholder gives way to the picture saved for it; any other inline picture stays.
    if (!found && src.startsWith('data:')) continue;
    const onWeb = [absolute(src, base)].find((address) => address !== undefined && /^https?:/.test(address));
    const address = found ?? onWeb;
    if (!address) {
      img.remove();
      continue;
    }
    img.setAttribute('src', address);
    for (const name of SOURCE_ATTRIBUTES) img.removeAttribute(name);
    picture.forEach((source) => source.remove());
  }
}
