import { encodeSignal, sdpOf, signalOf, type SignalCode } from '../shared/nearby/signal-code.ts';
import {
  BUFFER_HIGH_BYTES,
  BUFFER_LOW_BYTES,
  CHUNK_BYTES,
  parseNearbyMessage,
  type NearbyMessage,
} from '../shared/nearby/nearby-protocol.ts';
import { NearbyError } from './nearby-error.ts';
import { ListenerSet } from '../shared/listener-set.ts';

/** Host candidates come in well under a second; a phone with a slow interface gets this long. */
const GATHERING_TIMEOUT_MS = 5_000;
/** After the answer is in, ICE either connects within seconds on one network or never does. */
export const CONNECT_TIMEOUT_MS = 20_000;
/** A connection that stays "disconnected" this long (a phone walked off, its tab closed) is gone. */
const DISCONNECTED_GRACE_MS = 6_000;

/**
 * One WebRTC data channel between two phones, opened by swapping an offer and an answer through
 * the cameras: no signaling server, no STUN or TURN (`iceServers: []`), so only host candidates,
 * and the phones must share a network. The channel is negotiated up front (id 0) on both sides,
 * so the answerer need not wait for the offerer to announce it.
 */
export class NearbyConnection {
  private readonly peer = new RTCPeerConnection({ iceServers: [] });
  private readonly channel = this.peer.createDataChannel('pamphlet-nearby', { negotiated: true, id: 0, ordered: true });
  private readonly messageListeners = new ListenerSet<NearbyMessage | ArrayBuffer>();
  private readonly dropListeners = new ListenerSet();
  private disconnectedTimer?: ReturnType<typeof setTimeout>;
  private dropped = false;
  /** The other side sent a message this version cannot read. */
  unreadable = false;
  /** The largest message the other side takes, from its code. */
  private remoteMaxMessage = CHUNK_BYTES;

  private constructor() {
    this.channel.binaryType = 'arraybuffer';
    this.channel.bufferedAmountLowThreshold = BUFFER_LOW_BYTES;
    this.channel.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
      const message = typeof event.data === 'string' ? parseNearbyMessage(event.data) : event.data;
      // Something this version cannot read ends the transfer rather than being guessed at.
      if (message === undefined) {
        this.unreadable = true;
        return this.drop();
      }
      this.messageListeners.notify(message);
    });
    this.channel.addEventListener('close', () => this.drop());
    this.peer.addEventListener('connectionstatechange', () => {
      const state = this.peer.connectionState;
      clearTimeout(this.disconnectedTimer);
      if (state === 'failed' || state === 'closed') this.drop();
      else if (state === 'disconnected' && this.channel.readyState === 'open')
        this.disconnectedTimer = setTimeout(() => this.drop(), DISCONNECTED_GRACE_MS);
    });
  }

  /** The offering side: a connection and the code to show. */
  static async offer(): Promise<{ connection: NearbyConnection; code: Uint8Array }> {
    const connection = new NearbyConnection();
    try {
      await connection.peer.setLocalDescription(await connection.peer.createOffer());
      return { connection, code: await connection.localCode('offer') };
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  /** The answering side: from the scanned offer, a connection and the answer to show. */
  static async answer(offer: SignalCode): Promise<{ connection: NearbyConnection; code: Uint8Array }> {
    const connection = new NearbyConnection();
    try {
      connection.remoteMaxMessage = offer.maxMessageSize || CHUNK_BYTES;
      await connection.peer.setRemoteDescription({ type: 'offer', sdp: sdpOf(offer) });
      await connection.peer.setLocalDescription(await connection.peer.createAnswer());
      return { connection, code: await connection.localCode('answer') };
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  /** The offering side takes the scanned answer; the channel opens once ICE finds a path. */
  async accept(answer: SignalCode): Promise<void> {
    this.remoteMaxMessage = answer.maxMessageSize || CHUNK_BYTES;
    await this.peer.setRemoteDescription({ type: 'answer', sdp: sdpOf(answer) });
  }

  /** Waits for the channel to open; `NearbyError('not-connected')` when ICE fails or time runs out. */
  opened(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.channel.readyState === 'open') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.channel.removeEventListener('open', onOpen);
        this.peer.removeEventListener('connectionstatechange', onState);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onOpen = () => finish();
      const onState = () => {
        if (this.peer.connectionState === 'failed') finish(new NearbyError('not-connected'));
      };
      const onAbort = () => finish(new NearbyError('cancelled-here'));
      const timer = setTimeout(() => finish(new NearbyError('not-connected')), timeoutMs);
      this.channel.addEventListener('open', onOpen);
      this.peer.addEventListener('connectionstatechange', onState);
      signal?.addEventListener('abort', onAbort);
    });
  }

  onMessage(listener: (message: NearbyMessage | ArrayBuffer) => void): () => void {
    return this.messageListeners.add(listener);
  }

  /** Called once, when the channel closes or the connection fails, whoever closed it. */
  onDrop(listener: () => void): () => void {
    if (!this.dropped) return this.dropListeners.add(listener);
    queueMicrotask(listener);
    return () => undefined;
  }

  get isOpen(): boolean {
    return !this.dropped && this.channel.readyState === 'open';
  }

  send(message: NearbyMessage): void {
    if (this.isOpen) this.channel.send(JSON.stringify(message));
  }

  /**
   * Sends bytes in chunks under the other side's message limit, waiting whenever the channel's
   * buffer is full: Chromium closes a data channel whose send buffer overflows (16 MB).
   */
  async sendBytes(bytes: Uint8Array, onChunk?: (sent: number) => void): Promise<void> {
    const chunk = Math.max(1024, Math.min(CHUNK_BYTES, this.remoteMaxMessage || CHUNK_BYTES));
    for (let start = 0; start < bytes.length; start += chunk) {
      if (this.channel.bufferedAmount > BUFFER_HIGH_BYTES) await this.drained();
      if (!this.isOpen) throw new NearbyError('dropped');
      const part = bytes.subarray(start, start + chunk);
      this.channel.send(part as Uint8Array<ArrayBuffer>);
      onChunk?.(part.length);
    }
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.channel.removeEventListener('bufferedamountlow', done);
        dropListener();
        resolve();
      };
      const dropListener = this.onDrop(done);
      this.channel.addEventListener('bufferedamountlow', done);
    });
  }

  /** Lets queued messages leave before closing, so a last `cancel` or `stored` reaches the other side. */
  async closeAfterSending(): Promise<void> {
    if (this.isOpen && this.channel.bufferedAmount > 0)
      await Promise.race([this.drained(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
    this.close();
  }

  close(): void {
    this.dropListeners.clear();
    this.messageListeners.clear();
    clearTimeout(this.disconnectedTimer);
    this.dropped = true;
    this.channel.close();
    this.peer.close();
  }

  private drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    clearTimeout(this.disconnectedTimer);
    this.dropListeners.notify();
    this.dropListeners.clear();
  }

  /** Waits for ICE gathering (no trickle: the code is shown once), then packs the local SDP. */
  private async localCode(kind: SignalCode['kind']): Promise<Uint8Array> {
    if (this.peer.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, GATHERING_TIMEOUT_MS);
        function finish() {
          clearTimeout(timer);
          resolve();
        }
        this.peer.addEventListener('icegatheringstatechange', () => {
          if (this.peer.iceGatheringState === 'complete') finish();
        });
      });
    }
    const code = signalOf(kind, this.peer.localDescription?.sdp ?? '');
    if (code.candidates.length === 0) throw new NearbyError('no-network');
    return encodeSignal(code);
  }
}
