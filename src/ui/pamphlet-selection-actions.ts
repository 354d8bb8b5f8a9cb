import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LibraryActionEvent, type LibraryAction } from './element-events.ts';
import { formatNumber } from '../l10n/format.ts';
import { MAX_COLLECTION_NAME } from '../browser/storage/reading.ts';
import { sharedStyles } from './shared-styles.ts';
import { formText } from './form-text.ts';

/**
 * What the reader can do with the selected articles: read or unread, star, collect, delete. Apart
 * from the toolbar because nobody needs it before choosing an article: it loads with the first
 * selection. Each action goes up to the library as a LibraryActionEvent.
 */
@customElement('pamphlet-selection-actions')
@localized()
export class PamphletSelectionActions extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .selection {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0 0 0.75rem;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--accent);
        border-radius: 8px;
        background: var(--surface);
      }
      strong {
        margin-inline-end: 0.25rem;
      }
    `,
  ];

  /** How many articles are selected. */
  @property({ type: Number }) count = 0;
  @state() private _collecting = false;

  private _act(action: LibraryAction, tag?: string): void {
    this.dispatchEvent(new LibraryActionEvent(action, tag));
  }

  private _onCollect(event: SubmitEvent): void {
    event.preventDefault();
    const tag = formText(event.target as HTMLFormElement, 'collection').trim();
    if (!tag) return;
    this._collecting = false;
    this._act('tag', tag);
  }

  override render() {
    const count = formatNumber(this.count);
    return html`<div class="selection" role="group" aria-label=${msg('Selected articles')}>
        <strong>${msg(str`${count} selected`)}</strong>
        <button class="secondary" @click=${() => this._act('read')}>${msg('Mark read')}</button>
        <button class="secondary" @click=${() => this._act('unread')}>${msg('Mark unread')}</button>
        <button class="secondary" @click=${() => this._act('star')}>${msg('Star')}</button>
        <button class="secondary" @click=${() => this._act('unstar')}>${msg('Unstar')}</button>
        <button class="secondary" aria-expanded=${this._collecting ? 'true' : 'false'} @click=${() => (this._collecting = !this._collecting)}>
          ${msg('Add to collection')}
        </button>
        <button class="secondary" @click=${() => this._act('nearby')}>${msg('Send to a phone nearby')}</button>
        <button class="secondary" @click=${() => this._act('delete')}>${msg('Delete')}</button>
        <button class="secondary" @click=${() => this._act('clear')}>${msg('Clear selection')}</button>
      </div>
      ${
        this._collecting
          ? html`<form class="form-row" @submit=${this._onCollect}>
            <label>${msg('Collection name')} <input name="collection" type="text" autocomplete="off" required maxlength=${MAX_COLLECTION_NAME} /></label>
            <button class="secondary" type="submit">${msg('Add')}</button>
          </form>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-selection-actions': PamphletSelectionActions;
  }
}
