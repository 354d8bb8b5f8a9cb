import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { readerApps } from '../shared/edition/reader-apps.ts';
import { seenPublishers } from '../browser/storage/publishers.ts';
import { articleCount } from '../l10n/article-count.ts';
import { lockStatus } from '../lock/lock-status.ts';
import type { LibrarySender, SendState } from '../move/send-library.ts';
import { formText } from './form-text.ts';
import { problemOf } from './passphrase-problem.ts';
import { settingsSectionStyles } from './settings-styles.ts';
import { sharedStyles } from './shared-styles.ts';

function stoppedText(why: Extract<SendState, { step: 'stopped' }>['why']): string {
  switch (why) {
    case 'declined':
      return msg('The other address declined the library. Nothing was sent.');
    case 'cancelled':
      return msg('The move was cancelled. Your library here is as it was.');
    case 'closed':
      return msg('The other window was closed before the library arrived. Your library here is as it was.');
    case 'too-large':
      return msg('This library is too large to move in one go. Make a backup and restore it at the new address instead.');
    case 'failed':
      return msg('The move failed. Your library here is as it was.');
  }
}

/**
 * Settings → "Move to another address": when this address is blocked, the reader opens the app at
 * another one from here (the installed app still opens from its service worker) and the whole
 * library is copied over, after the reader compares a code in both windows and accepts there.
 */
@customElement('pamphlet-move-settings')
@localized()
export class PamphletMoveSettings extends LitElement {
  static override styles = [sharedStyles, settingsSectionStyles];

  @state() private _state?: SendState;
  @state() private _problem = '';
  @state() private _locked = false;
  /** The reader addresses the publishers seen here give (their signed descriptors' `app` and `apps`). */
  @state() private _offered: string[] = [];
  @query('#move-address') private _address!: HTMLInputElement;
  private _sender?: LibrarySender;

  override connectedCallback(): void {
    super.connectedCallback();
    void lockStatus().then((status) => (this._locked = status !== 'off'));
    void seenPublishers()
      .then((seen) => {
        const addresses = [...seen.values()].flatMap(({ descriptor }) => readerApps(descriptor));
        this._offered = [...new Set(addresses)].filter((address) => new URL(address).origin !== location.origin);
      })
      .catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._sender?.cancel();
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const address = formText(form, 'address').trim();
    let target: URL;
    try {
      target = new URL('./', new URL(address.includes('://') ? address : `https://${address}`));
      if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new TypeError();
      // The receiving screen listens to this origin only, and shows it to the reader.
      target.search = new URLSearchParams({ screen: 'receive', from: location.origin }).toString();
    } catch {
      this._problem = msg('Type the web address where Pamphlet is open now, such as https://mirror.example/pamphlet/.');
      return;
    }
    if (target.origin === location.origin) {
      this._problem = msg('That is this address. Type the other address where Pamphlet is open.');
      return;
    }
    // Opened at once, in the reader's click: a window opened after a wait is blocked as a pop-up.
    const opened = window.open(target.href, '_blank');
    if (!opened) {
      this._problem = msg('The browser blocked the new window. Allow pop-ups for Pamphlet and try again.');
      return;
    }
    this._problem = '';
    void this._start(opened, target, formText(form, 'passphrase'));
  }

  private async _start(opened: Window, target: URL, passphrase: string): Promise<void> {
    const [{ LibrarySender }, { libraryBackupText }, { confirmPassphrase }] = await Promise.all([
      import('../move/send-library.ts'),
      import('../backup/library-backup.ts'),
      import('../lock/library-lock.ts'),
    ]);
    if (this._locked) {
      try {
        await confirmPassphrase(passphrase);
      } catch (error) {
        opened.close();
        this._problem = problemOf(error, msg('That is not the passphrase. Nothing was sent.'));
        return;
      }
    }
    const sender = new LibrarySender(opened, target);
    this._sender = sender;
    sender.states.add((state) => (this._state = state));
    await sender.offer(libraryBackupText());
  }

  private _onCancel(): void {
    this._sender?.cancel();
  }

  private _progress() {
    const state = this._state;
    if (!state) return nothing;
    switch (state.step) {
      case 'preparing':
        return html`<p role="status">${msg('Getting the library ready…')}</p>`;
      case 'waiting': {
        const code = state.code;
        return html`<p role="status">${msg(str`Waiting for the new address to accept. It must show the code ${code}.`)}</p>
          <p class="code" dir="ltr" aria-label=${msg('Code to compare')}>${code}</p>
          <button class="secondary" @click=${this._onCancel}>${msg('Cancel the move')}</button>`;
      }
      case 'sending':
        return html`<p role="status">${msg('Sending the library…')}</p>
          <progress aria-label=${msg('Library sent')} max=${state.total} .value=${state.sent}></progress>
          <button class="secondary" @click=${this._onCancel}>${msg('Cancel the move')}</button>`;
      case 'restoring':
        return html`<p role="status">${msg('Sent. The new address is checking and storing the articles…')}</p>`;
      case 'done': {
        const count = articleCount(state.articles);
        return html`<p role="status">${msg(str`The library is at the new address: ${count}. It stays here too.`)}</p>`;
      }
      case 'stopped':
        return html`<p role="alert" class="problem">${stoppedText(state.why)}</p>`;
    }
  }

  override render() {
    const busy = this._state !== undefined && !['done', 'stopped'].includes(this._state.step);
    return html`<fieldset>
      <legend>${msg('Move to another address')}</legend>
      <p class="muted">
        ${msg(
          'When this address is blocked, open your library at another address where Pamphlet is served: everything in it (articles, reading, sources, trusted publishers, settings) is copied there, and stays here too.',
        )}
      </p>
      <form @submit=${this._onSubmit}>
        <label for="move-address">${msg('New address')}</label>
        <input id="move-address" name="address" type="text" inputmode="url" dir="ltr" autocomplete="off" required ?disabled=${busy} />
        ${
          this._locked
            ? html`<label for="move-passphrase">${msg('Passphrase')}</label>
              <input id="move-passphrase" name="passphrase" type="password" autocomplete="current-password" required ?disabled=${busy} />`
            : nothing
        }
        <button type="submit" ?disabled=${busy}>${msg('Move to another address')}</button>
      </form>
      ${
        this._offered.length > 0
          ? html`<p>${msg('Addresses your publishers give for Pamphlet:')}</p>
            <ul class="offered">
              ${this._offered.map(
                (address) =>
                  html`<li>
                    <button type="button" class="secondary" dir="ltr" ?disabled=${busy} @click=${() => (this._address.value = address)}>${address}</button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${this._problem ? html`<p role="alert" class="problem">${this._problem}</p>` : nothing}
      ${this._progress()}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-move-settings': PamphletMoveSettings;
  }
}
