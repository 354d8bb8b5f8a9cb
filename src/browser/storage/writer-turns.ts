/**
 * How an import's checks and its save take turns on the page's thread (`saveArticlesAsChecked`).
 *
 * The save writes an article only in the callback of one of its transaction's requests. While it
 * waits for the next decision, its request (a read that keeps the transaction alive) is answered
 * at once, but the callback runs only when the page's thread is free, and the checks keep it busy
 * between breathers. A breather alone was not enough: the checks' next task often went first, so
 * the database sat idle at the start of a big import for two or three breathers (100–150 ms) while
 * hundreds of accepted articles waited. So when the save has nothing left to write, it says so,
 * and the checks' next breather lasts until it has taken its turn. When it still has writes
 * queued, its turn comes only after them, and the checks do not wait for it.
 */
export class WriterTurns {
  #waiting: { promise: Promise<void>; resolve: () => void } | undefined;

  /** The save has nothing left to write and a request out: its turn is near. */
  waiting(): void {
    if (this.#waiting) return;
    let resolve!: () => void;
    const promise = new Promise<void>((settle) => (resolve = settle));
    this.#waiting = { promise, resolve };
  }

  /** The save took its turn, or ended (written, failed or aborted): nothing to wait for. */
  took(): void {
    this.#waiting?.resolve();
    this.#waiting = undefined;
  }

  /** For the checks, at a breather: resolves once the save, if it is waiting, has taken its turn. */
  next(): Promise<void> {
    return this.#waiting?.promise ?? Promise.resolve();
  }
}
