import { msg, str } from '@lit/localize';
import { sanitizeForStorage } from '../library/sanitize-article.ts';
import { directionOf, plainTextOf, type Article } from '../shared/article.ts';
import type { FeedSource } from '../shared/db-schema.ts';
import { FeedError, readFeed } from '../shared/feeds/read-feed.ts';
import { englishNote, type Note } from '../shared/note.ts';
import type { SyncOptions, SyncReport } from '../shared/sync/sync-edition.ts';
import { MirrorProblem, readMirror } from '../shared/sync/read-mirror.ts';
import { formatNumber } from '../l10n/format.ts';
import { normalizeDraft } from '../shared/bundle/normalize-draft.ts';
import { parseArticle } from '../shared/bundle/parse-article.ts';
import { unsignedArticle } from '../shared/signing.ts';
import { saveArticles } from '../browser/storage/articles.ts';
import { getSource, putSource } from '../browser/storage/sources.ts';
import { decodeFeed } from '../shared/text/page-encoding.ts';

const TIMEOUT_MS = 15_000;
/** Far more than a feed of full articles needs; a server that sends more is cut off there. */
const MAX_FEED_BYTES = 16 * 1024 * 1024;

/**
 * The address the app asks for a feed: the feed itself when it allows cross-origin reads, or the
 * reader's proxy, whose template holds `{url}` where the feed's address goes.
 */
export function feedRequestUrl(feedUrl: string, proxyTemplate?: string): string {
  return proxyTemplate?.includes('{url}') ? proxyTemplate.replace('{url}', encodeURIComponent(feedUrl)) : feedUrl;
}

/** Fetches and reads a feed, with a reason for the reader when it cannot. */
export async function fetchFeed(feedUrl: string, proxyTemplate: string | undefined, signal?: AbortSignal) {
  const url = feedRequestUrl(feedUrl, proxyTemplate);
  let bytes: Uint8Array;
  try {
    // Redirects are followed here, unlike a mirror's: feeds move (to https, to a new host) and say
    // so with a redirect, with no signed list of addresses to learn the new one from. The host a
    // feed redirects to learns the reader's address, as the feed's own host does.
    bytes = await readMirror(url, { maxBytes: MAX_FEED_BYTES, timeoutMs: TIMEOUT_MS, redirects: 'follow', ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new FeedError(refusalText(feedUrl, error instanceof MirrorProblem ? error.note : { code: 'mirror-unreachable' }));
  }
  return readFeed(decodeFeed(bytes), feedUrl);
}

/** Why a feed could not be had, for the reader. */
function refusalText(feedUrl: string, note: Note): string {
  switch (note.code) {
    case 'mirror-timeout':
      return msg(str`${feedUrl}: it did not answer in time.`);
    case 'mirror-http': {
      const status = note.status;
      return msg(str`${feedUrl}: the server answered HTTP ${status}.`);
    }
    case 'mirror-too-large': {
      const megabytes = formatNumber(note.megabytes);
      return msg(str`${feedUrl}: it sent more than ${megabytes} MB, more than Pamphlet reads of a feed.`);
    }
    default:
      return msg(str`${feedUrl}: it could not be reached, or it does not allow other sites to read it (set a feed proxy in Settings).`);
  }
}

/**
 * Syncs a plain feed: each item with content becomes an unsigned article (nobody vouches for a
 * feed), sanitized like any page. Remote images stay remote: the reader sees a note, never a request.
 */
export async function syncFeedSource(
  source: FeedSource,
  proxyTemplate: string | undefined,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const report: SyncReport = {
    sourceId: source.id,
    sourceName: source.name,
    complete: false,
    added: 0,
    mirrors: [],
    mirrorStatus: {},
    messages: [],
    requests: 1,
    bytes: 0,
  };
  try {
    const feed = await fetchFeed(source.id, proxyTemplate, options.signal);
    const articles: Article[] = [];
    for (const item of feed.items) {
      if (!item.title || !item.html || plainTextOf(item.html).length === 0) continue;
      const lang = feed.lang ?? 'und';
      const draft = normalizeDraft(
        {
          guid: item.guid ?? item.link ?? `${source.id}#${item.title}`,
          revision: 1,
          title: item.title,
          ...(item.author ? { byline: item.author } : {}),
          publisher: { name: feed.title },
          ...(item.link && /^https?:/.test(item.link) ? { url: item.link } : {}),
          lang,
          dir: directionOf(lang),
          // The item's own date or none: the time of the sync is not when it was written.
          ...(item.published ? { published: item.published } : {}),
          content: sanitizeForStorage(item.html).html,
        },
        { title: feed.title || source.name, publisherName: source.name },
      );
      const article = await unsignedArticle(draft);
      // The codec's own check, as for any bundle: an article it would refuse must not be stored,
      // or every backup and share holding it would be refused whole. Such an item is left out, as
      // an item with no content is.
      try {
        articles.push(parseArticle(article, articles.length));
      } catch {
        // Left out.
      }
    }
    options.onProgress?.({
      source: source.name,
      articlesDone: articles.length,
      articlesTotal: articles.length,
      bytesDone: 0,
      bytesTotal: 0,
    });
    const outcomes = articles.length > 0 ? await saveArticles(articles) : [];
    report.added = outcomes.filter((outcome) => outcome.result !== 'kept').length;
    report.complete = true;
    const items: Note = { code: 'feed-items', count: feed.items.length };
    report.mirrorStatus[source.id] = { ok: true, outcome: 'answered', checkedAt: Date.now(), detail: englishNote(items), note: items };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const note: Note =
      error instanceof FeedError
        ? (error.note ?? { code: 'words', text: error.message })
        : { code: 'words', text: `${source.id}: ${(error as Error).message}` };
    report.error = note;
    // A feed is not signed: nothing it serves fails verification, it answers with a feed or it does not.
    report.mirrorStatus[source.id] = { ok: false, outcome: 'did-not-answer', checkedAt: Date.now(), detail: englishNote(note), note };
  }
  const current = ((await getSource(source.id)) as FeedSource | undefined) ?? source;
  await putSource({ ...current, mirrorStatus: report.mirrorStatus, ...(report.complete ? { lastSync: Date.now() } : {}) });
  return report;
}
