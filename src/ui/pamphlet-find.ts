import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { findInPieces } from '../library/text-ranges.ts';
import { formatNumber } from '../l10n/format.ts';
import { markRanges, rangeOf, scrollToRange, textNodes } from './article-text.ts';
import type { PamphletArticleBody } from './pamphlet-article-body.ts';
import { sharedStyles } from './shared-styles.ts';

const MATCHES = 'pamphlet-find-match';
const CURRENT = 'pamphlet-find-current';

/**
 * Find in the article's text, whatever the case or accents (text-ranges.ts): every match marked,
 * the current one marked apart and scrolled to. Enter goes to the next, Shift+Enter to the
 * previous, both round the end; Escape closes. The count is a status screen readers announce.
 */
@customElement('pamphlet-find')
@localized()
export class PamphletFind extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      input {
        flex: 1 1 10rem;
        min-width: 0;
        font: inherit;
        padding: 0.4rem 0.5rem;
        min-height: 36px;
        border: 1px solid var(--border);
        border-radius: 6px;
        background: var(--bg);
        color: var(--fg);
      }
      [role='status'] {
        min-width: 6rem;
      }
      button {
        padding: 0.25rem 0.75rem;
      }
    `,
  ];

  @property({ attribute: false }) articleBody?: PamphletArticleBody;
  @state() private _query = '';
  @state() private _ranges: Range[] = [];
  @state() private _current = -1;
  @query('input') private _field!: HTMLInputElement;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const doc = this._frame()?.contentDocument;
    if (doc) {
      markRanges(doc, MATCHES, []);
      markRanges(doc, CURRENT, []);
    }
  }

  focusField(): void {
    this._field?.focus();
    this._field?.select();
  }

  private _frame(): HTMLIFrameElement | null | undefined {
    return this.articleBody?.renderRoot.querySelector('iframe');
  }

  private _search(query: string): void {
    this._query = query;
    const frame = this._frame();
    const doc = frame?.contentDocument;
    if (!frame || !doc) return;
    const nodes = textNodes(doc.body);
    this._ranges = findInPieces(
      nodes.map((node) => node.data),
      query,
    ).map((span) => rangeOf(nodes, span));
    markRanges(doc, MATCHES, this._ranges);
    // The first match from where the reader is, not from the top of the article.
    const frameTop = frame.getBoundingClientRect().top;
    const inView = this._ranges.findIndex((range) => frameTop + range.getBoundingClientRect().bottom > 0);
    this._show(this._ranges.length === 0 ? -1 : Math.max(0, inView));
  }

  private _show(index: number): void {
    this._current = index;
    const frame = this._frame();
    const doc = frame?.contentDocument;
    if (!frame || !doc) return;
    const range = this._ranges[index];
    markRanges(doc, CURRENT, range ? [range] : []);
    if (range) scrollToRange(frame, range);
  }

  private _step(by: number): void {
    const count = this._ranges.length;
    if (count > 0) this._show((this._current + by + count) % count);
  }

  private _onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this._step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.dispatchEvent(new Event('close'));
    }
  }

  private _status(): string {
    if (this._query.trim() === '') return '';
    const total = this._ranges.length;
    if (total === 0) return msg('No matches');
    const [current, count] = [formatNumber(this._current + 1), formatNumber(total)];
    return msg(str`${current} of ${count}`, { id: 'find-match-of', desc: 'Find in article: the match shown, of how many' });
  }

  override render() {
    return html`<div class="row" role="search">
      <input
        type="search"
        aria-label=${msg('Find in article')}
        aria-keyshortcuts="Enter Shift+Enter Escape"
        .value=${this._query}
        @input=${(event: InputEvent) => this._search((event.target as HTMLInputElement).value)}
        @keydown=${this._onKey}
      />
      <span role="status">${this._status()}</span>
      <button class="secondary" ?disabled=${this._ranges.length === 0} @click=${() => this._step(-1)}>${msg('Previous')}</button>
      <button class="secondary" ?disabled=${this._ranges.length === 0} @click=${() => this._step(1)}>${msg('Next')}</button>
      <button class="secondary" @click=${() => this.dispatchEvent(new Event('close'))}>${msg('Close')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-find': PamphletFind;
  }
}
