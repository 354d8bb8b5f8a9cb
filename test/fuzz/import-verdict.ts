import { imageHashesOf, type Article } from '../../src/shared/article.ts';
import type { SourceDescriptor } from '../../src/shared/edition/edition-format.ts';
import { sha256Hex } from '../../src/shared/sha256.ts';
import { verdictOf } from '../../src/shared/verdict.ts';
import type { ImportReport } from '../../src/import/import-report.ts';
import { PUBLISHERS_SETTING } from '../../src/browser/storage/publishers.ts';
import { libraryChanges, type LibraryChange, type LibrarySnapshot } from './library-snapshot.ts';

/**
 * How one input ended: articles added, a source offered to follow, or refused with a reason; or,
 * for QR frames, too few good ones to rebuild anything (the scanner keeps waiting: nothing to refuse).
 */
export type ImportOutcome = 'imported' | 'offered' | 'refused' | 'waiting';

/** What the fuzzer sent, for judging: the articles and descriptor it signed, which nothing may alter. */
export interface Originals {
  articles: Article[];
  descriptor: SourceDescriptor;
}

/** A reason a reader can act on: words, not a stack, not "undefined" or "[object Object]". */
export function isClearMessage(text: unknown): boolean {
  return typeof text === 'string' && text.trim().length >= 10 && !/\bundefined\b|\[object |\bNaN\b|\n\s+at /.test(text);
}

function sameAsSigned(value: unknown, originals: readonly unknown[]): boolean {
  return originals.some((original) => JSON.stringify(original) === JSON.stringify(value));
}

/** Why an import's change to the library is not the addition of a valid article (or its parts), if it is not. */
async function wrongChange(change: LibraryChange, after: LibrarySnapshot, originals: Originals): Promise<string | undefined> {
  const where = `${change.store} ${change.key.slice(0, 80)}`;
  if (change.store === 'settings' && change.key === JSON.stringify(PUBLISHERS_SETTING)) {
    const kept = Object.values(JSON.parse(change.after ?? '{}') as Record<string, { descriptor: unknown }>);
    return kept.every((entry) => sameAsSigned(entry.descriptor, [originals.descriptor]))
      ? undefined
      : `a publisher's descriptor not as signed was kept`;
  }
  if (change.before !== undefined || change.after === undefined) return `${where} was changed or removed`;
  const value = JSON.parse(change.after) as unknown;
  if (change.store === 'articles') {
    const article = value as Article;
    const verdict = await verdictOf(article, new Map());
    if (verdict.kind === 'refused') return `an article was stored that its check refuses: ${verdict.reason}`;
    if (verdict.kind !== 'unsigned' && !sameAsSigned(article, originals.articles))
      return `a changed signed article was stored: ${article.title}`;
    return undefined;
  }
  if (change.store === 'summaries') return after.get('articles')?.has(change.key) ? undefined : `${where}: a summary without its article`;
  if (change.store === 'images') {
    const image = value as { hash: string; blob: { bytes: string } };
    if ((await sha256Hex(Buffer.from(image.blob.bytes, 'base64'))) !== image.hash) return `${where}: an image stored under another hash`;
    const shown = [...(after.get('articles')?.values() ?? [])].some((text) =>
      imageHashesOf((JSON.parse(text) as Article).content).includes(image.hash),
    );
    return shown ? undefined : `${where}: an image no article shows`;
  }
  return `${where} was added by an import`;
}

/**
 * Judges one input's import: a refusal carries a clear message and leaves every store exactly as
 * it was; an import only adds valid articles (with their summaries and images) and the publisher's
 * descriptor as signed. Throws, with what went wrong, otherwise.
 */
export async function judgedImport(
  report: ImportReport,
  before: LibrarySnapshot,
  after: LibrarySnapshot,
  originals: Originals,
): Promise<ImportOutcome> {
  const changes = libraryChanges(before, after);
  const added = report.outcomes.some((outcome) => outcome.stored?.result === 'added');
  if (report.error !== undefined && !isClearMessage(report.error)) throw new Error(`an unclear refusal: ${JSON.stringify(report.error)}`);
  for (const outcome of report.outcomes) {
    if (outcome.verdict.kind === 'refused' && !isClearMessage(outcome.verdict.reason))
      throw new Error(`an article refused without a clear reason: ${JSON.stringify(outcome.verdict.reason)}`);
  }
  for (const publisher of report.publishers ?? []) {
    if (publisher.kind === 'ignored' && !isClearMessage(publisher.reason))
      throw new Error(`a descriptor ignored without a clear reason: ${JSON.stringify(publisher.reason)}`);
  }
  if (report.error !== undefined || report.subscription) {
    if (changes.length > 0)
      throw new Error(
        `${report.error ? 'a refused' : 'an offered'} input changed the library: ${changes[0]!.store} ${changes[0]!.key.slice(0, 80)}`,
      );
    return report.error !== undefined ? 'refused' : 'offered';
  }
  if (report.outcomes.length === 0) throw new Error('an input ended with neither articles nor a reason');
  for (const change of changes) {
    const wrong = await wrongChange(change, after, originals);
    if (wrong) throw new Error(wrong);
  }
  if (added && !changes.some((change) => change.store === 'articles'))
    throw new Error('an import reported an article added that is not in the library');
  return report.outcomes.some((outcome) => outcome.stored) ? 'imported' : 'refused';
}
