import { imageHashesOf, summaryTextOf, type Article } from '../shared/article.ts';
import type { DecodedBundle } from '../shared/bundle/bundle-format.ts';
import type { StoredImage } from '../shared/db-schema.ts';
import { verdictOf, type Verdict } from '../shared/verdict.ts';
import { countUnsafeParts } from '../library/sanitize-article.ts';
import { saveArticles } from '../browser/storage/articles.ts';
import { timePhase } from '../browser/phase-timing.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';
import { LISTED_AT_FIRST, type ArticleOutcome, type ImportOptions, type ImportReport } from './import-report.ts';

/**
 * The longest the checks, or the sanitizer's count, keep the page busy before letting it draw the
 * progress and take input (and, while the sanitizer counts, answer the import's transaction, which
 * runs meanwhile).
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
 * Signatures in flight at once. WebCrypto checks them off the page's thread, so many in flight keep
 * it busy where one at a time left it waiting for each answer; each one done lets the next start
 * (in batches, the last of each held up the rest); a bounded number, so that Cancel and the
 * progress are seen between them.
 */
const SIGNATURES_AT_ONCE = 64;

/** Each article's verdict, in order, `SIGNATURES_AT_ONCE` in flight. */
async function verdictsOf(
  articles: readonly Article[],
  trusted: Awaited<ReturnType<typeof trustedKeys>>,
  onChecked: (done: number) => void,
  signal?: AbortSignal,
): Promise<Verdict[]> {
  const verdicts: Verdict[] = new Array<Verdict>(articles.length);
  let next = 0;
  let done = 0;
  let busySince = performance.now();
  // A breather all of them wait for: one that paused alone would leave the others keeping the
  // page's thread as busy as before.
  let pause: Promise<void> | undefined;
  const checkInTurn = async () => {
    while (next < articles.length) {
      if (pause) await pause;
      signal?.throwIfAborted();
      if (next >= articles.length) return;
      const at = next++;
      verdicts[at] = await verdictOf(articles[at]!, trusted);
      done++;
      if (done % SIGNATURES_AT_ONCE === 0 || done === articles.length) onChecked(done);
      if (!pause && performance.now() - busySince > BUSY_AT_MOST_MS) {
        pause = breather().then(() => {
          pause = undefined;
          busySince = performance.now();
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SIGNATURES_AT_ONCE, articles.length) }, checkInTurn));
  return verdicts;
}

/** Each article's verdict, in order; refused ones set aside. Unsafe parts are counted by `countUnsafe`. */
async function checkArticles(bundle: DecodedBundle, source: string, options: ImportOptions, withSummaries: boolean): Promise<Checked> {
  const trusted = await trustedKeys();
  const { articles } = bundle;
  const verdicts = await verdictsOf(
    articles,
    trusted,
    (done) => options.onProgress?.({ source, done, total: articles.length }),
    options.signal,
  );
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
 * or stored depends on it.
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

/** The counts of `countUnsafe` put in the outcomes of the articles not refused, from `from` on. */
function withCounts({ outcomes }: Checked, counts: readonly number[], from = 0): void {
  counts.forEach((count, at) => {
    const outcome = outcomes[from + at];
    if (outcome && outcome.verdict.kind !== 'refused') outcome.unsafeParts = count;
  });
}

/**
 * Counts the rest of the articles (past those a report lists at first) when first asked, once:
 * the import does not wait for them (see `ImportReport.countRest`).
 */
function countingRest(
  bundle: DecodedBundle,
  checked: Checked,
  removedBefore: ReadonlyMap<string, number>,
): (() => Promise<void>) | undefined {
  const rest = bundle.articles.slice(LISTED_AT_FIRST);
  if (rest.length === 0) return undefined;
  let counting: Promise<void> | undefined;
  return () =>
    (counting ??= timePhase('sanitizer after', () => countUnsafe(rest, removedBefore)).then((counts) =>
      withCounts(checked, counts, LISTED_AT_FIRST),
    ));
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
  // The checks first: WebCrypto checks signatures on this thread (Chromium's does), so anything
  // else done meanwhile waits for them or makes them wait. Cancel stops them (nothing is stored);
  // once the transaction is under way, the import ends as it is written, and the report must say
  // what it stored.
  const checked = await timePhase('signatures', () => checkArticles(bundle, source, options, false));
  const storing = timePhase('store', () => storeChecked(bundle, checked, source, options));
  // The sanitizer counts what it would take out of the articles the report lists at first (the
  // rest after it is shown) while the transaction is written: once its writes are made, this thread
  // only waits for them to reach the disk (bench/profile-import.ts shows both).
  const stopCount = new AbortController();
  const listed = bundle.articles.slice(0, LISTED_AT_FIRST);
  const counting = timePhase('sanitizer', () => countUnsafe(listed, removedBefore, stopCount.signal));
  // Awaited below, or left behind (and stopped) when the store ends the import first.
  counting.catch(() => undefined);
  let report: ImportReport;
  let counts: number[];
  try {
    [report, counts] = await Promise.all([storing, counting]);
  } catch (error) {
    stopCount.abort(error);
    throw error;
  }
  withCounts(checked, counts);
  const countRest = countingRest(bundle, checked, removedBefore);
  return countRest ? { ...report, countRest } : report;
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
