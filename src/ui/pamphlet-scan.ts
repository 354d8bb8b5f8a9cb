import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { formatPercent } from '../l10n/format.ts';
import { importPayload } from '../import/import-queue.ts';
import { errorText } from '../l10n/note-text.ts';
import { decodeCompactPayload } from '../shared/bundle/compact-payload.ts';
import { FountainDecoder, readFrame } from '../shared/qr/fountain.ts';
import { isSignalCode } from '../shared/nearby/signal-code.ts';
import { CameraError, QrReader } from '../scan/qr-reader.ts';
import { columnScreenStyles, sharedStyles } from './shared-styles.ts';

type Phase = 'starting' | 'scanning' | 'received' | 'failed' | 'stopped';

/**
 * Receives articles through the camera: one QR code, or an animated run of them from another
 * phone, rebuilt by the fountain decoder in whatever order frames are caught. It stops by itself
 * once it has everything and hands the payload to the import, which gives the verdicts.
 */
@customElement('pamphlet-scan')
@localized()
export class PamphletScan extends LitElement {
  static override styles = [
    sharedStyles,
    columnScreenStyles,
    css`
      video {
        display: block;
        width: 100%;
        max-height: 60vh;
        background: #000;
        border-radius: 8px;
        object-fit: cover;
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
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0.75rem 0;
      }
    `,
  ];

  @query('video') private _video!: HTMLVideoElement;
  @state() private _phase: Phase = 'starting';
  @state() private _progress = 0;
  @state() private _problem = '';
  @state() private _note = '';
  private _reader?: QrReader;
  private _decoder = new FountainDecoder();

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Scan · Pamphlet');
  }

  protected override firstUpdated(): void {
    void this._start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._reader?.stop();
  }

  private async _start(): Promise<void> {
    this._decoder = new FountainDecoder();
    this._progress = 0;
    this._problem = '';
    this._note = '';
    this._phase = 'starting';
    this._reader = new QrReader((bytes) => this._accept(bytes));
    try {
      await this._reader.start(this._video);
      this._phase = 'scanning';
    } catch (error) {
      this._reader.stop();
      this._phase = 'failed';
      const reason = errorText(error);
      this._problem = error instanceof CameraError ? reason : msg(str`The camera could not be started: ${reason}`);
    }
  }

  private _stop(): void {
    this._reader?.stop();
    this._phase = 'stopped';
  }

  /** One code's bytes: a frame of an animated run, or a whole payload in one code. */
  private async _accept(bytes: Uint8Array): Promise<boolean> {
    if (this._phase !== 'scanning') return true;
    if (readFrame(bytes)) {
      this._decoder.add(bytes);
      this._progress = this._decoder.progress;
      const payload = this._decoder.payload;
      if (payload) this._finish(payload);
      return true;
    }
    if (isSignalCode(bytes)) {
      this._note = msg(
        'That is a code for Nearby, which moves articles over Wi-Fi: open Nearby on this phone and choose Receive to scan it there.',
      );
      return false;
    }
    try {
      await decodeCompactPayload(bytes);
    } catch {
      this._note = msg('That QR code is not one of Pamphlet’s.');
      return false;
    }
    this._progress = 1;
    this._finish(bytes);
    return true;
  }

  private _finish(payload: Uint8Array): void {
    this._reader?.stop();
    this._phase = 'received';
    importPayload(payload, msg('QR code'));
  }

  override render() {
    const percent = Math.round(this._progress * 100);
    return html`
      <h1>${msg('Scan', { id: 'scan-heading', desc: 'The heading of the screen that reads QR codes with the camera' })}</h1>
      <p>${msg('Point the camera at a Pamphlet QR code, or at the moving codes on the other phone, and keep them in view until the bar is full.')}</p>
      <video aria-label=${msg('Camera')} muted playsinline></video>
      <p>
        <label for="received">${msg('Received')}</label> <progress id="received" max="100" .value=${percent}></progress>
        ${formatPercent(this._progress)}
      </p>
      <div role="status">
        ${this._phase === 'starting' ? msg('Starting the camera…') : nothing}
        ${this._phase === 'scanning' ? (this._progress > 0 ? msg('Reading the codes…') : msg('Looking for a code…')) : nothing}
        ${this._phase === 'received' ? msg('Received everything. The import report above says what it is and who signed it.') : nothing}
        ${this._note && this._phase === 'scanning' ? html` ${this._note}` : nothing}
      </div>
      ${
        this._problem
          ? html`<div role="alert">
            <p class="error">${this._problem}</p>
            <p>${msg(html`Other ways in: open a link someone sent you, or use Import in the <a href="./">library</a> for a file.`)}</p>
          </div>`
          : nothing
      }
      <div class="bar">
        ${this._phase === 'scanning' ? html`<button class="secondary" @click=${this._stop}>${msg('Stop')}</button>` : nothing}
        ${
          this._phase === 'received' || this._phase === 'stopped' || this._phase === 'failed'
            ? html`<button class="secondary" @click=${() => this._start()}>${msg('Scan again')}</button>`
            : nothing
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-scan': PamphletScan;
  }
}
