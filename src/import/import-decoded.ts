import { imageHashesOf, summaryTextOf, type Article } from '../shared/article.ts';
import type { DecodedBundle } from '../shared/bundle/bundle-format.ts';
import type { StoredImage } from '../shared/db-schema.ts';
import { verdictOf, type Verdict } from '../shared/verdict.ts';
import { countUnsafeParts } from '../library/sanitize-article.ts';
import { saveArticles } from '../browser/storage/articles.ts';
import { timePhase } from '../browser/phase-timing.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';
import type { ArticleOutcome, ImportOptions, ImportReport } from './import-report.ts';

/**
 * The longest the checks keep the page busy before letting it draw the progress and take input
 * (and, while the sanitizer counts, go on with the import's transaction, which runs meanwhile).
 */
const BUSY_AT_MOST_MS = 50;

/**
 * Lets the page draw and answer between checks: without it, checking a big bundle could hold the
 * page for long stretches, with the progress bar standing still and Cancel out of reach. A message
 * to itself, an ordinary task: not a timer, which a tab in the background waits a second or more
 * for, and not `scheduler.yield`, whose continuation goes before the page's other tasks.
 */
function breather(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

interface Checked {
  outcomes: ArticleOutcome[];
  accepted: Article[];
}

/**
 * Signatures checked at once. WebCrypto checks them off the page's thread, so many in flight keep
 * it busy where one at a time left it waiting for each answer; a bounded number, so that Cancel and
 * the progress are seen between them.
 */
const SIGNATURES_AT_ONCE = 64;

/** Each article's verdict, in order; refused ones set aside. Unsafe parts are counted by `countUnsafe`. */
async function checkArticles(bundle: DecodedBundle, source: string, options: ImportOptions, withSummaries: boolean): Promise<Checked> {
  const trusted = await trustedKeys();
  const { articles } = bundle;
  const verdicts: Verdict[] = [];
  let busySince = performance.now();
  for (let at = 0; at < articles.length; at += SIGNATURES_AT_ONCE) {
    options.signal?.throwIfAborted();
    const batch = articles.slice(at, at + SIGNATURES_AT_ONCE);
    verdicts.push(...(await Promise.all(batch.map((article) => verdictOf(article, trusted)))));
    options.onProgress?.({ source, done: verdicts.length, total: articles.length });
    if (performance.now() - busySince > BUSY_AT_MOST_MS) {
      await breather();
      busySince = performance.now();
    }
  }
  const outcomes: ArticleOutcome[] = [];
  const accepted: Article[] = [];
  articles.forEach((article, at) => {
    const verdict = verdicts[at]!;
    const summary = withSummaries && verdict.kind !== 'refused' ? { summary: summaryTextOf(article, 200) } : {};
    outcomes.push({
      title: article.title,
      lang: article.lang,
      dir: article.dir,
      verdict,
      claimedPublisher: article.publisher.name,
      unsafeParts: 0,
      ...summary,
    });
    if (verdict.kind !== 'refused') accepted.push(article);
  });
  return { outcomes, accepted };
}

/**
 * Counts, for each article, what the sanitizer will take out. A signed article is stored as signed
 * (its signature must survive being passed on), so the sanitizer is not applied to what is stored;
 * it is run here to tell the reader what it will take out, and again, for real, every time the
 * article is shown. It is the longest part of an import, on the page's thread, and nothing checked
 * or stored depends on it: an import runs it while WebCrypto checks the signatures on its own
 * threads and while the transaction is written.
 */
async function countUnsafe(
  articles: readonly Article[],
  removedBefore: ReadonlyMap<string, number>,
  signal?: AbortSignal,
): Promise<number[]> {
  const counts: number[] = [];
  let busySince = performance.now();
  for (const article of articles) {
    signal?.throwIfAborted();
    counts.push(removedBefore.get(article.id) ?? countUnsafeParts(article.content));
    if (performance.now() - busySince > BUSY_AT_MOST_MS) {
      await breather();
      busySince = performance.now();
    }
  }
  return counts;
}

/** The counts of `countUnsafe` put in the outcomes of the articles not refused. */
function withCounts({ outcomes }: Checked, counts: readonly number[]): void {
  outcomes.forEach((outcome, at) => {
    if (outcome.verdict.kind !== 'refused') outcome.unsafeParts = counts[at] ?? 0;
  });
}

/** Stores the accepted articles with the images they use, in one transaction, then the publishers' details. */
async function storeChecked(
  bundle: DecodedBundle,
  { outcomes, accepted }: Checked,
  source: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const used = new Set(accepted.flatMap((article) => imageHashesOf(article.content)));
  // Blobs are made before the transaction opens: nothing but IndexedDB may be awaited inside it.
  const images: StoredImage[] = bundle.images
    .filter((image) => used.has(image.hash))
    .map((image) => ({
      hash: image.hash,
      type: image.type,
      blob: new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.type }),
    }));
  options.signal?.throwIfAborted();
  if (accepted.length > 0) options.onProgress?.({ source, done: accepted.length, total: accepted.length, storing: true });
  // saveArticles answers in the order it was given, which is the order of the accepted outcomes.
  const saved = accepted.length > 0 ? await saveArticles(accepted, images) : [];
  const storedOutcomes = outcomes.filter((outcome) => outcome.verdict.kind !== 'refused');
  storedOutcomes.forEach((outcome, index) => {
    const stored = saved[index];
    if (stored) outcome.stored = stored;
  });
  if (bundle.publishers.length === 0) return { source, outcomes };
  const signers = new Set(outcomes.flatMap((outcome) => ('key' in outcome.verdict ? [outcome.verdict.key] : [])));
  const { takePublishers, publishersNotTaken } = await import('../publishers/take-publishers.ts');
  // The articles are stored by now: trouble with the descriptors must not report them lost.
  const publishers = await takePublishers(bundle.publishers, signers).catch((error: unknown) =>
    publishersNotTaken(bundle.publishers, error),
  );
  return { source, outcomes, publishers };
}

