/**
 * What two phones say over a Nearby data channel (docs/nearby.md, "The protocol"). Control
 * messages are JSON text; a bundle's bytes follow its `bundle` message as binary messages, in
 * order, on the one ordered and reliable channel, so they need no header of their own.
 */
/** 2: bundles travel compressed (see nearby-bundle.ts); 1 sent bundle files. */
export const NEARBY_PROTOCOL_VERSION = 2;

/** One article the sender offers: its id and the revision it has. */
export interface ManifestItem {
  id: string;
  revision: number;
}

export type NearbyMessage =
  /** Sender, first: every article it means to send. */
  | { type: 'manifest'; version: number; items: ManifestItem[] }
  /** Receiver, in answer: the ids it already holds at that revision or newer, which are not sent. */
  | { type: 'have'; ids: string[] }
  /** Sender: one article's bundle follows, `bytes` long: its format byte, then its compact payload (nearby-bundle.ts). */
  | { type: 'bundle'; id: string; bytes: number }
  /** Sender: an article it cannot send after all (deleted meanwhile, or too large). */
  | { type: 'skipped'; id: string }
  /** Sender: nothing more follows. */
  | { type: 'done' }
  /** Receiver: a bundle was checked and imported (`kept`: in the library now; false: refused). */
  | { type: 'stored'; id: string; kept: boolean }
  /** Either side: the reader cancelled; the channel closes next. */
  | { type: 'cancel' };

/** A bundle's bytes travel in messages of at most this size, well under every browser's SCTP limit. */
export const CHUNK_BYTES = 64 * 1024;
/** The sender waits while this much is queued in the channel... */
export const BUFFER_HIGH_BYTES = 1024 * 1024;
/** ...until it drains to this. */
export const BUFFER_LOW_BYTES = 256 * 1024;
/**
 * Bundles sent but not yet imported on the other phone, in bytes and in number: the receiver
 * holds each in memory until it is checked and stored, and a phone has little memory to spare.
 */
export const MAX_UNACKNOWLEDGED_BYTES = 2 * 1024 * 1024;
export const MAX_UNACKNOWLEDGED_BUNDLES = 16;
/** Articles a manifest may list: a large library, with room to spare. */
export const MAX_MANIFEST_ITEMS = 100_000;

const ARTICLE_ID = /^[0-9a-f]{64}$/;

function isId(value: unknown): value is string {
  return typeof value === 'string' && ARTICLE_ID.test(value);
}

/** A control message from the other phone, checked field by field; undefined when it is none. */
export function parseNearbyMessage(text: string): NearbyMessage | undefined {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  switch (value.type) {
    case 'manifest': {
      const items = value.items;
      if (typeof value.version !== 'number' || !Array.isArray(items) || items.length > MAX_MANIFEST_ITEMS) return undefined;
      const valid = items.every((item: { id?: unknown; revision?: unknown }) => isId(item?.id) && Number.isInteger(item.revision));
      return valid
        ? { type: 'manifest', version: value.version, items: items.map(({ id, revision }: ManifestItem) => ({ id, revision })) }
        : undefined;
    }
    case 'have':
      return Array.isArray(value.ids) && value.ids.length <= MAX_MANIFEST_ITEMS && value.ids.every(isId)
        ? { type: 'have', ids: value.ids }
        : undefined;
    case 'bundle':
      return isId(value.id) && Number.isInteger(value.bytes) && (value.bytes as number) > 0
        ? { type: 'bundle', id: value.id, bytes: value.bytes as number }
        : undefined;
    case 'skipped':
      return isId(value.id) ? { type: 'skipped', id: value.id } : undefined;
    case 'stored':
      return isId(value.id) && typeof value.kept === 'boolean' ? { type: 'stored', id: value.id, kept: value.kept } : undefined;
    case 'done':
      return { type: 'done' };
    case 'cancel':
      return { type: 'cancel' };
    default:
      return undefined;
  }
}
