import type { TextDirection } from '../shared/article.ts';
import type { PublisherOutcome } from '../publishers/take-publishers.ts';
import type { SourceDescriptor } from '../shared/edition/edition-format.ts';
import type { Verdict } from '../shared/verdict.ts';

/** What happened to one article of an import, for the reader. */
export interface ArticleOutcome {
  title: string;
  lang: string;
  dir: TextDirection;
  verdict: Verdict;
  /** Absent when refused: the article was not stored. */
  stored?: { articleId: string; result: 'added' | 'replaced' | 'kept' };
  /** The publisher the article names (a claim until a trusted signature backs it). */
  claimedPublisher: string;
  /**
   * Elements and attributes the sanitizer takes out of the content before it is ever shown; absent
   * until counted (see `ImportReport.countRest`).
   */
  unsafeParts?: number;
  /** The start of its text, when the reader is asked whether to add it (a link, a QR code). */
  summary?: string;
}

/** One import (a file, a link, a shared item): its outcomes, or why none could be had. */
export interface ImportReport {
  source: string;
  outcomes: ArticleOutcome[];
  /** A publisher's source descriptor came in: the reader may follow it. */
  subscription?: SourceDescriptor & { fingerprint: string };
  /** What became of the publishers' descriptors the bundle carried (absent when it carried none). */
  publishers?: PublisherOutcome[];
  /** Set when the whole input was refused: a damaged bundle, a page with no article, and so on. */
  error?: string;
  /** Checked and not stored: the articles wait for the reader to add them (links and QR codes). */
  held?: { add: (options: ImportOptions) => Promise<ImportReport> };
  /**
   * Counts the unsafe parts of the articles past the first `LISTED_AT_FIRST`, filling in their
   * outcomes, once the report is shown (absent when every outcome is counted). The count is the
   * longest part of a big import and nothing checked or stored depends on it, so an import does not
   * wait for it; a restore, which lists no articles, never asks for it.
   */
  countRest?: () => Promise<void>;
}

/** A big import's report lists this many articles until the reader asks for all (10,000 list items help no one). */
export const LISTED_AT_FIRST = 20;

export interface ImportProgress {
  source: string;
  done: number;
  total: number;
  /** Every article checked; those accepted (`total` of them) are being written, in one transaction. */
  storing?: boolean;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}
