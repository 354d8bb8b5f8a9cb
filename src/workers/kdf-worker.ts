/// <reference lib="webworker" />
import { argon2idKey } from '../shared/crypto/argon2.ts';
import type { ReaderError } from '../shared/note.ts';
import type { KdfReply, KdfRequest } from '../browser/messages/kdf-messages.ts';

/**
 * Argon2id off the page's thread: a second of work and 64 MiB of memory that the page would
 * otherwise freeze for, given back when the page ends this worker after one answer. WebAssembly
 * here needs 'wasm-unsafe-eval' in the CSP's script-src (server/csp.mjs).
 */
declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<KdfRequest>) => {
  const { passphrase, salt, params } = event.data;
  argon2idKey(passphrase, salt, params).then(
    (key) => self.postMessage({ type: 'key', key } satisfies KdfReply, [key.buffer]),
    (error: unknown) => {
      const note = (error as Partial<ReaderError> | null)?.note;
      self.postMessage({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        ...(note ? { note } : {}),
      } satisfies KdfReply);
    },
  );
});
