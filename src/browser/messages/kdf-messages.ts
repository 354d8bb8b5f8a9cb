import type { KdfParams } from '../../shared/crypto/vault-keys.ts';
import type { Note } from '../../shared/note.ts';

/** What the page asks the key-derivation worker, and what it answers. */
export interface KdfRequest {
  passphrase: string;
  salt: Uint8Array;
  params: KdfParams;
}

/** `note` when the refusal has one (parameters this version does not know), for the page to word. */
export type KdfReply = { type: 'key'; key: Uint8Array } | { type: 'error'; message: string; note?: Note };
