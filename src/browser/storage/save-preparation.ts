import type { Article } from '../../shared/article.ts';
import {
  summaryOf,
  type ArticleSummary,
  type SealedArticle,
  type SealedImage,
  type SealedSummary,
  type StoredImage,
} from '../../shared/db-schema.ts';
import { sealRecord } from './sealed-records.ts';
import type { RecordCodec } from './vault.ts';

export interface PreparedArticle {
  article: Article;
  stored: Article | SealedArticle;
  summary: ArticleSummary | SealedSummary;
}

export interface PreparedImage {
  /** The image's own hash, which the articles name (with the lock on, the record's key is sealed). */
  hash: string;
  record: StoredImage | SealedImage;
}

/**
 * Articles sealed at once: enough to keep WebCrypto busy, few enough that they end in the
 * articles' order, so the first can be written while the rest are sealed (all at once, each
 * article's steps interleaved with every other's, the first ended with the last).
 */
const SEALED_AT_ONCE = 16;

/**
 * A save's records as they are to be stored (each article, its library entry, the images),
 * prepared in the articles' order while the save's transaction is open: sealed with the lock on,
 * as they are with it off. With the lock on, sealing an import's 2,000 records (WebCrypto, on the
 * page's thread between requests) took about as long as writing them; done before the transaction
 * opened, it held back its first write by 0.7 s for 1,000 articles. The save writes an accepted
 * article once it is prepared, and the images once all are.
 */
export class Preparation {
  /** Each article's records, once prepared. */
  readonly articles: Array<PreparedArticle | undefined>;
  /** The images' records, once all are prepared (after the articles'). */
  images: PreparedImage[] | undefined;
  /** Resolves once every record is prepared; rejects if one cannot be, or once stopped. */
  readonly done: Promise<void>;
  #stopped = false;

  constructor(
    codec: RecordCodec,
    readonly source: readonly Article[],
    images: readonly StoredImage[],
    addedAt: number,
  ) {
    this.articles = new Array<PreparedArticle | undefined>(source.length).fill(undefined);
    this.done = this.#prepare(codec, images, addedAt);
    // Awaited by the save; a failure while nothing awaits it yet is not left unhandled.
    this.done.catch(() => undefined);
  }

  /** Prepares no more records: the save failed, was cancelled, or has made every write it needed. */
  stop(): void {
    this.#stopped = true;
  }

  async #prepare(codec: RecordCodec, images: readonly StoredImage[], addedAt: number): Promise<void> {
    let next = 0;
    const prepareInTurn = async () => {
      while (next < this.source.length && !this.#stopped) {
        const at = next++;
        const article = this.source[at]!;
        // Before either seal starts: one that threw after the other had started would leave it unheard.
        const entry = summaryOf(article, addedAt);
        const [stored, summary] = await Promise.all([sealRecord(codec, 'articles', article), sealRecord(codec, 'summaries', entry)]);
        this.articles[at] = { article, stored, summary };
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(SEALED_AT_ONCE, this.source.length) }, prepareInTurn));
      this.#throwIfStopped();
      const prepared = await Promise.all(
        images.map(async (image) => ({ hash: image.hash, record: await sealRecord(codec, 'images', image) })),
      );
      this.#throwIfStopped();
      this.images = prepared;
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  #throwIfStopped(): void {
    if (this.#stopped) throw new DOMException('The save was stopped.', 'AbortError');
  }
}
