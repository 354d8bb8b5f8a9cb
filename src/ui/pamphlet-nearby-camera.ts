import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { NearbyCodeEvent } from './element-events.ts';
import { errorText } from '../l10n/note-text.ts';
import { decodeSignal, SignalCodeError, type SignalCode } from '../shared/nearby/signal-code.ts';
import { CameraError, QrReader } from '../scan/qr-reader.ts';
import { sharedStyles } from './shared-styles.ts';

/** Why a code in view cannot be used, in words that say what to point at instead. */
function codeProblem(error: SignalCodeError, expected: SignalCode['kind']): string {
  switch (error.reason) {
    case 'wrong-kind':
      return expected === 'answer'
        ? msg('That is a Nearby code to send, not an answer. Scan the code the other phone shows after it chose Receive.')
        : msg('That is an answer, not a code to receive from. Scan the code the other phone shows after it chose Send.');
    case 'no-candidates':
      return msg(
        'That Nearby code has no network address in it: the other phone is on no network. Join both phones to the same Wi-Fi or hotspot.',
      );
    case 'not-local': {
      const address = error.address ?? '';
      return msg(
        str`That Nearby code names ${address}, which is not an address on a Wi-Fi or hotspot: Nearby connects only phones on the same local network, so it was not used. Join both phones to the same Wi-Fi or hotspot and make a new code.`,
      );
    }
    default:
      return msg('That is not a Nearby code. Scan the code on the other phone’s Nearby screen.');
  }
}

/**
 * The camera, reading the other phone's Nearby code (its offer, or its answer) through the same
 * reader as the Scan screen. Sends the code up as a `NearbyCodeEvent` and stops.
 */
@customElement('pamphlet-nearby-camera')
@localized()
export class PamphletNearbyCamera extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      video {
        display: block;
        width: 100%;
        max-height: 50vh;
        background: #000;
        border-radius: 8px;
        object-fit: cover;
      }
      .error {
        color: var(--refused);
        font-weight: 600;
      }
    `,
  ];

  @property() expected: SignalCode['kind'] = 'offer';
  @query('video') private _video!: HTMLVideoElement;
  @state() private _problem = '';
  @state() private _note = '';
  @state() private _started = false;
  private _reader?: QrReader;
  private _done = false;

  protected override firstUpdated(): void {
    void this._start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._reader?.stop();
  }

  private async _start(): Promise<void> {
    this._reader = new QrReader((bytes) => this._accept(bytes));
    try {
      await this._reader.start(this._video);
      this._started = true;
    } catch (error) {
      this._reader.stop();
      const reason = errorText(error);
      this._problem = error instanceof CameraError ? reason : msg(str`The camera could not be started: ${reason}`);
    }
  }

  private async _accept(bytes: Uint8Array): Promise<boolean> {
    if (this._done) return true;
    try {
      const code = await decodeSignal(bytes, this.expected);
      if (this._done) return true;
      this._done = true;
      this._reader?.stop();
      this.dispatchEvent(new NearbyCodeEvent(code));
      return true;
    } catch (error) {
      if (!(error instanceof SignalCodeError)) throw error;
      this._note = codeProblem(error, this.expected);
      return false;
    }
  }

  override render() {
    return html`<video aria-label=${msg('Camera')} muted playsinline></video>
      <p role="status">
        ${this._started ? nothing : this._problem ? nothing : msg('Starting the camera…')}
        ${this._started ? (this.expected === 'offer' ? msg('Looking for the other phone’s code…') : msg('Looking for the other phone’s answer…')) : nothing}
        ${this._note ? html` ${this._note}` : nothing}
      </p>
      ${this._problem ? html`<p class="error" role="alert">${this._problem}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-nearby-camera': PamphletNearbyCamera;
  }
}
