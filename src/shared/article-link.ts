/**
 * Which stored article a link in another article's body points at: the link's address and an
 * article's own (its `url`, its `guid` when that is a web address) are both reduced to a key, and
 * equal keys are the same article. DOM-free: the page uses it, and the unit tests run it in Node.
 */

/** Query parameters that say who sent a reader, not what the page is. */
const TRACKING = /^(utm_.+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ref_src|ref_url)$/i;

export interface LinkKey {
  /** The address without scheme, `www.`, trailing slash, fragment or tracking parameters. */
  key: string;
  /** The part after `#`, without it: where in the article the link points, '' for its top. */
  fragment: string;
}

/**
 * The key of a web address, or undefined for anything but http(s). http and https are one (a
 * publisher that moved to https keeps its old links), `www.` is dropped, the path keeps its case
 * (servers tell paths apart by it) but loses a trailing slash, percent escapes are written in
 * capitals, and the remaining query parameters are put in order.
 */
export function linkKey(address: string): LinkKey | undefined {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // URL has already lower-cased the host, turned it into punycode and dropped a default port.
  const host = url.hostname.replace(/^www\./, '') + (url.port ? `:${url.port}` : '');
  const path = capitalEscapes(url.pathname).replace(/\/+$/, '');
  const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return { key: `${host}${path}${query}`, fragment: decodeFragment(url.hash.slice(1)) };
}

function capitalEscapes(text: string): string {
  return text.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** The web addresses an article is known by, for the keys of links to it. */
export function webAddressesOf(article: { url?: string; guid: string }): string[] {
  const addresses = [article.url, article.guid].filter((address): address is string => !!address && linkKey(address) !== undefined);
  return [...new Set(addresses)];
}
