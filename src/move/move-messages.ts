import { MAX_IMPORT_BYTES } from '../import/import-limits.ts';
import { bytesToBase64Url } from '../shared/base64.ts';

/**
 * What the two windows of a move say to each other (src/move/send-library.ts, the old address;
 * receive-library.ts, the new one). Every message names its move's session, a random token the
 * sender makes: a message of any other session, or from any other window, is not this move's.
 *
 *   receiver → sender  ready        the new address is open and listening
 *   sender → receiver  offer        a library of `articles` articles, `bytes` long, in `chunks` parts
 *   receiver → sender  accept       the reader accepted it
 *   sender → receiver  chunk        part `index` of the library (a backup's text)
 *   receiver → sender  ack          part `index` arrived: the next may come
 *   receiver → sender  restored     the library is in, with what came of it
 *   either             cancel       the move is over, nothing more comes
 */
export type MoveMessage =
  | { type: 'ready' }
  | { type: 'offer'; session: string; articles: number; bytes: number; chunks: number }
  | { type: 'accept'; session: string }
  | { type: 'chunk'; session: string; index: number; text: string }
  | { type: 'ack'; session: string; index: number }
  | { type: 'restored'; session: string; articles: number }
  | { type: 'cancel'; session: string; reason: 'declined' | 'cancelled' | 'failed' };

const MARK = 'pamphlet-move';
/** A part's length in UTF-16 units: a few hundred kilobytes, so that progress moves and no message is huge. */
export const CHUNK_LENGTH = 512 * 1024;
/**
 * A library longer than this is refused before it is asked for: the backup's own limit
 * (read-backup.ts), since a text of more UTF-16 units than that makes more UTF-8 bytes too.
 */
export const MAX_MOVE_LENGTH = MAX_IMPORT_BYTES * 8;

export function moveMessage(message: MoveMessage): { [MARK]: MoveMessage } {
  return { [MARK]: message };
}

const isCount = (value: unknown, max: number) => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max;
const isSession = (value: unknown) => typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);

/** The move message in `data`, every field checked; undefined for anything else. */
export function readMoveMessage(data: unknown): MoveMessage | undefined {
  const message = (data as Record<string, unknown> | null)?.[MARK] as Record<string, unknown> | undefined;
  if (!message || typeof message !== 'object') return undefined;
  if (message.type === 'ready') return { type: 'ready' };
  if (!isSession(message.session)) return undefined;
  const session = message.session as string;
  const maxChunks = Math.ceil(MAX_MOVE_LENGTH / CHUNK_LENGTH);
  switch (message.type) {
    case 'offer':
      return isCount(message.articles, 10_000_000) && isCount(message.bytes, MAX_MOVE_LENGTH) && isCount(message.chunks, maxChunks)
        ? { type: 'offer', session, articles: message.articles as number, bytes: message.bytes as number, chunks: message.chunks as number }
        : undefined;
    case 'accept':
      return { type: 'accept', session };
    case 'chunk':
      return isCount(message.index, maxChunks) && typeof message.text === 'string' && message.text.length <= CHUNK_LENGTH
        ? { type: 'chunk', session, index: message.index as number, text: message.text }
        : undefined;
    case 'ack':
      return isCount(message.index, maxChunks) ? { type: 'ack', session, index: message.index as number } : undefined;
    case 'restored':
      return isCount(message.articles, 10_000_000) ? { type: 'restored', session, articles: message.articles as number } : undefined;
    case 'cancel':
      return message.reason === 'declined' || message.reason === 'cancelled' || message.reason === 'failed'
        ? { type: 'cancel', session, reason: message.reason }
        : undefined;
    default:
      return undefined;
  }
}

export function newSession(): string {
  return bytesToBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * The code both windows show, to be compared by the reader: six digits of a hash of the session
 * and both origins. A window other than the reader's own old one (a site that opened the new
 * address itself and offers a library of its making) cannot make the old window show its code.
 */
export async function moveCode(session: string, from: string, to: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${session}\n${from}\n${to}`)));
  const number = ((digest[0]! << 16) | (digest[1]! << 8) | digest[2]!) % 1_000_000;
  const digits = String(number).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
