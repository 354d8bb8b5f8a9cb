import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { screenAddress } from '../app/router.ts';
import { directionOf } from '../browser/l10n/locales.ts';
import { addHighlight, deleteHighlight, highlightsOf, setHighlightNote, TooManyHighlights } from '../browser/storage/highlights.ts';
import type { TextDirection } from '../shared/article.ts';
import type { Highlight } from '../shared/db-schema.ts';
import { MAX_HIGHLIGHTS, MAX_NOTE, MAX_QUOTE } from '../shared/reader-highlights.ts';
import { uiLocale } from '../l10n/localization.ts';
import { errorText } from '../l10n/note-text.ts';
import { formatNumber } from '../l10n/format.ts';
import { formText } from './form-text.ts';
import { FrameHighlights } from './frame-highlights.ts';
import { HIGHLIGHT_PARAMETER } from './highlight-address.ts';
import { highlightListStyles, readerHighlightsStyles } from './highlights-styles.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * The reader's highlights and notes on the article shown: a bar to highlight the text selected in
 * the article (at the foot of the window, in the tab order right after the article), the
 * highlights painted over the text, and their list under it, each with its note. The article's
 * frame is its sibling in the reader (pamphlet-article-body); its content is never changed here.
 */
@customElement('pamphlet-highlights')
@localized()
export class PamphletHighlights extends LitElement {
  static override styles = [sharedStyles, highlightListStyles, readerHighlightsStyles];

