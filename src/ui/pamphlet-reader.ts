import { screenAddress } from '../app/router.ts';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { languageName } from '../l10n/format.ts';
import { directionOf } from '../browser/l10n/locales.ts';
import { uiLocale } from '../l10n/localization.ts';
import { errorText } from '../l10n/note-text.ts';
import { sanitizeArticle } from '../library/sanitize-article.ts';
import { imageHashesOf, type Article } from '../shared/article.ts';
import { fingerprintOf } from '../shared/signing.ts';
import { storedVerdict, type Verdict } from '../shared/verdict.ts';
import { articleAddress, articleAt } from '../library/article-address.ts';
import { getArticle, getImage } from '../browser/storage/articles.ts';
import { getReadingState } from '../browser/storage/reading.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';
import { ARTICLE_SHOWN } from '../app/performance-marks.ts';
import { articleDocumentTitle } from '../app/document-title.ts';
import { articleDates } from './article-dates.ts';
import { readerStyles } from './reader-styles.ts';
import { ReadingPosition } from './reading-position.ts';
import { sharedStyles } from './shared-styles.ts';
import type { PamphletArticleBody } from './pamphlet-article-body.ts';
import './pamphlet-article-body.ts';
import './pamphlet-verdict.ts';
import './pamphlet-highlights.ts';
import './pamphlet-reading-look-button.ts';
import './pamphlet-reading-tools.ts';

/** One article, laid out for reading, in its own language and direction. */
@customElement('pamphlet-reader')
@localized()
export class PamphletReader extends LitElement {
  static override styles = [sharedStyles, readerStyles];

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
  private _position = new ReadingPosition(this, {
    articleId: () => this._article?.id,
    articleElement: () => this.renderRoot.querySelector('article'),
    settled: async () => this.renderRoot.querySelector<PamphletArticleBody>('pamphlet-article-body')?.settled(),
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
    this._position.reset();
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
    requestAnimationFrame(() => setTimeout(() => performance.mark(ARTICLE_SHOWN)));
    await this._position.restore(id, state?.position ?? 0);
  }

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
        <p><a href=${screenAddress('library')}>${msg('Back to the library')}</a></p>
      </section>`;
    }
    const article = this._article;
    if (!article) return html`<p class="problem muted" role="status">${msg('Opening the article…')}</p>`;
    // The date and the language's name are in the UI's language, within the article's.
    const ui = uiLocale();
    const language = languageName(article.lang);
    const parts = [
      article.byline && html`<bdi>${article.byline}</bdi>`,
      html`<bdi>${article.publisher.name}</bdi>`,
      ...articleDates(article).map((date) => html`<bdi lang=${ui}>${date}</bdi>`),
      language && html`<bdi lang=${ui}>${language}</bdi>`,
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
          <pamphlet-reading-look-button></pamphlet-reading-look-button>
          <pamphlet-reading-tools></pamphlet-reading-tools>
        </span>
      </div>
      ${
        this._exportProblem || this._shareProblem
          ? html`<p role="alert" lang=${uiLocale()} dir=${directionOf(uiLocale())}>${this._exportProblem || this._shareProblem}</p>`
          : nothing
      }
      <pamphlet-article-body .content=${this._content} lang=${article.lang} dir=${article.dir}></pamphlet-article-body>
      <pamphlet-highlights .articleId=${article.id} .content=${this._content} .articleLang=${article.lang} .articleDir=${article.dir}></pamphlet-highlights>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-reader': PamphletReader;
  }
}
