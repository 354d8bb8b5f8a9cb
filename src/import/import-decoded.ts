import { imageHashesOf, summaryTextOf, type Article } from '../shared/article.ts';
import type { DecodedBundle } from '../shared/bundle/bundle-format.ts';
import type { StoredImage } from '../shared/db-schema.ts';
import { verdictOf, type Verdict } from '../shared/verdict.ts';
import { countUnsafeParts } from '../library/sanitize-article.ts';
import { saveArticles, saveArticlesAsChecked, type Decisions } from '../browser/storage/articles.ts';
import { WriterTurns } from '../browser/storage/writer-turns.ts';
import { timePhase } from '../browser/phase-timing.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';
import { LISTED_AT_FIRST, type ArticleOutcome, type ImportOptions, type ImportReport } from './import-report.ts';

/**
 * The longest the checks, or the sanitizer's count, keep the page busy before letting it draw the
 * progress, take input and answer the import's transaction, which writes the articles accepted so
 * far at each answer. (10 ms wrote more of them during the checks, and ended the import no sooner.)
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
  onVerdict?: (at: number, verdict: Verdict) => void,
  /** The save writing the verdicts' articles as they come: a breather lasts until it has taken its turn. */
  turns?: WriterTurns,
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
      onVerdict?.(at, verdicts[at]);
      done++;
      if (done % SIGNATURES_AT_ONCE === 0 || done === articles.length) onChecked(done);
      if (!pause && performance.now() - busySince > BUSY_AT_MOST_MS) {
        pause = Promise.all([breather(), turns?.next()]).then(() => {
          pause = undefined;
          busySince = performance.now();
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SIGNATURES_AT_ONCE, articles.length) }, checkInTurn));
  return verdicts;
}

/**
 * Each article's verdict, in order; refused ones set aside. Unsafe parts are counted by
 * `countUnsafe`. `onVerdict` hears each verdict as soon as it is known, in any order.
 */
async function checkArticles(
  bundle: DecodedBundle,
  source: string,
  options: ImportOptions,
  withSummaries: boolean,
  onVerdict?: (at: number, verdict: Verdict) => void,
  turns?: WriterTurns,
): Promise<Checked> {
  const trusted = await trustedKeys();
  const { articles } = bundle;
  const verdicts = await verdictsOf(
    articles,
    trusted,
    (done) => options.onProgress?.({ source, done, total: articles.length }),
    options.signal,
    onVerdict,
    turns,
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

/** Blobs of the bundle's images: made before the transaction opens, as nothing but IndexedDB may be awaited inside it. */
function storedImages(bundle: DecodedBundle, used?: ReadonlySet<string>): StoredImage[] {
  return bundle.images
    .filter((image) => !used || used.has(image.hash))
    .map((image) => ({
      hash: image.hash,
      type: image.type,
      blob: new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.type }),
    }));
}

/** Stores the accepted articles with the images they use, in one transaction, then the publishers' details. */
async function storeChecked(
  bundle: DecodedBundle,
  { outcomes, accepted }: Checked,
  source: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const images = storedImages(bundle, new Set(accepted.flatMap((article) => imageHashesOf(article.content))));
  options.signal?.throwIfAborted();
  if (accepted.length > 0) options.onProgress?.({ source, done: accepted.length, total: accepted.length, storing: true });
  // saveArticles answers in the order it was given, which is the order of the accepted outcomes.
  const saved = accepted.length > 0 ? await saveArticles(accepted, images) : [];
  const storedOutcomes = outcomes.filter((outcome) => outcome.verdict.kind !== 'refused');
  storedOutcomes.forEach((outcome, index) => {
    const stored = saved[index];
    if (stored) outcome.stored = stored;
  });
  return withPublishers(bundle, outcomes, source);
}

/**
 * Stores the bundle's articles as their checks accept them (`saveArticlesAsChecked`: one
 * transaction, written while the page checks), then the publishers' details.
 */
async function storeAsChecked(
  bundle: DecodedBundle,
  decisions: Decisions,
  checking: Promise<Checked>,
  source: string,
  options: ImportOptions,
): Promise<ImportReport> {
  // All the bundle's images: the save writes those the accepted articles show.
  const saving = saveArticlesAsChecked(bundle.articles, decisions, storedImages(bundle));
  // Awaited below; a save that fails while the checks go on (a full disk) is not left unhandled.
  saving.catch(() => undefined);
  let checked: Checked;
  try {
    checked = await checking;
  } catch (error) {
    // The save is aborted with the checks: the import reports the checks' error once it is.
    await saving.catch(() => undefined);
    throw error;
  }
  const { outcomes, accepted } = checked;
  if (accepted.length > 0) options.onProgress?.({ source, done: accepted.length, total: accepted.length, storing: true });
  const saved = await saving;
  outcomes.forEach((outcome, at) => {
    const stored = saved[at];
    if (stored && outcome.verdict.kind !== 'refused') outcome.stored = stored;
  });
  return withPublishers(bundle, outcomes, source);
}

/** The report, once the articles are stored, with the publishers' details the bundle brings taken. */
async function withPublishers(bundle: DecodedBundle, outcomes: ArticleOutcome[], source: string): Promise<ImportReport> {
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
  // The checks start first, and the store with them: its one transaction writes each article once
  // it is accepted (and those before it are decided), so that the database writes on its own thread
  // while this one checks (WebCrypto checks signatures on the calling thread: Chromium's does).
  // Refused articles are never written. Cancel stops the checks, and a failed or cancelled check
  // aborts the transaction, with whatever it wrote: nothing is stored. Once the checks are done, the
  // import ends as it is written, and the report must say what it stored.
  const accepted = new Array<boolean | undefined>(bundle.articles.length);
  const turns = new WriterTurns();
  const checking = timePhase('signatures', () =>
    checkArticles(bundle, source, options, false, (at, verdict) => (accepted[at] = verdict.kind !== 'refused'), turns),
  );
  const decisions: Decisions = { accepted, settled: checking.then(() => undefined), turns };
  // Handled by the save (it aborts its transaction) and below.
  decisions.settled.catch(() => undefined);
  const storing = timePhase('store', () => storeAsChecked(bundle, decisions, checking, source, options));
  // Rejected, with the checks' error, once the transaction is aborted: "nothing was stored" is
  // true when the report says so.
  storing.catch(() => undefined);
  const checked = await checking.catch(async (error: unknown) => {
    await storing.catch(() => undefined);
    throw error;
  });
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
