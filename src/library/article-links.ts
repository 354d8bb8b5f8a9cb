import { allSummaries, getArticles } from '../browser/storage/articles.ts';
import { onLibraryChanged } from '../browser/library-changes.ts';
import { onLockStatus } from '../lock/lock-status.ts';
import { linkKey, webAddressesOf } from '../shared/article-link.ts';

/** A stored article a link points at, and where in it. */
export interface LinkedArticle {
  id: string;
  title: string;
  fragment: string;
}

interface Entry {
  id: string;
  title: string;
}

/**
 * Every stored article by the keys of its web addresses, made once from the summaries (which the
 * library keeps opened anyway) and kept in memory until the library changes: a click asks a Map,
 * not the whole library. Nothing of it is stored, so no index on the database says, in clear,
 * which addresses a locked library holds; and it is dropped when the library locks.
 */
let byKey: Promise<Map<string, Entry>> | undefined;
/**
 * The addresses of articles whose summaries predate `urls`, read from their bodies once: such a
 * summary is never rewritten but with a new revision (whose summary has `urls`), so what its body
 * says stays true, and a rebuild after each import does not read every older body again.
 */
const olderAddresses = new Map<string, readonly string[]>();
onLibraryChanged(() => (byKey = undefined));
onLockStatus(() => {
  byKey = undefined;
  olderAddresses.clear();
});

async function buildIndex(): Promise<Map<string, Entry>> {
  const index = new Map<string, Entry>();
  const add = (entry: Entry, addresses: readonly string[]) => {
    for (const address of addresses) {
      const key = linkKey(address)?.key;
      // Newest first: of two articles at one address, the newer is the one a link means.
      if (key !== undefined && !index.has(key)) index.set(key, entry);
    }
  };
  const summaries = await allSummaries();
  // Summaries stored before they kept addresses, not read yet: their articles say, read in one transaction.
  const unread = summaries.filter((summary) => summary.urls === undefined && !olderAddresses.has(summary.id));
  const articles = unread.length > 0 ? await getArticles(unread.map((summary) => summary.id)) : [];
  unread.forEach((summary, at) => olderAddresses.set(summary.id, articles[at] ? webAddressesOf(articles[at]) : []));
  for (const summary of summaries) add({ id: summary.id, title: summary.title }, summary.urls ?? olderAddresses.get(summary.id) ?? []);
  return index;
}

function articleIndex(): Promise<Map<string, Entry>> {
  byKey ??= buildIndex().catch((error: unknown) => {
    byKey = undefined;
    throw error;
  });
  return byKey;
}

/** The stored articles these addresses point at, by address; those not stored are left out. */
export async function linkedArticles(addresses: readonly string[]): Promise<Map<string, LinkedArticle>> {
  const keyed = addresses.flatMap((address) => {
    const key = linkKey(address);
    return key ? [{ address, ...key }] : [];
  });
  const found = new Map<string, LinkedArticle>();
  if (keyed.length === 0) return found;
  const index = await articleIndex();
  for (const { address, key, fragment } of keyed) {
    const entry = index.get(key);
    if (entry) found.set(address, { ...entry, fragment });
  }
  return found;
}
