import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-reading-look.ts';

/**
 * The reader's "Aa" control: a button that opens the reading look's choices in a small panel over
 * the article, so that the reader sees each change on the text itself. Escape, or a click outside,
 * closes it, and focus goes back to the button.
 */
@customElement('pamphlet-reading-look-button')
@localized()
export class PamphletReadingLookButton extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-block;
        position: relative;
      }
      .panel {
        position: absolute;
        inset-block-start: calc(100% + 0.25rem);
        inset-inline-end: 0;
        z-index: 10;
        width: min(20rem, 90vw);
        max-height: 70vh;
        overflow-y: auto;
        padding: 0.75rem;
        background: var(--bg);
        color: var(--fg);
        border: 1px solid var(--border);
        border-radius: 8px;
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
      }
      /* On a phone, and wherever the text is large, the panel is a sheet across the screen: hung
         from the button, it would reach past the screen's edge whichever side the button is on. */
      @media (max-width: 40em) {
        .panel {
          position: fixed;
          inset-inline: max(0.5rem, 3vw);
          inset-block-start: 3rem;
          width: auto;
          max-height: calc(100vh - 4rem);
        }
      }
      .panel h2 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
    `,
  ];

  @state() private _open = false;
  @query('button') private _button!: HTMLButtonElement;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this._onOutside);
    this.addEventListener('keydown', this._onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this._onOutside);
  }

  private _onOutside = (event: MouseEvent): void => {
    if (this._open && !event.composedPath().includes(this)) this._open = false;
  };

  private _onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this._open) return;
    event.stopPropagation();
    this._open = false;
    this._button.focus();
  };

  override render() {
    return html`<button
        class="secondary"
        aria-expanded=${this._open ? 'true' : 'false'}
        aria-controls="reading-look"
        @click=${() => (this._open = !this._open)}
      >
        <span aria-hidden="true">Aa</span> ${msg('Reading look')}
      </button>
      ${
        this._open
          ? html`<div id="reading-look" class="panel" role="group" aria-labelledby="reading-look-title">
            <h2 id="reading-look-title">${msg('Reading look')}</h2>
            <pamphlet-reading-look></pamphlet-reading-look>
          </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-reading-look-button': PamphletReadingLookButton;
  }
}
