import { nameInFolder } from '../browser/app-folder.ts';
import { msg, str } from '@lit/localize';
import { formatNumber } from '../l10n/format.ts';
import { forgetFirstScreen } from '../library/first-screen.ts';
import { keysOf, newSecret, unwrapSecret, wrapSecret, type DeriveKey } from '../shared/crypto/vault-keys.ts';
import { resealLibrary, type ResealProgress } from '../browser/storage/reseal.ts';
import { deleteVaultRecord, forgetVaultRecord, putVaultRecord, recordCodec, useKeys, vaultRecord } from '../browser/storage/vault.ts';
import { deriveInWorker } from './kdf-client.ts';
import { hintLock } from './lock-hint.ts';
import { UNLOCK_DERIVED, UNLOCK_FINISHED, UNLOCK_STARTED } from './lock-marks.ts';
import { announceLockStatus, tellOtherTabs } from './lock-status.ts';
import { SEAL_FORM } from '../shared/db-schema.ts';
import { moveToFreshHome } from '../browser/storage/move-library.ts';

/**
 * The work of the library lock, loaded on use: turning it on and off, unlocking, changing the
 * passphrase. What the app shell needs at start is in lock-status.ts.
 */

/** Shorter passphrases are refused: Argon2id slows guessing, it cannot make a short one long. */
export const MIN_PASSPHRASE = 8;

const derive: DeriveKey = deriveInWorker;

export class PassphraseProblem extends Error {}

/** A new passphrase as typed twice; a clear reason when it will not do. */
export function checkNewPassphrase(passphrase: string, again: string): void {
  if (passphrase === '') throw new PassphraseProblem(msg('Choose a passphrase.'));
  if (passphrase.length < MIN_PASSPHRASE) {
    const least = formatNumber(MIN_PASSPHRASE);
    throw new PassphraseProblem(
      msg(str`A passphrase needs at least ${least} characters. Several words are easier to remember and harder to guess.`),
    );
  }
  if (passphrase !== again) throw new PassphraseProblem(msg('The two passphrases differ. Type the same passphrase twice.'));
}

interface Work {
  onProgress?: (progress: ResealProgress) => void;
  signal?: AbortSignal;
}

/**
 * Turns the lock on: a new secret, wrapped under the passphrase, then every record sealed (in
 * batches; if interrupted, the next unlock finishes it). From the first step on, everything
 * written is sealed.
 */
export async function turnLockOn(passphrase: string, again: string, idleMinutes: number, work: Work = {}): Promise<void> {
  checkNewPassphrase(passphrase, again);
  forgetVaultRecord();
  if (await vaultRecord()) throw new PassphraseProblem(msg('The lock is on already.'));
  const secret = newSecret();
  const copy = secret.slice();
  const wrapped = await wrapSecret(copy, passphrase, derive);
  copy.fill(0);
  hintLock(true);
  forgetFirstScreen();
  // The keys first: from the moment the vault exists, a write without them would be refused.
  useKeys(await keysOf(secret));
  await putVaultRecord({ ...wrapped, state: 'sealing', form: SEAL_FORM, idleMinutes, changedAt: Date.now() });
  tellOtherTabs('reload');
  await restartSearch();
  await finishLockWork(work);
}

/**
 * Finishes what turning the lock on or off left undone (the records still to seal or to open), and
 * seals again the records of a library sealed in an older form (see SealedRecord.form).
 * One tab at a time does it (a Web Lock); the others wait and find nothing left.
 */
export async function finishLockWork({ onProgress, signal }: Work = {}): Promise<void> {
  const run = async () => {
    forgetVaultRecord();
    const vault = await vaultRecord();
    if (!vault || (vault.state === 'on' && vault.form === SEAL_FORM)) return;
    const codec = await recordCodec();
    const options = { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) };
    // Sealing: into a fresh storage bucket, the old one (with what was in clear) deleted. Opening
    // the library again, or a browser without buckets: in place.
    const moved = vault.state !== 'opening' && (await moveToFreshHome(codec, options));
    if (!moved) await resealLibrary(codec, options);
    if (vault.state !== 'opening') await putVaultRecord({ ...vault, state: 'on', form: SEAL_FORM });
    else {
      await deleteVaultRecord();
      useKeys(undefined);
      hintLock(false);
    }
  };
  if (navigator.locks) await navigator.locks.request(nameInFolder('pamphlet-lock-work'), run);
  else await run();
  await announceLockStatus();
}

