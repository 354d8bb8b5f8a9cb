import { ListenerSet } from '../shared/listener-set.ts';
import { moveCode, moveMessage, readMoveMessage, type MoveMessage } from './move-messages.ts';

/** Where the receiving side of a move stands, for its screen. */
export type ReceiveState =
  | { step: 'no-sender' }
  | { step: 'waiting' }
  | { step: 'offered'; from: string; code: string; articles: number }
  | { step: 'receiving'; from: string; code: string; received: number; total: number }
  | { step: 'restoring'; from: string }
  | { step: 'done'; from: string; articles: number; refused: number }
  | { step: 'stopped'; why: 'declined' | 'cancelled' | 'failed'; problem?: string };

/** The sender's origin, as the address names it; undefined when it names none (or not a web origin). */
function senderOrigin(): string | undefined {
  const from = new URLSearchParams(location.search).get('from');
  try {
    const url = new URL(from ?? '');
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === from ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores a received library, as far as the reader chooses; what it returns is told back to the
 * sender, undefined when the reader chose to take nothing.
 */
export type StoreLibrary = (text: string, from: string) => Promise<{ articles: number; refused: number } | undefined>;

/**
 * The new address's side of a move: it hears only the window that opened it (`window.opener`), at
 * the origin its address names (`?from=`, put there by the sender and shown to the reader), and
 * once that window offered a library, only that session; a message of any other window or origin
 * is not read. Nothing is stored until every part has arrived and the reader accepted: a move cut
 * off leaves this library as it was.
 */
export class LibraryReceiver {
  readonly states = new ListenerSet<ReceiveState>();
  private sender?: { origin: string; session: string; chunks: number; bytes: number; code: string };
  /** How much of the library has arrived, in UTF-16 units: never more than the offer said. */
  private receivedLength = 0;
  private parts: string[] = [];
  private over = false;
  private readyTimer?: ReturnType<typeof setInterval>;
  private offerTaken = false;

  private readonly from = senderOrigin();

  constructor(private readonly store: StoreLibrary) {}

  /** Tells the opener this address is ready; `no-sender` when no window of a named origin opened this one. */
  start(): void {
    if (!window.opener || !this.from) return this.states.notify({ step: 'no-sender' });
    addEventListener('message', this.onMessage);
    this.states.notify({ step: 'waiting' });
    // Said again until an offer comes: the old window may start listening only after its
    // passphrase is checked, or its code is loaded, when a first "ready" would be lost.
    const sayReady = () => (window.opener as Window | null)?.postMessage(moveMessage({ type: 'ready' }), this.from!);
    sayReady();
    this.readyTimer = setInterval(sayReady, 500);
  }

  accept(): void {
    if (!this.sender || this.over) return;
    this.post({ type: 'accept', session: this.sender.session });
    this.states.notify({ step: 'receiving', from: this.sender.origin, code: this.sender.code, received: 0, total: this.sender.chunks });
  }

  decline(): void {
    this.stop('declined');
  }

  cancel(): void {
    this.stop('cancelled');
  }

  private onMessage = (event: MessageEvent): void => {
    if (this.over || event.source !== window.opener || event.origin !== this.from) return;
    const message = readMoveMessage(event.data);
    if (!message || message.type === 'ready') return;
    if (!this.sender) {
      if (message.type === 'offer' && !this.offerTaken) {
        this.offerTaken = true;
        clearInterval(this.readyTimer);
        void this.offered(message, event.origin);
      }
      return;
    }
    if (event.origin !== this.sender.origin || message.session !== this.sender.session) return;
    if (message.type === 'chunk') this.received(message.index, message.text);
    else if (message.type === 'cancel') this.stop(message.reason === 'declined' ? 'cancelled' : message.reason, false);
  };

  private async offered(offer: Extract<MoveMessage, { type: 'offer' }>, origin: string): Promise<void> {
    const code = await moveCode(offer.session, origin, location.origin);
    this.sender = { origin, session: offer.session, chunks: offer.chunks, bytes: offer.bytes, code };
    this.states.notify({ step: 'offered', from: origin, code, articles: offer.articles });
  }

  private received(index: number, text: string): void {
    const sender = this.sender!;
    // Parts come one at a time, each after the last was acknowledged: any other is not this move's.
    if (index !== this.parts.length || index >= sender.chunks) return this.stop('failed');
    // More than the reader was offered (and than the backup's limit) is not kept in memory.
    this.receivedLength += text.length;
    if (this.receivedLength > sender.bytes) return this.stop('failed');
    this.parts.push(text);
    this.post({ type: 'ack', session: sender.session, index });
    if (this.parts.length < sender.chunks) {
      this.states.notify({ step: 'receiving', from: sender.origin, code: sender.code, received: this.parts.length, total: sender.chunks });
      return;
    }
    void this.restore();
  }

  private async restore(): Promise<void> {
    const sender = this.sender!;
    this.states.notify({ step: 'restoring', from: sender.origin });
    try {
      const stored = await this.store(this.parts.join(''), sender.origin);
      this.parts = [];
      if (!stored) return this.stop('declined');
      this.post({ type: 'restored', session: sender.session, articles: stored.articles });
      this.finish();
      this.states.notify({ step: 'done', from: sender.origin, ...stored });
    } catch (error) {
      this.stop('failed', true, error instanceof Error ? error.message : String(error));
    }
  }

  private post(message: MoveMessage): void {
    (window.opener as Window | null)?.postMessage(moveMessage(message), this.sender!.origin);
  }

  private finish(): void {
    this.over = true;
    clearInterval(this.readyTimer);
    removeEventListener('message', this.onMessage);
  }

  private stop(why: 'declined' | 'cancelled' | 'failed', tell = true, problem?: string): void {
    if (this.over) return;
    if (tell && this.sender) this.post({ type: 'cancel', session: this.sender.session, reason: why });
    this.finish();
    this.parts = [];
    this.states.notify({ step: 'stopped', why, ...(problem ? { problem } : {}) });
  }
}
