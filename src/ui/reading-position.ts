import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { saveReadingPosition, setRead } from '../browser/storage/reading.ts';

const SAVE_POSITION_AFTER_MS = 400;

/** What the position needs of the reader's screen. */
export interface ReadingView {
  /** The article on screen, once its text is shown. */
  articleId: () => string | undefined;
  /** The element whose height is the article's. */
  articleElement: () => Element | null;
  /** Resolves once the article's styles and images have settled (they change the layout). */
  settled: () => Promise<unknown>;
}

/**
 * Where the reader is in an article, as a share of its scrollable height: restored when the
 * article opens, measured as they scroll, saved after a pause and when they leave.
 */
export class ReadingPosition implements ReactiveController {
  private _saveTimer?: ReturnType<typeof setTimeout>;
  private _restored = false;
  /** Where the reader is, measured while the article is on screen; saved after a pause. */
  private _position = 0;
  /** The scroll offset when the text appeared; undefined until it has. */
  private _shownAt?: number;
  /** The reader scrolled before their saved place was restored: where they went is their place. */
  private _moved = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly view: ReadingView,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('scroll', this._onScroll, { passive: true });
    window.addEventListener('pagehide', this.saveNow);
  }

  hostDisconnected(): void {
    window.removeEventListener('scroll', this._onScroll);
    window.removeEventListener('pagehide', this.saveNow);
    this.saveNow();
  }

  /** Another article is opening: nothing is known of its place yet. */
  reset(): void {
    this._restored = false;
    this._shownAt = undefined;
    this._moved = false;
  }

  /**
   * Called once the text of article `id` is on screen. Puts the reader back where they were once
   * the article has settled, unless the reader has scrolled meanwhile: then that is their place.
   */
  async restore(id: string, position: number): Promise<void> {
    this._shownAt = window.scrollY;
    await this.view.settled();
    // Closed, or another article opened, while this one settled.
    if (!this.host.isConnected || this.view.articleId() !== id || this._restored) return;
    if (this._moved) {
      this._position = this._currentPosition();
    } else {
      const span = this._span();
      if (span && position > 0) window.scrollTo(0, span.top + position * span.height);
      this._position = position;
    }
    this._restored = true;
    this.saveNow();
  }

  saveNow = (): void => {
    clearTimeout(this._saveTimer);
    const id = this.view.articleId();
    if (!id) return;
    // After a wipe or on locking, there is nothing left to save it in.
    if (this._restored || this._moved) saveReadingPosition(id, this._position).catch(() => undefined);
    // Left before its place was restored (its images still settling): it was opened, so it is read.
    else setRead([id], true).catch(() => undefined);
  };

  /** The article's scrollable span in the window, in pixels. */
  private _span(): { top: number; height: number } | undefined {
    const element = this.view.articleElement();
    if (!element) return undefined;
    const rect = element.getBoundingClientRect();
    return { top: rect.top + window.scrollY, height: Math.max(0, rect.height - window.innerHeight) };
  }

  private _currentPosition(): number {
    const span = this._span();
    if (!span || span.height === 0) return 0;
    return (window.scrollY - span.top) / span.height;
  }

  private _onScroll = (): void => {
    if (!this.host.isConnected || this._shownAt === undefined) return;
    if (!this._restored && !this._moved) {
      // A scroll event alone may be the layout moving as the frame settles; a changed offset is the reader.
      if (Math.abs(window.scrollY - this._shownAt) <= 1) return;
      this._moved = true;
    }
    this._position = this._currentPosition();
    clearTimeout(this._saveTimer);
    this._saveTimer = setTimeout(this.saveNow, SAVE_POSITION_AFTER_MS);
  };
}
