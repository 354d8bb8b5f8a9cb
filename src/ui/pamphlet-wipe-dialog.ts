import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { errorText } from '../l10n/note-text.ts';
import { wipeFinished } from '../wipe/wipe-signal.ts';
import { dialogStyles } from './dialog-styles.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * Wipe everything, after one confirmation: the library, the lock, the settings, the app's offline
 * copy. Opened from Settings, from the lock screen, and from the launcher's shortcut
 * (`/settings#wipe`). Once done, the app shows the wiped screen.
 */
@customElement('pamphlet-wipe-dialog')
@localized()
export class PamphletWipeDialog extends LitElement {
  static override styles = [sharedStyles, dialogStyles];

  @query('dialog') private _dialog!: HTMLDialogElement;
  @state() private _wiping = false;
  @state() private _blocked = false;
  @state() private _problem = '';

  async open(): Promise<void> {
    this._problem = '';
    this._blocked = false;
    await this.updateComplete;
    if (!this._dialog.open) this._dialog.showModal();
  }

  private _onCancel(event: Event): void {
    // Once begun, a wipe is not stopped half way: closing would leave a half-wiped library.
    if (this._wiping) event.preventDefault();
  }

  private async _onWipe(): Promise<void> {
    this._wiping = true;
    this._problem = '';
    try {
      const { wipeEverything } = await import('../wipe/wipe-everything.ts');
      const report = await wipeEverything({ onBlocked: () => (this._blocked = true) });
      this._dialog.close();
      wipeFinished(report);
    } catch (error) {
      const reason = errorText(error);
      this._problem = msg(str`The wipe did not finish: ${reason}. Try again.`);
    } finally {
      this._wiping = false;
    }
  }

  override render() {
    return html`<dialog aria-labelledby="wipe-heading" @cancel=${this._onCancel}>
      <h2 id="wipe-heading">${msg('Wipe everything?')}</h2>
      <p>
        ${msg(
          'This removes everything Pamphlet keeps in this browser: every article and image, what you have read, your collections, sources, trusted publishers and settings, the library lock, and the offline copy of the app (starting it again will need a connection to this address). It cannot be undone. Backup files you saved elsewhere are not touched.',
        )}
      </p>
      ${this._wiping ? html`<p role="status">${msg('Wiping…')}</p>` : nothing}
      ${
        this._blocked
          ? html`<p role="alert" class="problem">${msg('Another Pamphlet tab or window still has the library open. Close it, and the wipe finishes by itself.')}</p>`
          : nothing
      }
      ${this._problem ? html`<p role="alert" class="problem">${this._problem}</p>` : nothing}
      <div class="actions">
        <button class="secondary" ?disabled=${this._wiping} @click=${() => this._dialog.close()}>${msg('Cancel')}</button>
        <button class="danger" ?disabled=${this._wiping} @click=${this._onWipe}>${msg('Wipe everything')}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-wipe-dialog': PamphletWipeDialog;
  }
}
