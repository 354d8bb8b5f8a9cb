import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { PamphletArticleBody } from './pamphlet-article-body.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * The reader's comforts that work on the article's text: reading it aloud and finding in it. Their
 * code loads when first used; their controls sit in a bar fixed at the bottom of the screen, so
 * they stay at hand while the page scrolls with the voice or from match to match.
 *
 * `/` opens the search (as in many readers; the browser's own Ctrl+F / Cmd+F is left alone).
 */
@customElement('pamphlet-reading-tools')
@localized()
export class PamphletReadingTools extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: contents;
      }
      .bar {
        position: fixed;
        inset-inline: 0;
        bottom: 0;
        z-index: 4;
        background: var(--surface);
        border-block-start: 1px solid var(--border);
        padding: 0.5rem max(1rem, env(safe-area-inset-right)) max(0.5rem, env(safe-area-inset-bottom)) max(1rem, env(safe-area-inset-left));
        font-family: var(--font-ui);
        font-size: 0.875rem;
      }
      .bar > * {
        display: block;
        max-width: 38rem;
        margin: 0 auto;
      }
      .bar > * + * {
        margin-block-start: 0.5rem;
      }
    `,
  ];

  @state() private _reading = false;
  @state() private _finding = false;
  @query('#read-aloud') private _readButton!: HTMLButtonElement;
  @query('#find') private _findButton!: HTMLButtonElement;
  private _frameDocument?: Document;
  /**
   * The bar is fixed over the foot of the page: the page gets as much room below the article, so
   * that its last lines can still be scrolled up from under the bar (a tall one, on a phone with
   * large text).
   */
  private _barSize = new ResizeObserver(([entry]) => {
    document.body.style.paddingBlockEnd = entry ? `${Math.ceil(entry.borderBoxSize[0]?.blockSize ?? 0)}px` : '';
  });
  private _observedBar?: Element;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this._onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._barSize.disconnect();
    this._observedBar = undefined;
    document.body.style.paddingBlockEnd = '';
    document.removeEventListener('keydown', this._onKey);
    this._frameDocument?.removeEventListener('keydown', this._onKey);
  }

  /** The article's body beside this element in the reader. */
  private _articleBody(): PamphletArticleBody | null {
    return (this.getRootNode() as ParentNode).querySelector('pamphlet-article-body');
  }

  protected override updated(): void {
    const bar = this.renderRoot.querySelector('.bar') ?? undefined;
    if (bar !== this._observedBar) {
      this._barSize.disconnect();
      if (bar) this._barSize.observe(bar);
      else document.body.style.paddingBlockEnd = '';
      this._observedBar = bar;
    }
    // Keys typed while the article's text has focus go to its frame's document, not the page's.
    const frameDocument = this._articleBody()?.renderRoot.querySelector('iframe')?.contentDocument ?? undefined;
    if (frameDocument === this._frameDocument) return;
    this._frameDocument?.removeEventListener('keydown', this._onKey);
    frameDocument?.addEventListener('keydown', this._onKey);
    this._frameDocument = frameDocument;
  }

  private _onKey = (event: KeyboardEvent): void => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.composedPath()[0];
    if (target instanceof Element && target.closest('input, textarea, select, [contenteditable]')) return;
    event.preventDefault();
    void this._openFind();
  };

  private async _openFind(): Promise<void> {
    await import('./pamphlet-find.ts');
    this._finding = true;
    await this.updateComplete;
    this.renderRoot.querySelector('pamphlet-find')?.focusField();
  }

  private async _toggleReading(): Promise<void> {
    if (this._reading) {
      this._reading = false;
      return;
    }
    await import('./pamphlet-read-aloud.ts');
    this._reading = true;
  }

  private _closeFind(): void {
    this._finding = false;
    this._findButton.focus();
  }

  private _closeReading(): void {
    this._reading = false;
    this._readButton.focus();
  }

  override render() {
    const body = this._articleBody() ?? undefined;
    return html`<button id="read-aloud" class="secondary" aria-expanded=${this._reading ? 'true' : 'false'} @click=${this._toggleReading}>
        ${msg('Read aloud')}
      </button>
      <button id="find" class="secondary" aria-expanded=${this._finding ? 'true' : 'false'} aria-keyshortcuts="/" @click=${() => (this._finding ? this._closeFind() : this._openFind())}>
        ${msg('Find in article')}
      </button>
      ${
        this._reading || this._finding
          ? html`<section class="bar" aria-label=${msg('Reading tools')}>
              ${this._finding ? html`<pamphlet-find .articleBody=${body} @close=${this._closeFind}></pamphlet-find>` : nothing}
              ${this._reading ? html`<pamphlet-read-aloud .articleBody=${body} @close=${this._closeReading}></pamphlet-read-aloud>` : nothing}
            </section>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-reading-tools': PamphletReadingTools;
  }
}
