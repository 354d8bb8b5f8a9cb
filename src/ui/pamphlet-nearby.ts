import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { NearbyCodeEvent, NearbyPickEvent } from './element-events.ts';
import { showReport } from '../import/import-queue.ts';
import { errorText } from '../l10n/note-text.ts';
import { chosenForNearby } from '../nearby/nearby-choice.ts';
import { CONNECT_TIMEOUT_MS, NearbyConnection } from '../nearby/nearby-connection.ts';
import { NearbyError } from '../nearby/nearby-error.ts';
import { receiveArticles } from '../nearby/nearby-receiver.ts';
import { sendArticles } from '../nearby/nearby-sender.ts';
import { failureText, finishedText, progressText, type NearbyRole } from '../nearby/nearby-text.ts';
import { NEARBY_RECEIVED } from '../app/performance-marks.ts';
import { NO_PROGRESS, type TransferProgress } from '../nearby/transfer-progress.ts';
import { columnScreenStyles, sharedStyles } from './shared-styles.ts';
import './pamphlet-nearby-camera.ts';
import './pamphlet-nearby-pick.ts';
import './pamphlet-qr-code.ts';

/** The receiver waits this long, its answer on screen, for the sender to scan it and connect. */
const ANSWER_WAIT_MS = 3 * 60_000;

