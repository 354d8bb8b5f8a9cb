import { argon2idKey } from '../../src/shared/crypto/argon2.ts';
import { keysOf, newSecret, wrapSecret, type KdfParams } from '../../src/shared/crypto/vault-keys.ts';
import { resealLibrary } from '../../src/browser/storage/reseal.ts';
import { putVaultRecord, recordCodec, useKeys, vaultRecord } from '../../src/browser/storage/vault.ts';

/** A key derivation cheap enough for tests (the app's is far costlier). */
export const FAST_KDF: KdfParams = { algorithm: 'argon2id', memory: 1024, iterations: 1, parallelism: 1 };

/** Turns the lock on as the app does: the vault first, then every record sealed. */
export async function lockOn(passphrase = 'correct horse battery'): Promise<void> {
  const secret = newSecret();
  const wrapped = await wrapSecret(secret.slice(), passphrase, argon2idKey, FAST_KDF);
  useKeys(await keysOf(secret));
  await putVaultRecord({ ...wrapped, state: 'sealing', idleMinutes: 5, changedAt: 1 });
  await resealLibrary(await recordCodec());
  await putVaultRecord({ ...(await vaultRecord())!, state: 'on' });
}
