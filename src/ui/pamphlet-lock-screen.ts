import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { recordsDone } from '../l10n/counts.ts';
import { errorText } from '../l10n/note-text.ts';
import { openWipeDialog } from '../wipe/wipe-request.ts';
import { dialogStyles } from './dialog-styles.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * All the app shows while the library is locked: a passphrase field, and the honest way out for a
 * forgotten passphrase. Nothing of the library is on it (no title, no count), and the document's
 * title names no content.
 */
@customElement('pamphlet-lock-screen')
@localized()
export class PamphletLockScreen extends LitElement {
  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      :host {
        display: block;
        max-width: 30rem;
        margin: 3rem auto;
        padding: 0 min(1rem, 5vw);
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      label {
        flex: 1 1 100%;
      }
      input {
        flex: 1 1 12rem;
        font: inherit;
        padding: 0.4rem 0.5rem;
        min-height: 44px;
        border: 1px solid var(--border);
        border-radius: 6px;
        background: var(--bg);
        color: var(--fg);
      }
      details {
        margin-top: 2rem;
      }
      summary {
        cursor: pointer;
        min-height: 44px;
        line-height: 44px;
      }
    `,
  ];

  @query('input') private _input!: HTMLInputElement;
  @state() private _busy = '';
  @state() private _problem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Locked', { id: 'locked-title', desc: 'The document title while the library is locked' });
  }

  protected override firstUpdated(): void {
    this._input.focus();
  }

  private async _onUnlock(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const passphrase = this._input.value;
    this._problem = '';
    if (passphrase === '') {
      this._problem = msg('Type your passphrase.');
      return;
    }
    this._busy = msg('Checking the passphrase…');
    try {
      const { unlock } = await import('../lock/library-lock.ts');
      // Progress only when turning the lock on or off was interrupted and is finished now.
      await unlock(passphrase, {
        onProgress: ({ done, total }) => {
          const progress = recordsDone(done, total);
          this._busy = msg(str`Finishing what turning the lock on or off began: ${progress}…`);
        },
      });
      this._input.value = '';
    } catch (error) {
      const wrong = error instanceof Error && error.name === 'WrongPassphraseError';
      const reason = errorText(error);
      this._problem = wrong
        ? msg('That passphrase does not open this library. Nothing was changed; try again.')
        : msg(str`The library could not be unlocked: ${reason}`);
      this._input.select();
    } finally {
      this._busy = '';
    }
  }

  override render() {
    return html`<h1>${msg('Locked', { id: 'locked-heading', desc: 'The heading of the screen shown while the library is locked' })}</h1>
      <form @submit=${this._onUnlock}>
        <label for="passphrase">${msg('Passphrase')}</label>
        <input id="passphrase" type="password" autocomplete="current-password" ?disabled=${this._busy !== ''} />
        <button type="submit" ?disabled=${this._busy !== ''}>${msg('Unlock')}</button>
      </form>
      ${this._busy ? html`<p role="status">${this._busy}</p>` : nothing}
      ${this._problem ? html`<p role="alert" class="problem">${this._problem}</p>` : nothing}
      <details>
        <summary>${msg('Forgot the passphrase?')}</summary>
        <p>
          ${msg(
            'Nothing can open the library without it: not this app, not its makers, not anyone. What it holds is lost. To use the app again, wipe everything and start afresh; a backup file, if you made one, can be restored afterwards.',
          )}
        </p>
        <button class="danger" @click=${openWipeDialog}>${msg('Wipe everything…')}</button>
      </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-lock-screen': PamphletLockScreen;
  }
}