  @property({ attribute: false }) articleId = '';
  /** The article's sanitized content, as the body got it: a new one is a new text to find the highlights in. */
  @property({ attribute: false }) content?: DocumentFragment;
  @property({ attribute: false }) articleLang = '';
  @property({ attribute: false }) articleDir: TextDirection = 'ltr';
  @state() private _highlights: Highlight[] = [];
  @state() private _missing = new Set<string>();
  @state() private _selected = false;
  @state() private _editing = '';
  @state() private _status = '';
  @state() private _problem = '';
  @state() private _canPaint = true;
  private _frame?: FrameHighlights;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._frame?.document?.removeEventListener('selectionchange', this._onSelectionChange);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('content') && this.content) void this._attach(this.articleId);
    if (changed.has('_editing') && this._editing) this.renderRoot.querySelector('textarea')?.focus();
  }

  private async _attach(id: string): Promise<void> {
    const body = (this.getRootNode() as ParentNode).querySelector('pamphlet-article-body');
    await body?.settled();
    const iframe = body?.renderRoot.querySelector('iframe');
    if (!iframe?.contentDocument?.body || id !== this.articleId) return;
    this._frame?.document?.removeEventListener('selectionchange', this._onSelectionChange);
    this._frame = new FrameHighlights(iframe);
    this._canPaint = this._frame.canPaint;
    this._frame.document?.addEventListener('selectionchange', this._onSelectionChange);
    this._editing = '';
    await this._reload();
    const wanted = new URL(location.href).searchParams.get(HIGHLIGHT_PARAMETER);
    if (!wanted) return;
    // After the reading position's own restore, which scrolls once the article has settled too.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    if (id === this.articleId && !this._frame.show(wanted)) {
      this._status = msg('This highlight is no longer in the article’s text: it may have been corrected since.');
    }
  }

  private async _reload(): Promise<void> {
    const id = this.articleId;
    const highlights = await highlightsOf(id);
    if (id !== this.articleId || !this._frame) return;
    this._highlights = highlights;
    this._missing = this._frame.draw(highlights);
  }

  private _onSelectionChange = (): void => {
    this._selected = Boolean(this._frame?.selectedQuote());
  };

  private async _onHighlight(withNote: boolean): Promise<void> {
    this._problem = '';
    const quote = this._frame?.selectedQuote();
    if (!quote) return;
    if (quote.quote.length > MAX_QUOTE) {
      const limit = formatNumber(MAX_QUOTE);
      this._problem = msg(str`This selection is too long to highlight: a highlight may hold up to ${limit} characters.`);
      return;
    }
    try {
      const id = await addHighlight(this.articleId, quote);
      this._frame?.clearSelection();
      this._selected = false;
      await this._reload();
      this._status = msg('Highlighted.');
      if (withNote) this._editing = id;
    } catch (error) {
      const limit = formatNumber(MAX_HIGHLIGHTS);
      const reason = errorText(error);
      this._problem =
        error instanceof TooManyHighlights
          ? msg(str`This article has ${limit} highlights, as many as one article may have.`)
          : msg(str`The highlight could not be kept: ${reason}`);
    }
  }

  private async _onSaveNote(event: SubmitEvent, highlight: Highlight): Promise<void> {
    event.preventDefault();
    await setHighlightNote(this.articleId, highlight.id, formText(event.target as HTMLFormElement, 'note'));
    this._editing = '';
    await this._reload();
    this._status = msg('Note saved.');
  }

  private async _onDelete(highlight: Highlight): Promise<void> {
    await deleteHighlight(this.articleId, highlight.id);
    await this._reload();
    this._status = msg('Highlight deleted.');
  }

  private async _onExport(): Promise<void> {
    this._problem = '';
    try {
      const { exportArticles, saveFile } = await import('../export/export-articles.ts');
      saveFile(await exportArticles([this.articleId], { withHighlights: true }));
    } catch (error) {
      const reason = errorText(error);
      this._problem = msg(str`Export failed: ${reason}`);
    }
  }

  private _onShow(highlight: Highlight): void {
    this._frame?.show(highlight.id);
  }

  /** Keeps the article's selection when the bar is pressed with a mouse: focus stays where it was. */
  private _keepSelection(event: MouseEvent): void {
    event.preventDefault();
  }

  private _noteForm(highlight: Highlight) {
    return html`<form @submit=${(event: SubmitEvent) => this._onSaveNote(event, highlight)}>
      <label>${msg('Note')} <textarea name="note" maxlength=${MAX_NOTE} .value=${highlight.note}></textarea></label>
      <div class="actions">
        <button type="submit">${msg('Save note')}</button>
        <button type="button" class="secondary" @click=${() => (this._editing = '')}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private _item(highlight: Highlight) {
    const missing = this._missing.has(highlight.id);
    return html`<li>
      <blockquote lang=${this.articleLang} dir=${this.articleDir}>${highlight.quote}</blockquote>
      ${missing ? html`<p class="missing muted">${msg('Not found in the article’s text as it is now: it may have been corrected.')}</p>` : nothing}
      ${
        this._editing === highlight.id
          ? this._noteForm(highlight)
          : highlight.note
            ? html`<p class="note"><span class="visually-hidden">${msg('Your note:')} </span><bdi>${highlight.note}</bdi></p>`
            : nothing
      }
      <div class="actions">
        <button class="secondary" ?disabled=${missing} @click=${() => this._onShow(highlight)}>${msg('Show in the text')}</button>
        <button class="secondary" ?hidden=${this._editing === highlight.id} @click=${() => (this._editing = highlight.id)}>
          ${highlight.note ? msg('Edit note') : msg('Add note')}
        </button>
        <button class="secondary" @click=${() => this._onDelete(highlight)}>${msg('Delete highlight')}</button>
      </div>
    </li>`;
  }

  override render() {
    const ui = uiLocale();
    return html`<div lang=${ui} dir=${directionOf(ui)}>
      <div class="selection-bar" role="group" aria-label=${msg('Selected text')} ?hidden=${!this._selected}>
        <button @mousedown=${this._keepSelection} @click=${() => this._onHighlight(false)}>${msg('Highlight')}</button>
        <button class="secondary" @mousedown=${this._keepSelection} @click=${() => this._onHighlight(true)}>${msg('Highlight and add a note')}</button>
      </div>
      <p class="visually-hidden" role="status">${this._status}</p>
      ${this._problem ? html`<p role="alert">${this._problem}</p>` : nothing}
      <section aria-labelledby="highlights-heading">
        <h2 id="highlights-heading">${msg('Your highlights')}</h2>
        ${this._canPaint ? nothing : html`<p class="muted">${msg('This browser cannot mark highlights in the text; they are listed here.')}</p>`}
        ${
          this._highlights.length === 0
            ? html`<p class="muted">${msg('Select text in the article to highlight it and add a note. Highlights and notes are yours: they stay on this device, in your backups, and under the lock when it is on.')}</p>`
            : html`<ol aria-labelledby="highlights-heading">${this._highlights.map((highlight) => this._item(highlight))}</ol>
                <p class="muted">${msg('Export and Share above leave your highlights and notes out. To give someone the article with them:')}</p>
                <p><button class="secondary" @click=${this._onExport}>${msg('Export with my highlights and notes')}</button></p>`
        }
        <p><a class="to-all" href=${screenAddress('highlights')}>${msg('All your highlights')}</a></p>
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-highlights': PamphletHighlights;
  }
}
