import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { openWipeDialog } from '../wipe/wipe-request.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-lock-settings.ts';

/** Settings for a reader whose phone may be searched: the library lock, discreet mode, the wipe. */
@customElement('pamphlet-privacy-settings')
export class PamphletPrivacySettings extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 1px solid var(--border);
        border-radius: 8px;
        margin: 0 0 1.25rem;
        padding: 0.75rem 1rem 1rem;
      }
      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }
      button.danger {
        color: #ffffff;
        background: var(--refused);
        border-color: var(--refused);
      }
    `,
  ];

  private _wipe() {
    return html`<fieldset>
      <legend>Wipe</legend>
      <p>Removes the whole library and everything else Pamphlet keeps in this browser, at once. The launcher’s “Wipe everything” shortcut opens this too.</p>
      <button class="danger" @click=${openWipeDialog}>Wipe everything…</button>
    </fieldset>`;
  }

  override render() {
    return html`<fieldset>
        <legend>Library lock</legend>
        <pamphlet-lock-settings></pamphlet-lock-settings>
      </fieldset>
      ${this._wipe()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-privacy-settings': PamphletPrivacySettings;
  }
}
