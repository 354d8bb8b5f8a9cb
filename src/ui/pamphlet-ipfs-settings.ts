import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getSettings, saveSetting } from '../browser/storage/settings.ts';
import { DEFAULT_GATEWAYS, gatewayList, gatewayProblem } from '../shared/ipfs/default-gateways.ts';
import { settingsSectionStyles } from './settings-styles.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * The IPFS gateways that mirrors at ipfs:// and ipns:// addresses are read through: the reader's
 * list, one address per line, asked in that order and no other. A gateway is not trusted (every
 * block is checked), but each one asked learns the reader's address and what they fetch.
 */
@customElement('pamphlet-ipfs-settings')
@localized()
export class PamphletIpfsSettings extends LitElement {
  static override styles = [
    sharedStyles,
    settingsSectionStyles,
    css`
      :host {
        display: block;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        font-family: monospace;
      }
      .problem {
        color: var(--refused);
      }
    `,
  ];

  @state() private _gateways = '';
  @state() private _problem = '';
  @state() private _saved = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void getSettings().then((settings) => (this._gateways = settings.ipfsGateways));
  }

  private async _onSave(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const text = ((event.target as HTMLFormElement).elements.namedItem('gateways') as HTMLTextAreaElement).value;
    const list = gatewayList(text);
    for (const line of list) {
      if (gatewayProblem(line)) {
        this._saved = '';
        this._problem = msg(
          str`“${line}” is not a gateway’s address: give one web address per line, such as https://trustless-gateway.link.`,
        );
        return;
      }
    }
    this._problem = '';
    this._gateways = list.join('\n');
    await saveSetting('ipfsGateways', this._gateways);
    this._saved = list.length === 0 ? msg('Saved. With no gateway, mirrors on IPFS are not synced.') : msg('Saved.');
  }

  private _onDefaults(): Promise<void> {
    this._gateways = DEFAULT_GATEWAYS.join('\n');
    this._problem = '';
    this._saved = msg('Saved.');
    return saveSetting('ipfsGateways', this._gateways);
  }

  override render() {
    return html`<fieldset>
      <legend>${msg('IPFS')}</legend>
      <form @submit=${this._onSave}>
        <label for="gateways">${msg('IPFS gateways')}</label>
        <textarea id="gateways" name="gateways" rows="4" dir="ltr" autocomplete="off" spellcheck="false" .value=${this._gateways}></textarea>
        <p class="muted">
          ${msg(
            'One address per line, asked in this order, and no other. Mirrors at ipfs:// and ipns:// addresses are read through them; every block is checked, so a gateway cannot alter an article, but each one asked learns your address and what you fetch.',
          )}
        </p>
        <button class="secondary" type="submit">${msg('Save gateways')}</button>
        <button class="secondary" type="button" @click=${this._onDefaults}>${msg('Use the default gateways')}</button>
      </form>
      ${this._problem ? html`<p role="alert" class="problem">${this._problem}</p>` : nothing}
      <p role="status">${this._saved}</p>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-ipfs-settings': PamphletIpfsSettings;
  }
}
