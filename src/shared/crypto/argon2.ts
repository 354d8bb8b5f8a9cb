import { argon2id } from 'hash-wasm';
import { ReaderError } from '../note.ts';
import type { KdfParams } from './vault-keys.ts';

/**
 * Argon2id (RFC 9106) through hash-wasm, WebAssembly: about four times as fast as the fastest
 * pure-JavaScript implementation measured (@noble/hashes), which matters on a cheap phone. The
 * page runs it in a worker of its own (src/workers/kdf-worker.ts); Node tests call it directly.
 */
export async function argon2idKey(passphrase: string, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  if (params.algorithm !== 'argon2id') throw new ReaderError({ code: 'unknown-kdf', algorithm: String(params.algorithm) });
  return argon2id({
    password: passphrase,
    salt,
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memory,
    hashLength: 32,
    outputType: 'binary',
  });
}
