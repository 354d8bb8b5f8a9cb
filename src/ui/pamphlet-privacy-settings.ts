import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { discreetName, discreetOn, setDiscreet } from '../discreet/discreet-mode.ts';
import { openWipeDialog } from '../wipe/wipe-request.ts';
import { settingsSectionStyles } from './settings-styles.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-lock-settings.ts';

/** Settings for a reader whose phone may be searched: the library lock, discreet mode, the wipe. */
@customElement('pamphlet-privacy-settings')
@localized()
export class PamphletPrivacySettings extends LitElement {
  static override styles = [
    sharedStyles,
    settingsSectionStyles,
    css`
      :host {
        display: block;
      }
      button.danger {
        color: var(--bg);
        background: var(--refused);
        border-color: var(--refused);
      }
    `,
  ];

  @state() private _discreet = discreetOn();

  private _onDiscreet(event: Event): void {
    this._discreet = (event.target as HTMLInputElement).checked;
    setDiscreet(this._discreet);
  }

  private _discreetMode() {
    const name = discreetName();
    return html`<fieldset>
      <legend>${msg('Discreet mode')}</legend>
      <label class="check"><input type="checkbox" .checked=${this._discreet} @change=${this._onDiscreet} /> ${msg(str`Go by “${name}”, with a plain icon`)}</label>
      <p class="muted">
        ${msg(
          str`The browser tab, the task switcher and the share sheet then show “${name}” and no article title. An installed app takes the new name and icon on the home screen when the phone next checks it, which can take a day or more (on some phones, only after installing it again). Anyone who opens the app still sees what is in it: the library lock keeps that from them.`,
        )}
      </p>
    </fieldset>`;
  }

  private _wipe() {
    return html`<fieldset>
      <legend>${msg('Wipe')}</legend>
      <p>
        ${msg('Removes the whole library and everything else Pamphlet keeps in this browser, at once. The launcher’s “Wipe everything” shortcut opens this too.')}
      </p>
      <button class="danger" @click=${openWipeDialog}>${msg('Wipe everything…')}</button>
    </fieldset>`;
  }

  override render() {
    return html`<fieldset>
        <legend>${msg('Library lock')}</legend>
        <pamphlet-lock-settings></pamphlet-lock-settings>
      </fieldset>
      ${this._discreetMode()} ${this._wipe()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-privacy-settings': PamphletPrivacySettings;
  }
}
