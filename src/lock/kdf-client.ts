import { msg, str } from '@lit/localize';
import type { DeriveKey } from '../shared/crypto/vault-keys.ts';
import { ReaderError } from '../shared/note.ts';
import { kdfWorkerUrl } from '../app/trusted-types.ts';
import type { KdfReply, KdfRequest } from '../browser/messages/kdf-messages.ts';

function couldNotCheck(reason: string): string {
  return msg(str`The passphrase could not be checked: ${reason}`);
}

/** Argon2id in a worker of its own, ended after it answers (its 64 MiB go with it). */
export const deriveInWorker: DeriveKey = (passphrase, salt, params) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(kdfWorkerUrl() as string);
    worker.addEventListener('message', (event: MessageEvent<KdfReply>) => {
      worker.terminate();
      if (event.data.type === 'key') resolve(event.data.key);
      else if (event.data.note) reject(new ReaderError(event.data.note));
      else reject(new Error(couldNotCheck(event.data.message)));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(couldNotCheck(event.message || msg('the worker failed'))));
    });
    worker.postMessage({ passphrase, salt, params } satisfies KdfRequest);
  });
