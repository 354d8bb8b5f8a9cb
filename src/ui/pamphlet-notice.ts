import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators/custom-element.js';
import { property } from 'lit/decorators/property.js';
import { NoticeActionEvent } from './element-events.ts';
import { sharedStyles } from './shared-styles.ts';

/** A bar under the header that tells the reader something and offers one action. */
@customElement('pamphlet-notice')
export class PamphletNotice extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      div {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.5rem 1rem;
        background: var(--surface);
        border-block-end: 2px solid var(--accent);
      }
      p {
        margin: 0;
        flex: 1 1 16rem;
      }
    `,
  ];

  @property() message = '';
  @property() action = '';
  /** Urgent notices are announced at once (role alert); others when the reader pauses. */
  @property({ type: Boolean }) urgent = false;

  override render() {
    return html`<div role=${this.urgent ? 'alert' : 'status'}>
      <p>${this.message}</p>
      <button @click=${this._onAction}>${this.action}</button>
    </div>`;
  }

  private _onAction(): void {
    this.dispatchEvent(new NoticeActionEvent());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-notice': PamphletNotice;
  }
}
