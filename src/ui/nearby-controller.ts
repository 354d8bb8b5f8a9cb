import { msg } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NEARBY_RECEIVED } from '../app/performance-marks.ts';
import { showReport } from '../import/import-queue.ts';
import { errorText } from '../l10n/note-text.ts';
import { chosenForNearby } from '../nearby/nearby-choice.ts';
import { CONNECT_TIMEOUT_MS, NearbyConnection } from '../nearby/nearby-connection.ts';
import { NearbyError } from '../nearby/nearby-error.ts';
import { receiveArticles } from '../nearby/nearby-receiver.ts';
import { sendArticles } from '../nearby/nearby-sender.ts';
import { failureText, type NearbyRole } from '../nearby/nearby-text.ts';
import type { SignalCode } from '../shared/nearby/signal-code.ts';
import { NO_PROGRESS, type TransferProgress } from '../nearby/transfer-progress.ts';

/** The receiver waits this long, its answer on screen, for the sender to scan it and connect. */
const ANSWER_WAIT_MS = 3 * 60_000;

export type NearbyPhase =
  'start' | 'pick' | 'preparing' | 'offer' | 'scan-answer' | 'scan-offer' | 'answer' | 'connecting' | 'transfer' | 'finished' | 'failed';

/** What the Nearby screen shows. */
export interface NearbyState {
  phase: NearbyPhase;
  role: NearbyRole;
  /** The offer or the answer, for the other phone to scan. */
  code?: Uint8Array;
  progress: TransferProgress;
  problem: string;
  /** Off unless the reader says so: without it, the sending phone learns nothing of this library. */
  tellWhatIsHere: boolean;
}

/**
 * One phone-to-phone transfer, step by step (docs/nearby.md): the sender picks articles and shows
 * its offer, the receiver scans it and shows its answer, the sender scans that, and the connection
 * carries the articles. Leaving a step (Cancel, Start over, leaving the screen) aborts it quietly.
 */
export class NearbyController implements ReactiveController {
  state: NearbyState = {
    // Straight to choosing what to send when the library's selection sent the reader here.
    phase: chosenForNearby().length > 0 ? 'pick' : 'start',
    role: 'send',
    progress: NO_PROGRESS,
    problem: '',
    tellWhatIsHere: false,
  };
  private _ids: readonly string[] = [];
  private _connection?: NearbyConnection;
  private _abort?: AbortController;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this._abort?.abort();
    this._connection?.close();
  }

  /** After a failure, whether there is something to connect again for. */
  get canConnectAgain(): boolean {
    return this.state.role === 'receive' || this._ids.length > 0;
  }

  send(): void {
    this._set({ role: 'send' });
    this._reset('pick');
  }

  receive(): void {
    this._set({ role: 'receive' });
    this._reset('scan-offer');
  }

  pick(ids: readonly string[]): void {
    this._ids = ids;
    void this._offer();
  }

  connectAgain(): void {
    if (this.state.role === 'send') void this._offer();
    else this.receive();
  }

  scanAnswer(): void {
    this._set({ phase: 'scan-answer' });
  }

  tellWhatIsHere(tell: boolean): void {
    this._set({ tellWhatIsHere: tell });
  }

  /** The transfer stops where it is; any other step goes back to the start. */
  cancel(): void {
    if (this.state.phase === 'transfer') this._abort?.abort();
    else this._reset('start');
  }

  startOver(): void {
    this._reset('start');
  }

  /** The camera read the other phone's code: the receiver's offer, or the sender's answer. */
  async scanned(code: SignalCode): Promise<void> {
    const signal = this._abort!.signal;
    try {
      if (this.state.role === 'send') {
        this._set({ phase: 'connecting' });
        await this._connection!.accept(code);
        await this._connection!.opened(CONNECT_TIMEOUT_MS, signal);
        await this._send(this._connection!, signal);
      } else {
        const answer = await NearbyConnection.answer(code);
        if (signal !== this._abort?.signal) return answer.connection.close();
        this._connection = answer.connection;
        this._set({ code: answer.code, phase: 'answer' });
        await answer.connection.opened(ANSWER_WAIT_MS, signal);
        await this._receive(answer.connection, signal);
      }
    } catch (error) {
      // A flow the reader has left (Cancel before the transfer, Start over) ends quietly.
      if (signal === this._abort?.signal) this._fail(error);
    }
  }

  private _set(changes: Partial<NearbyState>): void {
    this.state = { ...this.state, ...changes };
    this.host.requestUpdate();
  }

  private _reset(phase: NearbyPhase): void {
    this._abort?.abort();
    this._connection?.close();
    this._connection = undefined;
    this._abort = new AbortController();
    this._set({ code: undefined, problem: '', progress: NO_PROGRESS, phase });
  }

  private _fail(error: unknown): void {
    this._connection?.close();
    this._connection = undefined;
    const { role, progress } = this.state;
    this._set({ problem: error instanceof NearbyError ? failureText(error.failure, role, progress) : errorText(error), phase: 'failed' });
  }

  private async _offer(): Promise<void> {
    this._reset('preparing');
    const signal = this._abort!.signal;
    try {
      const { connection, code } = await NearbyConnection.offer();
      if (signal !== this._abort?.signal) return connection.close();
      this._connection = connection;
      this._set({ code, phase: 'offer' });
    } catch (error) {
      if (signal === this._abort?.signal) this._fail(error);
    }
  }

  private async _send(connection: NearbyConnection, signal: AbortSignal): Promise<void> {
    this._set({ phase: 'transfer' });
    const progress = await sendArticles(connection, this._ids, { signal, onProgress: (progress) => this._set({ progress }) });
    this._set({ progress });
    await connection.closeAfterSending();
    this._set({ phase: 'finished' });
  }

  private async _receive(connection: NearbyConnection, signal: AbortSignal): Promise<void> {
    this._set({ phase: 'transfer' });
    const outcome = await receiveArticles(connection, msg('Nearby phone'), {
      signal,
      onProgress: (progress) => this._set({ progress }),
      tellWhatIsHere: this.state.tellWhatIsHere,
    });
    this._set({ progress: outcome.progress });
    performance.mark(NEARBY_RECEIVED, { detail: outcome.timing });
    if (outcome.report.outcomes.length > 0 || outcome.report.error) showReport(outcome.report);
    await connection.closeAfterSending();
    if (outcome.error) this._fail(outcome.error);
    else this._set({ phase: 'finished' });
  }
}
