import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { articleCount } from '../l10n/article-count.ts';
import { LibraryReceiver, type ReceiveState } from '../move/receive-library.ts';
import { storeMovedLibrary } from '../move/store-moved-library.ts';
import { screenAddress } from '../app/router.ts';
import { columnScreenStyles, sharedStyles } from './shared-styles.ts';

/**
 * The screen a move opens at the new address (`./?screen=receive`, from Settings → Move to
 * another address at the old one): it asks the reader before anything is taken, shows the code
 * to compare with the old window, and stores the library only once all of it has arrived.
 */
@customElement('pamphlet-receive')
@localized()
export class PamphletReceive extends LitElement {
  static override styles = [sharedStyles, columnScreenStyles];

  @state() private _state: ReceiveState = { step: 'waiting' };
  private _receiver = new LibraryReceiver(storeMovedLibrary);

  override connectedCallback(): void {
    super.connectedCallback();
    this._receiver.states.add((state) => (this._state = state));
    this._receiver.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._receiver.cancel();
  }

  protected override willUpdate(): void {
    document.title = msg('Receive a library · Pamphlet');
  }

  private _body() {
    const state = this._state;
    switch (state.step) {
      case 'no-sender':
        return html`<p>
          ${msg('This screen receives a library sent from Pamphlet at another address. Open Settings there and choose “Move to another address”.')}
        </p>`;
      case 'waiting':
        return html`<p role="status">${msg('Waiting for the library…')}</p>`;
      case 'offered': {
        const { from, code } = state;
        const count = articleCount(state.articles);
        return html`<h2 dir="auto">${msg(str`Receive a library from ${from}?`)}</h2>
          <p>${msg(str`${count}, with their reading state, sources, trusted publishers and settings. Every article is checked as any import is.`)}</p>
          <p>${msg('Accept only if you started this move in your Pamphlet at that address, and it shows the same code:')}</p>
          <p class="code" dir="ltr" aria-label=${msg('Code to compare')}>${code}</p>
          <div class="actions">
            <button @click=${() => this._receiver.accept()}>${msg('Accept')}</button>
            <button class="secondary" @click=${() => this._receiver.decline()}>${msg('Decline')}</button>
          </div>`;
      }
      case 'receiving':
        return html`<p role="status">${msg('Receiving the library…')}</p>
          <progress aria-label=${msg('Library received')} max=${state.total} .value=${state.received}></progress>
          <button class="secondary" @click=${() => this._receiver.cancel()}>${msg('Cancel the move')}</button>`;
      case 'restoring':
        return html`<p role="status">${msg('Checking and storing the articles…')}</p>`;
      case 'done': {
        const count = articleCount(state.articles);
        return html`<p role="status">${msg(str`Your library is here: ${count}.`)}</p>
          <p><a href=${screenAddress('library')}>${msg('Go to the library')}</a></p>`;
      }
      case 'stopped':
        return html`<p role="alert" class="problem">
            ${
              state.why === 'declined'
                ? msg('Declined: nothing was taken.')
                : state.why === 'cancelled'
                  ? msg('The move was cancelled, and nothing from it was stored.')
                  : msg('The move failed, and nothing from it was stored.')
            }
            ${state.problem ?? ''}
          </p>
          <p><a href=${screenAddress('library')}>${msg('Go to the library')}</a></p>`;
    }
  }

  override render() {
    return html`<h1>${msg('Receive a library')}</h1>
      ${this._body()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-receive': PamphletReceive;
  }
}
