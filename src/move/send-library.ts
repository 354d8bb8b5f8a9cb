import { ListenerSet } from '../shared/listener-set.ts';
import { CHUNK_LENGTH, MAX_MOVE_LENGTH, moveCode, moveMessage, newSession, readMoveMessage, type MoveMessage } from './move-messages.ts';

/** Where the sending side of a move stands, for the Settings screen. */
export type SendState =
  | { step: 'preparing' }
  | { step: 'waiting'; code: string; articles: number }
  | { step: 'sending'; code: string; sent: number; total: number }
  | { step: 'restoring'; code: string }
  | { step: 'done'; articles: number }
  | { step: 'stopped'; why: 'declined' | 'cancelled' | 'closed' | 'failed' | 'too-large' };

/**
 * Sends this library to the app at another address, in a window this one opened: the library
 * (a backup's text: articles, images, reading state, sources, trusted keys, settings) goes over
 * `postMessage` to that window's exact origin, one part at a time, each acknowledged before the
 * next, and only after the reader accepted it there. Messages from any other window, or another
 * origin, are not read. Nothing here changes this library.
 */
export class LibrarySender {
  readonly states = new ListenerSet<SendState>();
  private readonly session = newSession();
  private readonly origin: string;
  private text?: string;
  private articles = 0;
  private code = '';
  private receiverReady = false;
  private offered = false;
  private over = false;
  private watch?: ReturnType<typeof setInterval>;

  /** `window`: the new address, opened by the reader's click (a window opened later is blocked). */
  constructor(
    private readonly window: Window,
    target: URL,
  ) {
    this.origin = target.origin;
    addEventListener('message', this.onMessage);
    this.watch = setInterval(() => {
      if (this.window.closed) this.stop({ step: 'stopped', why: 'closed' });
    }, 500);
  }

  /** The library to send, once made; the offer goes as soon as the other window is ready too. */
  async offer(library: Promise<{ text: string; articles: number }>): Promise<void> {
    this.states.notify({ step: 'preparing' });
    try {
      const { text, articles } = await library;
      if (text.length > MAX_MOVE_LENGTH) return this.stop({ step: 'stopped', why: 'too-large' }, 'failed');
      this.text = text;
      this.articles = articles;
      this.code = await moveCode(this.session, location.origin, this.origin);
      this.sendOfferWhenReady();
    } catch (error) {
      this.stop({ step: 'stopped', why: 'failed' }, 'failed');
      throw error;
    }
  }

  cancel(): void {
    this.stop({ step: 'stopped', why: 'cancelled' }, 'cancelled');
  }

  private get chunks(): number {
    return Math.ceil((this.text?.length ?? 0) / CHUNK_LENGTH);
  }

  private sendOfferWhenReady(): void {
    // Once: the other window says "ready" until the offer reaches it.
    if (this.over || this.offered || !this.receiverReady || this.text === undefined) return;
    this.offered = true;
    this.post({ type: 'offer', session: this.session, articles: this.articles, bytes: this.text.length, chunks: this.chunks });
    this.states.notify({ step: 'waiting', code: this.code, articles: this.articles });
  }

  private sendChunk(index: number): void {
    if (index >= this.chunks) return this.states.notify({ step: 'restoring', code: this.code });
    const text = this.text!.slice(index * CHUNK_LENGTH, (index + 1) * CHUNK_LENGTH);
    this.post({ type: 'chunk', session: this.session, index, text });
    this.states.notify({ step: 'sending', code: this.code, sent: index, total: this.chunks });
  }

  private onMessage = (event: MessageEvent): void => {
    // Only the window this move opened, at the origin it was opened at.
    if (this.over || event.source !== this.window || event.origin !== this.origin) return;
    const message = readMoveMessage(event.data);
    if (!message) return;
    if (message.type === 'ready') {
      this.receiverReady = true;
      return this.sendOfferWhenReady();
    }
    if (message.session !== this.session) return;
    switch (message.type) {
      case 'accept':
        return this.sendChunk(0);
      case 'ack':
        return this.sendChunk(message.index + 1);
      case 'restored':
        return this.stop({ step: 'done', articles: message.articles });
      case 'cancel':
        return this.stop({ step: 'stopped', why: message.reason === 'declined' ? 'declined' : message.reason });
      default:
        return undefined;
    }
  };

  private post(message: MoveMessage): void {
    this.window.postMessage(moveMessage(message), this.origin);
  }

  private stop(state: SendState, tell?: 'cancelled' | 'failed'): void {
    if (this.over) return;
    this.over = true;
    if (tell && !this.window.closed) this.post({ type: 'cancel', session: this.session, reason: tell });
    clearInterval(this.watch);
    removeEventListener('message', this.onMessage);
    this.text = undefined;
    this.states.notify(state);
  }
}
