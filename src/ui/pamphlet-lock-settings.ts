import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { afterIdle, idleDuration, recordsDone } from '../l10n/counts.ts';
import { DEFAULT_IDLE_MINUTES, IDLE_CHOICES } from '../lock/idle-choices.ts';
import { idleMinutes, lockNow, lockStatus, onLockStatus, type LockStatus } from '../lock/lock-status.ts';
import { sharedStyles } from './shared-styles.ts';
import { formText } from './form-text.ts';
import { problemOf } from './passphrase-problem.ts';

const field = formText;

/** The library lock in Settings: turn it on, choose when it locks, change the passphrase, turn it off. */
@customElement('pamphlet-lock-settings')
@localized()
export class PamphletLockSettings extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      /* Each label above its field, and the field as wide as the column: a passphrase is read
         back as it is typed, and a field a few letters wide shows a few letters of it. */
      form {
        display: grid;
        gap: 0.25rem;
        grid-template-columns: minmax(0, 24rem);
        margin: 0.75rem 0;
      }
      label:not(:first-child) {
        margin-top: 0.5rem;
      }
      form button {
        grid-column: 1 / -1;
        justify-self: start;
        margin-top: 0.25rem;
      }
      input,
      select {
        min-height: 44px;
        padding: 0 0.5rem;
      }
      .problem {
        color: var(--refused);
      }
      details {
        margin-top: 0.75rem;
      }
      summary {
        cursor: pointer;
        min-height: 44px;
        line-height: 44px;
      }
    `,
  ];

  @state() private _status?: LockStatus;
  @state() private _idle = DEFAULT_IDLE_MINUTES;
  @state() private _busy = '';
  @state() private _message = '';
  @state() private _problem = '';
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this._unsubscribe = onLockStatus((status) => void this._refresh(status));
    void lockStatus().then((status) => this._refresh(status));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  private async _refresh(status: LockStatus): Promise<void> {
    this._status = status;
    this._idle = (await idleMinutes()) ?? DEFAULT_IDLE_MINUTES;
  }

  /** Runs one lock action with its progress in words, and its refusal as a clear message. */
  private async _run(
    busy: string,
    action: (lock: typeof import('../lock/library-lock.ts')) => Promise<string>,
    wrong = '',
  ): Promise<boolean> {
    this._problem = '';
    this._message = '';
    this._busy = busy;
    try {
      this._message = await action(await import('../lock/library-lock.ts'));
      return true;
    } catch (error) {
      this._problem = problemOf(error, wrong);
      return false;
    } finally {
      this._busy = '';
    }
  }

  private async _onTurnOn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const idle = Number(field(form, 'idle')) || DEFAULT_IDLE_MINUTES;
    const done = await this._run(msg('Turning the lock on…'), async ({ turnLockOn }) => {
      await turnLockOn(field(form, 'passphrase'), field(form, 'again'), idle, {
        onProgress: ({ done, total }) => {
          const progress = recordsDone(done, total);
          this._busy = msg(str`Encrypting the library: ${progress}…`);
        },
      });
      return msg('The lock is on. Everything in the library is encrypted.');
    });
    if (done) form.reset();
  }

  private async _onChange(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const done = await this._run(
      msg('Changing the passphrase…'),
      async ({ changePassphrase }) => {
        await changePassphrase(field(form, 'current'), field(form, 'next'), field(form, 'again'));
        return msg('The passphrase is changed. Everything in the library is as it was; use the new passphrase from now on.');
      },
      msg('The current passphrase is not right. Nothing was changed.'),
    );
    if (done) form.reset();
  }

  private async _onTurnOff(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const done = await this._run(
      msg('Turning the lock off…'),
      async ({ turnLockOff }) => {
        await turnLockOff(field(form, 'passphrase'), {
          onProgress: ({ done, total }) => {
            const progress = recordsDone(done, total);
            this._busy = msg(str`Decrypting the library: ${progress}…`);
          },
        });
        return msg('The lock is off. The library is no longer encrypted.');
      },
      msg('That passphrase does not open this library. The lock stays on.'),
    );
    if (done) form.reset();
  }

  private async _onIdle(event: Event): Promise<void> {
    const minutes = Number((event.target as HTMLSelectElement).value);
    await this._run('', async ({ setIdleMinutes }) => {
      await setIdleMinutes(minutes);
      this._idle = minutes;
      const after = afterIdle(minutes);
      return msg(str`The library now locks ${after}.`);
    });
  }

  private _idleSelect(onChange?: (event: Event) => void) {
    return html`<label for="idle">${msg('Lock after this long without use')}</label>
      <select id="idle" name="idle" @change=${onChange}>
        ${IDLE_CHOICES.map((minutes) => html`<option value=${minutes} ?selected=${minutes === this._idle}>${idleDuration(minutes)}</option>`)}
      </select>`;
  }

  private _off() {
    return html`<p>
        ${msg(
          'The lock encrypts everything in the library with a passphrase you choose: articles, images, what you have read, your collections, sources, trusted publishers and the search index. Anyone who opens the app, or copies its storage, sees nothing without the passphrase.',
        )}
      </p>
      <p>${msg(html`<strong>If you forget the passphrase, nothing can open the library again;</strong> the only way on is to wipe it.`)}</p>
      <form @submit=${this._onTurnOn}>
        <label for="lock-passphrase">${msg('Passphrase')}</label>
        <input id="lock-passphrase" name="passphrase" type="password" autocomplete="new-password" />
        <label for="lock-again">${msg('Passphrase again')}</label>
        <input id="lock-again" name="again" type="password" autocomplete="new-password" />
        ${this._idleSelect()}
        <button type="submit" ?disabled=${this._busy !== ''}>${msg('Turn the lock on')}</button>
      </form>`;
  }

  private _on() {
    const after = afterIdle(this._idle);
    return html`<p>${msg(str`On. The library is locked whenever the app starts, and ${after}.`)}</p>
      <form @submit=${(event: Event) => event.preventDefault()}>${this._idleSelect((event) => void this._onIdle(event))}</form>
      <button class="secondary" @click=${lockNow}>${msg('Lock now')}</button>
      <p class="muted">${msg('Backup files are not encrypted by the lock: keep them somewhere safe.')}</p>
      <details>
        <summary>${msg('Change the passphrase')}</summary>
        <form @submit=${this._onChange}>
          <label for="lock-current">${msg('Current passphrase')}</label>
          <input id="lock-current" name="current" type="password" autocomplete="current-password" />
          <label for="lock-next">${msg('New passphrase')}</label>
          <input id="lock-next" name="next" type="password" autocomplete="new-password" />
          <label for="lock-next-again">${msg('New passphrase again')}</label>
          <input id="lock-next-again" name="again" type="password" autocomplete="new-password" />
          <button type="submit" ?disabled=${this._busy !== ''}>${msg('Change passphrase')}</button>
        </form>
      </details>
      <details>
        <summary>${msg('Turn the lock off')}</summary>
        <form @submit=${this._onTurnOff}>
          <label for="lock-off-passphrase">${msg('Passphrase')}</label>
          <input id="lock-off-passphrase" name="passphrase" type="password" autocomplete="current-password" />
          <button type="submit" class="secondary" ?disabled=${this._busy !== ''}>${msg('Decrypt the library and turn the lock off')}</button>
        </form>
      </details>`;
  }

  override render() {
    if (!this._status) return html`<p class="muted">${msg('Checking…')}</p>`;
    return html`${this._status === 'off' ? this._off() : this._on()}
      ${this._busy ? html`<p role="status">${this._busy}</p>` : html`<p role="status">${this._message}</p>`}
      ${this._problem ? html`<p role="alert" class="problem">${this._problem}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-lock-settings': PamphletLockSettings;
  }
}
