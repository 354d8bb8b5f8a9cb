import type { KdfParams } from '../shared/crypto/vault-keys.ts';

/** What the page asks the key-derivation worker, and what it answers. */
export interface KdfRequest {
  passphrase: string;
  salt: Uint8Array;
  params: KdfParams;
}

export type KdfReply = { type: 'key'; key: Uint8Array } | { type: 'error'; message: string };
