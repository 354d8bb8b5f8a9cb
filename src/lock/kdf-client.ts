import type { DeriveKey } from '../shared/crypto/vault-keys.ts';
import { kdfWorkerUrl } from '../trusted-types.ts';
import type { KdfReply, KdfRequest } from './kdf-messages.ts';

/** Argon2id in a worker of its own, ended after it answers (its 64 MiB go with it). */
export const deriveInWorker: DeriveKey = (passphrase, salt, params) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(kdfWorkerUrl() as string);
    worker.addEventListener('message', (event: MessageEvent<KdfReply>) => {
      worker.terminate();
      if (event.data.type === 'key') resolve(event.data.key);
      else reject(new Error(`The passphrase could not be checked: ${event.data.message}`));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(`The passphrase could not be checked: ${event.message || 'the worker failed'}`));
    });
    worker.postMessage({ passphrase, salt, params } satisfies KdfRequest);
  });