/**
 * Checks each article's signature and stores those that pass, with the images they use, in one
 * transaction. Refused articles are reported with their reason and never stored.
 */
export async function importDecoded(
  bundle: DecodedBundle,
  source: string,
  options: ImportOptions = {},
  /** For content already sanitized on the way in (a saved page): what that took out, by article id. */
  removedBefore: ReadonlyMap<string, number> = new Map(),
): Promise<ImportReport> {
  // Cancel stops the count only while nothing is being stored: once the transaction is under way,
  // the import ends as it is written, and the report must say what it stored.
  const whileChecking = new AbortController();
  const cancel = () => whileChecking.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', cancel);
  if (options.signal?.aborted) cancel();
  const counting = timePhase('sanitizer', () => countUnsafe(bundle.articles, removedBefore, whileChecking.signal));
  // Awaited below, or left behind (and stopped) when the checks end the import first.
  counting.catch(() => undefined);
  let checked: Checked;
  try {
    checked = await timePhase('signatures', () => checkArticles(bundle, source, options, false));
  } catch (error) {
    whileChecking.abort(error);
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
  const [report, counts] = await Promise.all([timePhase('store', () => storeChecked(bundle, checked, source, options)), counting]);
  withCounts(checked, counts);
  return report;
}

/**
 * Checks the articles as `importDecoded` does and stores nothing: the report holds them until the
 * reader adds them. A link or a QR code is opened, not chosen like a file; what it carries, and the
 * publisher details with it, reach the library only when the reader says so.
 */
export async function holdDecoded(bundle: DecodedBundle, source: string, options: ImportOptions = {}): Promise<ImportReport> {
  const checked = await checkArticles(bundle, source, options, true);
  withCounts(checked, await countUnsafe(bundle.articles, new Map(), options.signal));
  if (checked.accepted.length === 0) return { source, outcomes: checked.outcomes };
  return { source, outcomes: checked.outcomes, held: { add: (addOptions) => storeChecked(bundle, checked, source, addOptions) } };
}