/**
 * Unlocks this tab; WrongPassphraseError (or EmptyPassphraseError) changes nothing. If turning the
 * lock on or off was interrupted, it is finished first (with `work`'s progress), so that the
 * library opens in one state, not half sealed.
 */
export async function unlock(passphrase: string, work: Work = {}): Promise<void> {
  performance.mark(UNLOCK_STARTED);
  forgetVaultRecord();
  const vault = await vaultRecord();
  if (!vault) return announceLockStatus();
  const marked: DeriveKey = async (...args) => {
    const key = await derive(...args);
    performance.mark(UNLOCK_DERIVED);
    return key;
  };
  useKeys(await keysOf(await unwrapSecret(vault, passphrase, marked)));
  performance.mark(UNLOCK_FINISHED);
  // Interrupted halfway, or sealed in an older form (padded to no size bucket, some fields in clear): finished first.
  if (vault.state !== 'on' || vault.form !== SEAL_FORM) await finishLockWork(work);
  else await announceLockStatus();
}

/**
 * Re-wraps the secret under a new passphrase; the records stay as they are. The library then moves
 * to a fresh home, as when the lock is turned on: the secret wrapped under the old passphrase,
 * overwritten, would stay in the database's files, and whoever knew that passphrase and copied
 * them could open the library still. Interrupted, the next unlock finishes the move.
 */
export async function changePassphrase(current: string, next: string, again: string, work: Work = {}): Promise<void> {
  checkNewPassphrase(next, again);
  forgetVaultRecord();
  const vault = await vaultRecord();
  if (!vault) throw new PassphraseProblem(msg('The lock is off.'));
  const secret = await unwrapSecret(vault, current, derive);
  try {
    await putVaultRecord({
      ...vault,
      ...(await wrapSecret(secret, next, derive)),
      state: vault.state === 'opening' ? 'opening' : 'sealing',
      changedAt: Date.now(),
    });
  } finally {
    secret.fill(0);
  }
  tellOtherTabs('changed');
  // A lock being turned off (which an unlock finishes first, so hardly ever) is left to finish so.
  if (vault.state !== 'opening') await finishLockWork(work);
}

/** Turns the lock off, after the passphrase: every record opened, then the vault removed. */
export async function turnLockOff(passphrase: string, work: Work = {}): Promise<void> {
  forgetVaultRecord();
  const vault = await vaultRecord();
  if (!vault) return;
  (await unwrapSecret(vault, passphrase, derive)).fill(0);
  await putVaultRecord({ ...vault, state: 'opening', changedAt: Date.now() });
  tellOtherTabs('reload');
  await restartSearch();
  await finishLockWork(work);
  await restartSearch();
}

/** Checks the passphrase without changing anything (WrongPassphraseError when wrong): for what only the reader may do. */
export async function confirmPassphrase(passphrase: string): Promise<void> {
  forgetVaultRecord();
  const vault = await vaultRecord();
  if (vault) (await unwrapSecret(vault, passphrase, derive)).fill(0);
}

export async function setIdleMinutes(idleMinutes: number): Promise<void> {
  forgetVaultRecord();
  const vault = await vaultRecord();
  if (vault) await putVaultRecord({ ...vault, idleMinutes });
  tellOtherTabs('changed');
  // This tab's idle watch starts again with the new time.
  await announceLockStatus();
}

/** The search worker read the library under the old state; a new one starts when next needed. */
async function restartSearch(): Promise<void> {
  (await import('../search/search-client.ts')).stopSearch();
}