type Phase =
  'start' | 'pick' | 'preparing' | 'offer' | 'scan-answer' | 'scan-offer' | 'answer' | 'connecting' | 'transfer' | 'finished' | 'failed';

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

  /** Straight to choosing what to send when the library's selection sent the reader here. */
  /** Off unless the reader says so: without it, the sending phone learns nothing of this library. */
  @state() private _tellWhatIsHere = false;
  @state() private _phase: Phase = chosenForNearby().length > 0 ? 'pick' : 'start';
  @state() private _role: NearbyRole = 'send';
  @state() private _code?: Uint8Array;
  @state() private _progress: TransferProgress = NO_PROGRESS;
  @state() private _problem = '';
  private _ids: readonly string[] = [];
  private _connection?: NearbyConnection;
  private _abort?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Nearby · Pamphlet');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._abort?.abort();
    this._connection?.close();
  }

  private _reset(phase: Phase): void {
    this._abort?.abort();
    this._connection?.close();
    this._connection = undefined;
    this._abort = new AbortController();
    this._code = undefined;
    this._problem = '';
    this._progress = NO_PROGRESS;
    this._phase = phase;
  }

  private _fail(error: unknown): void {
    this._connection?.close();
    this._connection = undefined;
    this._problem = error instanceof NearbyError ? failureText(error.failure, this._role, this._progress) : errorText(error);
    this._phase = 'failed';
  }

  private _onSend(): void {
    this._role = 'send';
    this._reset('pick');
  }

  private _onReceive(): void {
    this._role = 'receive';
    this._reset('scan-offer');
  }

  private _onPick(event: NearbyPickEvent): void {
    this._ids = event.ids;
    void this._offer();
  }

  private async _offer(): Promise<void> {
    this._reset('preparing');
    const signal = this._abort!.signal;
    try {
      const { connection, code } = await NearbyConnection.offer();
      if (signal !== this._abort?.signal) return connection.close();
      this._connection = connection;
      this._code = code;
      this._phase = 'offer';
    } catch (error) {
      if (signal === this._abort?.signal) this._fail(error);
    }
  }

  private async _onCode(event: NearbyCodeEvent): Promise<void> {
    const signal = this._abort!.signal;
    try {
      if (this._role === 'send') {
        this._phase = 'connecting';
        await this._connection!.accept(event.code);
        await this._connection!.opened(CONNECT_TIMEOUT_MS, signal);
        await this._send(this._connection!, signal);
      } else {
        const { connection, code } = await NearbyConnection.answer(event.code);
        if (signal !== this._abort?.signal) return connection.close();
        this._connection = connection;
        this._code = code;
        this._phase = 'answer';
        await connection.opened(ANSWER_WAIT_MS, signal);
        await this._receive(connection, signal);
      }
    } catch (error) {
      // A flow the reader has left (Cancel before the transfer, Start over) ends quietly.
      if (signal === this._abort?.signal) this._fail(error);
    }
  }

  private async _send(connection: NearbyConnection, signal: AbortSignal): Promise<void> {
    this._phase = 'transfer';
    this._progress = await sendArticles(connection, this._ids, { signal, onProgress: (progress) => (this._progress = progress) });
    await connection.closeAfterSending();
    this._phase = 'finished';
  }

  private async _receive(connection: NearbyConnection, signal: AbortSignal): Promise<void> {
    this._phase = 'transfer';
    const outcome = await receiveArticles(connection, msg('Nearby phone'), {
      signal,
      onProgress: (progress) => (this._progress = progress),
      tellWhatIsHere: this._tellWhatIsHere,
    });
    this._progress = outcome.progress;
    performance.mark(NEARBY_RECEIVED, { detail: outcome.timing });
    if (outcome.report.outcomes.length > 0 || outcome.report.error) showReport(outcome.report);
    await connection.closeAfterSending();
    if (outcome.error) this._fail(outcome.error);
    else this._phase = 'finished';
  }

  private _onCancel(): void {
    if (this._phase === 'transfer') this._abort?.abort();
    else this._reset('start');
  }

  private _status(): string {
    switch (this._phase) {
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
        return this._role === 'send' ? msg('Sending…') : msg('Receiving… Each article is checked and stored as soon as it is whole.');
      case 'finished':
        return finishedText(this._role, this._progress);
      default:
        return '';
    }
  }

  private _transfer() {
    if (this._phase !== 'transfer' && this._phase !== 'finished' && this._phase !== 'failed') return nothing;
    const { toSend, kept, notKept } = this._progress;
    if (toSend === 0 && this._phase !== 'transfer') return nothing;
    return html`<p>
      <label for="articles">${this._role === 'send' ? msg('Sent') : msg('Received')}</label>
      <progress id="articles" max=${Math.max(1, toSend)} .value=${kept + notKept}></progress>
      ${progressText(this._progress)}
    </p>`;
  }

  private _qr() {
    if (!this._code || (this._phase !== 'offer' && this._phase !== 'answer')) return nothing;
    const label = this._phase === 'offer' ? msg('Nearby code for the other phone') : msg('Answer code for the other phone');
    return html`<pamphlet-qr-code .payload=${this._code} label=${label} note=${msg('Hold this screen up to the other phone’s camera.')}></pamphlet-qr-code>`;
  }

  private _actions() {
    const phase = this._phase;
    return html`<div class="bar">
      ${
        phase === 'start'
          ? html`<button @click=${this._onSend}>${msg('Send articles')}</button>
            <button @click=${this._onReceive}>${msg('Receive articles')}</button>
            <label class="check consent"
              ><input type="checkbox" .checked=${this._tellWhatIsHere} @change=${(event: Event) => (this._tellWhatIsHere = (event.target as HTMLInputElement).checked)} />
              ${msg('When receiving, tell the other phone which of its articles are already here, so they are not sent again')}</label
            >`
          : nothing
      }
      ${phase === 'offer' ? html`<button @click=${() => (this._phase = 'scan-answer')}>${msg('Scan the answer')}</button>` : nothing}
      ${
        phase === 'failed' && (this._role === 'receive' || this._ids.length > 0)
          ? html`<button @click=${() => (this._role === 'send' ? this._offer() : this._onReceive())}>${msg('Connect again')}</button>`
          : nothing
      }
      ${
        phase === 'start' || phase === 'finished' || phase === 'failed'
          ? phase === 'start'
            ? nothing
            : html`<button class="secondary" @click=${() => this._reset('start')}>${msg('Start over')}</button>`
          : html`<button class="secondary" @click=${this._onCancel}>${msg('Cancel')}</button>`
      }
    </div>`;
  }

  override render() {
    const phase = this._phase;
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
      ${this._problem ? html`<p class="error" role="alert">${this._problem}</p>` : nothing}
      ${this._actions()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-nearby': PamphletNearby;
  }
}
