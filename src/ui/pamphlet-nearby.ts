import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { NearbyCodeEvent, NearbyPickEvent } from './element-events.ts';
import { finishedText, progressText } from '../nearby/nearby-text.ts';
import { assertNever } from '../shared/assert-never.ts';
import { NearbyController } from './nearby-controller.ts';
import { columnScreenStyles, sharedStyles } from './shared-styles.ts';
import './pamphlet-nearby-camera.ts';
import './pamphlet-nearby-pick.ts';
import './pamphlet-qr-code.ts';

/**
 * Phone to phone over a shared Wi-Fi or hotspot, with no internet (docs/nearby.md): one phone
 * shows a code with its WebRTC offer, the other scans it and shows its answer, the first scans
 * that, and a data channel carries the articles as bundles, each checked and imported whole.
 */
@customElement('pamphlet-nearby')
@localized()
export class PamphletNearby extends LitElement {
  static override styles = [
    sharedStyles,
    columnScreenStyles,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0.75rem 0;
      }
      .consent {
        flex-basis: 100%;
      }
      progress {
        width: 100%;
        height: 0.9rem;
        accent-color: var(--accent);
      }
      .error {
        color: var(--refused);
        font-weight: 600;
      }
    `,
  ];

  private _nearby = new NearbyController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Nearby · Pamphlet');
  }

  private _onPick(event: NearbyPickEvent): void {
    this._nearby.pick(event.ids);
  }

  private _onCode(event: NearbyCodeEvent): void {
    void this._nearby.scanned(event.code);
  }

  private _onTellWhatIsHere(event: Event): void {
    this._nearby.tellWhatIsHere((event.target as HTMLInputElement).checked);
  }

  private _status(): string {
    const { phase, role, progress } = this._nearby.state;
    switch (phase) {
      case 'preparing':
        return msg('Making the code…');
      case 'offer':
        return msg(
          'Step 1 of 2: on the other phone, open Nearby and choose Receive, then point it at this code. When it shows its answer, scan that.',
        );
      case 'scan-answer':
        return msg('Step 2 of 2: point this phone’s camera at the answer on the other phone.');
      case 'scan-offer':
        return msg('Point the camera at the code on the other phone (it chose Send).');
      case 'answer':
        return msg('Now let the other phone scan this answer. The transfer starts as soon as the phones connect.');
      case 'connecting':
        return msg('Connecting to the other phone…');
      case 'transfer':
        return role === 'send' ? msg('Sending…') : msg('Receiving… Each article is checked and stored as soon as it is whole.');
      case 'finished':
        return finishedText(role, progress);
      case 'start':
      case 'pick':
      case 'failed':
        return '';
      default:
        return assertNever(phase);
    }
  }

  private _transfer() {
    const { phase, role, progress } = this._nearby.state;
    if (phase !== 'transfer' && phase !== 'finished' && phase !== 'failed') return nothing;
    const { toSend, kept, notKept } = progress;
    if (toSend === 0 && phase !== 'transfer') return nothing;
    return html`<p>
      <label for="articles">${role === 'send' ? msg('Sent') : msg('Received')}</label>
      <progress id="articles" max=${Math.max(1, toSend)} .value=${kept + notKept}></progress>
      ${progressText(progress)}
    </p>`;
  }

  private _qr() {
    const { phase, code } = this._nearby.state;
    if (!code || (phase !== 'offer' && phase !== 'answer')) return nothing;
    const label = phase === 'offer' ? msg('Nearby code for the other phone') : msg('Answer code for the other phone');
    return html`<pamphlet-qr-code .payload=${code} label=${label} note=${msg('Hold this screen up to the other phone’s camera.')}></pamphlet-qr-code>`;
  }

  private _actions() {
    const nearby = this._nearby;
    const { phase, tellWhatIsHere } = nearby.state;
    return html`<div class="bar">
      ${
        phase === 'start'
          ? html`<button @click=${() => nearby.send()}>${msg('Send articles')}</button>
            <button @click=${() => nearby.receive()}>${msg('Receive articles')}</button>
            <label class="check consent"
              ><input type="checkbox" .checked=${tellWhatIsHere} @change=${this._onTellWhatIsHere} />
              ${msg('When receiving, tell the other phone which of its articles are already here, so they are not sent again')}</label
            >`
          : nothing
      }
      ${phase === 'offer' ? html`<button @click=${() => nearby.scanAnswer()}>${msg('Scan the answer')}</button>` : nothing}
      ${
        phase === 'failed' && nearby.canConnectAgain
          ? html`<button @click=${() => nearby.connectAgain()}>${msg('Connect again')}</button>`
          : nothing
      }
      ${
        phase === 'start' || phase === 'finished' || phase === 'failed'
          ? phase === 'start'
            ? nothing
            : html`<button class="secondary" @click=${() => nearby.startOver()}>${msg('Start over')}</button>`
          : html`<button class="secondary" @click=${() => nearby.cancel()}>${msg('Cancel')}</button>`
      }
    </div>`;
  }

  override render() {
    const { phase, problem } = this._nearby.state;
    return html`
      <h1>${msg('Nearby', { id: 'nearby-heading', desc: 'The heading of the screen that moves articles between two phones on the same Wi-Fi' })}</h1>
      <p>
        ${msg('Move articles to a phone next to you over the same Wi-Fi or hotspot, with no internet: the phones scan each other’s codes, then talk directly. Every article is checked on arrival.')}
      </p>
      ${phase === 'pick' ? html`<pamphlet-nearby-pick @pamphlet-nearby-pick=${this._onPick}></pamphlet-nearby-pick>` : nothing}
      ${this._qr()}
      ${
        phase === 'scan-answer' || phase === 'scan-offer'
          ? html`<pamphlet-nearby-camera expected=${phase === 'scan-offer' ? 'offer' : 'answer'} @pamphlet-nearby-code=${this._onCode}></pamphlet-nearby-camera>`
          : nothing
      }
      ${this._transfer()}
      <p role="status">${this._status()}</p>
      ${problem ? html`<p class="error" role="alert">${problem}</p>` : nothing}
      ${this._actions()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-nearby': PamphletNearby;
  }
}
