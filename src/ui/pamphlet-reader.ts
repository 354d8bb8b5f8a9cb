import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatPublished, languageName } from '../l10n/format.ts';
import { directionOf } from '../browser/l10n/locales.ts';
import { uiLocale } from '../l10n/localization.ts';
import { errorText } from '../l10n/note-text.ts';
import { sanitizeArticle } from '../library/sanitize-article.ts';
import { imageHashesOf, type Article } from '../shared/article.ts';
import { fingerprintOf } from '../shared/signing.ts';
import { storedVerdict, type Verdict } from '../shared/verdict.ts';
import { articleAddress, articleAt } from '../library/article-address.ts';
import { getArticle, getImage } from '../browser/storage/articles.ts';
import { getReadingState, saveReadingPosition, setRead } from '../browser/storage/reading.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';
import { ARTICLE_SHOWN } from '../app/performance-marks.ts';
import { articleDocumentTitle } from '../app/document-title.ts';
import { sharedStyles } from './shared-styles.ts';
import type { PamphletArticleBody } from './pamphlet-article-body.ts';
import './pamphlet-article-body.ts';
import './pamphlet-verdict.ts';

const SAVE_POSITION_AFTER_MS = 400;

/** One article, laid out for reading, in its own language and direction. */
@customElement('pamphlet-reader')
@localized()
export class PamphletReader extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      article {
        max-width: 38rem;
        margin: 0 auto;
        padding-block: 1.5rem;
        font-family: var(--font-reading);
        font-size: calc(1.125rem * var(--text-scale));
        line-height: 1.65;
        overflow-wrap: break-word;
        hyphens: auto;
      }
      article:lang(ar),
      article:lang(fa),
      article:lang(ur),
      article:lang(ps),
      article:lang(ckb) {
        font-family: var(--font-reading-arabic);
        line-height: 1.9;
      }
      h1 {
        font-size: 1.75em;
        line-height: 1.2;
        margin: 0 0 0.75rem;
      }
      .meta {
        font-family: var(--font-ui);
        font-size: 0.85em;
        line-height: 1.5;
        margin: 0 0 2rem;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        font-family: var(--font-ui);
        font-size: 0.875rem;
        margin: -1.25rem 0 2rem;
        padding-block: 0.5rem;
        border-block: 1px solid var(--border);
      }
      .tools .verdict {
        margin: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .problem {
        max-width: 38rem;
        margin: 2rem auto;
      }
    `,
  ];

  /** The article's address token, or its id in an address written before tokens (router.ts). */
  @property() reference = '';
  @state() private _articleId = '';
  @state() private _article?: Article;
  @state() private _content?: DocumentFragment;
  @state() private _problem = '';
  @state() private _verdict?: Verdict;
  @state() private _exportProblem = '';
  @state() private _shareProblem = '';
  private _objectUrls: string[] = [];
  private _saveTimer?: ReturnType<typeof setTimeout>;
  private _restored = false;
  /** Where the reader is, measured while the article is on screen; saved after a pause. */
  private _position = 0;
  /** The scroll offset when the text appeared; undefined until it has. */
  private _shownAt?: number;
  /** The reader scrolled before their saved place was restored: where they went is their place. */
  private _moved = false;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('scroll', this._onScroll, { passive: true });
    window.addEventListener('pagehide', this._savePositionNow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('scroll', this._onScroll);
    window.removeEventListener('pagehide', this._savePositionNow);
    this._savePositionNow();
    this._releaseImages();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('reference')) void this._open(this.reference);
  }

  private async _open(reference: string): Promise<void> {
    const id = (await articleAt(reference).catch(() => undefined)) ?? '';
    if (reference !== this.reference) return;
    // An address written before tokens named the article by id: the current entry of the
    // browser's history is rewritten to the token, so that it keeps the id no longer.
    if (id === reference) history.replaceState(history.state, '', await articleAddress(id));
    this._articleId = id;
    await this._load(id);
  }

  private _releaseImages(): void {
    for (const url of this._objectUrls) URL.revokeObjectURL(url);
    this._objectUrls = [];
  }

  private async _load(id: string): Promise<void> {
    this._article = undefined;
    this._content = undefined;
    this._problem = '';
    this._restored = false;
    this._shownAt = undefined;
    this._moved = false;
    this._releaseImages();
    const article = await getArticle(id).catch((error: unknown) => {
      const reason = errorText(error);
      this._problem = msg(str`The article could not be opened: ${reason}`);
      return undefined;
    });
    if (id !== this._articleId) return;
    if (!article) {
      this._problem ||= msg('This article is not in your library. It may have been deleted, or the link came from another device.');
      document.title = msg('Article not found · Pamphlet');
      return;
    }
    const imageUrls = new Map<string, string>();
    for (const hash of imageHashesOf(article.content)) {
      const image = await getImage(hash);
      if (!image) continue;
      const url = URL.createObjectURL(image.blob);
      this._objectUrls.push(url);
      imageUrls.set(hash, url);
    }
    const [state, trusted] = await Promise.all([getReadingState(id), trustedKeys()]);
    const signer = article.signature?.key;
    const verdict = storedVerdict(signer, trusted, signer ? await fingerprintOf(signer) : '');
    if (id !== this._articleId) return;
    this._verdict = verdict;
    this._content = sanitizeArticle(article.content, imageUrls);
    this._article = article;
    document.title = articleDocumentTitle(article.title);
    await this.updateComplete;
    this._shownAt = window.scrollY;
    requestAnimationFrame(() => setTimeout(() => performance.mark(ARTICLE_SHOWN)));
    await this._restorePosition(id, state?.position ?? 0);
  }

  /** The article's scrollable span in the window, in pixels. */
  private _span(): { top: number; height: number } | undefined {
    const element = this.renderRoot.querySelector('article');
    if (!element) return undefined;
    const rect = element.getBoundingClientRect();
    return { top: rect.top + window.scrollY, height: Math.max(0, rect.height - window.innerHeight) };
  }

  /**
   * Puts the reader back where they were once the frame's styles and images have settled (they
   * change the layout), unless the reader has scrolled meanwhile: then that is their place.
   */
  private async _restorePosition(id: string, position: number): Promise<void> {
    await this.renderRoot.querySelector<PamphletArticleBody>('pamphlet-article-body')?.settled();
    // Closed, or another article opened, while this one settled.
    if (!this.isConnected || this._article?.id !== id || this._restored) return;
    if (this._moved) {
      this._position = this._currentPosition();
    } else {
      const span = this._span();
      if (span && position > 0) window.scrollTo(0, span.top + position * span.height);
      this._position = position;
    }
    this._restored = true;
    this._savePositionNow();
  }

  private _currentPosition(): number {
    const span = this._span();
    if (!span || span.height === 0) return 0;
    return (window.scrollY - span.top) / span.height;
  }

  private _onScroll = (): void => {
    if (!this.isConnected || this._shownAt === undefined) return;
    if (!this._restored && !this._moved) {
      // A scroll event alone may be the layout moving as the frame settles; a changed offset is the reader.
      if (Math.abs(window.scrollY - this._shownAt) <= 1) return;
      this._moved = true;
    }
    this._position = this._currentPosition();
    clearTimeout(this._saveTimer);
    this._saveTimer = setTimeout(this._savePositionNow, SAVE_POSITION_AFTER_MS);
  };

  private _savePositionNow = (): void => {
    clearTimeout(this._saveTimer);
    if (!this._article) return;
    // After a wipe or on locking, there is nothing left to save it in.
    if (this._restored || this._moved) saveReadingPosition(this._article.id, this._position).catch(() => undefined);
    // Left before its place was restored (its images still settling): it was opened, so it is read.
    else setRead([this._article.id], true).catch(() => undefined);
  };

  private async _onShare(dialog: boolean): Promise<void> {
    if (!this._article) return;
    this._shareProblem = '';
    try {
      const { share } = await import('./share-action.ts');
      const title = this._article.title;
      await share(this, [this._article.id], msg(str`Share “${title}”`), { dialog });
    } catch (error) {
      const reason = errorText(error);
      this._shareProblem = msg(str`Sharing failed: ${reason}`);
    }
  }

  private async _onExport(): Promise<void> {
    if (!this._article) return;
    this._exportProblem = '';
    try {
      const { exportArticles, saveFile } = await import('../export/export-articles.ts');
      saveFile(await exportArticles([this._article.id]));
    } catch (error) {
      const reason = errorText(error);
      this._exportProblem = msg(str`Export failed: ${reason}`);
    }
  }

  override render() {
    if (this._problem) {
      return html`<section class="problem">
        <h1>${msg('Article not available')}</h1>
        <p>${this._problem}</p>
        <p><a href="/">${msg('Back to the library')}</a></p>
      </section>`;
    }
    const article = this._article;
    if (!article) return html`<p class="problem muted" role="status">${msg('Opening the article…')}</p>`;
    // The date and the language's name are in the UI's language, within the article's.
    const ui = uiLocale();
    const parts = [
      article.byline && html`<bdi>${article.byline}</bdi>`,
      html`<bdi>${article.publisher.name}</bdi>`,
      html`<bdi lang=${ui}><time datetime=${article.published}>${formatPublished(article.published)}</time></bdi>`,
      html`<bdi lang=${ui}>${languageName(article.lang)}</bdi>`,
    ].filter(Boolean);
    return html`<article lang=${article.lang} dir=${article.dir}>
      <h1>${article.title}</h1>
      <p class="meta muted">${parts.map((part, index) => html`${index > 0 ? ' · ' : nothing}${part}`)}</p>
      <div class="tools" lang=${uiLocale()} dir=${directionOf(uiLocale())}>
        <p class="verdict"><pamphlet-verdict .verdict=${this._verdict}></pamphlet-verdict></p>
        <span class="actions">
          <button class="secondary" @click=${() => this._onShare(false)}>${msg('Share')}</button>
          <button class="secondary" @click=${() => this._onShare(true)}>${msg('Link or QR code')}</button>
          <button class="secondary" @click=${this._onExport}>${msg('Export')}</button>
        </span>
      </div>
      ${
        this._exportProblem || this._shareProblem
          ? html`<p role="alert" lang=${uiLocale()} dir=${directionOf(uiLocale())}>${this._exportProblem || this._shareProblem}</p>`
          : nothing
      }
      <pamphlet-article-body .content=${this._content} lang=${article.lang} dir=${article.dir}></pamphlet-article-body>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-reader': PamphletReader;
  }
}
