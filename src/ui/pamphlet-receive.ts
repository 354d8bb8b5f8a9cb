import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { articleCount } from '../l10n/article-count.ts';
import { readBackup, type RestorePlan } from '../backup/read-backup.ts';
import { restoreLibrary, type RestoreChoices } from '../backup/restore-library.ts';
import { LibraryReceiver, type ReceiveState } from '../move/receive-library.ts';
import type { RestoreChosenEvent } from './element-events.ts';
import './pamphlet-restore-review.ts';
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
  /** The library that arrived, for the reader to review as a backup is reviewed. */
  @state() private _plan?: RestorePlan;
  private _choose?: (choices: RestoreChoices | undefined) => void;
  private _receiver = new LibraryReceiver((text, from) => this._review(text, from));

  override connectedCallback(): void {
    super.connectedCallback();
    this._receiver.states.add((state) => (this._state = state));
    this._receiver.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._choose?.(undefined);
    this._receiver.cancel();
  }

  /**
   * A library that came over is a backup anyone could have made: its articles are checked as any
   * import is, and the keys it would trust, the sources it would follow and the settings it would
   * change are offered unticked, as a restore offers them (backup/read-backup.ts).
   */
  private async _review(text: string, from: string): Promise<{ articles: number; refused: number } | undefined> {
    const plan = await readBackup(new File([text], `library-from-${new URL(from).host}.html`, { type: 'text/html' }));
    const choices = await new Promise<RestoreChoices | undefined>((resolve) => {
      this._choose = resolve;
      this._plan = plan;
    });
    this._plan = undefined;
    if (!choices) return undefined;
    const report = await restoreLibrary(plan, choices);
    return { articles: report.articles, refused: report.refused };
  }

  private _onChosen(event: RestoreChosenEvent): void {
    this._choose?.(event.choices);
    this._choose = undefined;
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
        return this._plan
          ? html`<pamphlet-restore-review .plan=${this._plan} @pamphlet-restore-chosen=${this._onChosen}></pamphlet-restore-review>`
          : html`<p role="status">${msg('Checking and storing the articles…')}</p>`;
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
