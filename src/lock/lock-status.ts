import { nameInFolder } from '../browser/app-folder.ts';
import { forgetFirstScreen } from '../library/first-screen.ts';
import { currentKeys, forgetVaultRecord, vaultRecord } from '../browser/storage/vault.ts';
import { hintLock } from './lock-hint.ts';
import { ListenerSet } from '../shared/listener-set.ts';

/**
 * Whether the library is locked, for the app shell: small, loaded at start (the work of the lock
 * is in library-lock.ts, loaded on use). Every tab hears of a change: locking, or turning the lock
 * on or off, reloads the other tabs, which drops from their memory all that was read (and they
 * start locked).
 */
export type LockStatus = 'off' | 'locked' | 'unlocked';

const CHANNEL = nameInFolder('pamphlet-lock');
/** `lock`: lock every tab; `reload`: the lock was turned on or off; `changed`: its settings changed. */
export type LockMessage = 'lock' | 'reload' | 'changed';
let channel: BroadcastChannel | undefined;
const listeners = new ListenerSet<LockStatus>();

export function tellOtherTabs(message: LockMessage): void {
  channel ??= new BroadcastChannel(CHANNEL);
  channel.postMessage(message);
}

/** Follows what the app's other tabs do to the lock; call once at start. */
export function listenForLockChanges(): void {
  channel ??= new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<LockMessage>) => {
    forgetVaultRecord();
    if (event.data === 'lock' ? currentKeys() !== undefined : event.data === 'reload') location.reload();
    else void announceLockStatus();
  };
}

export function onLockStatus(listener: (status: LockStatus) => void): () => void {
  return listeners.add(listener);
}

export async function announceLockStatus(): Promise<void> {
  const status = await lockStatus();
  listeners.notify(status);
}

export async function lockStatus(): Promise<LockStatus> {
  const vault = await vaultRecord();
  hintLock(vault !== undefined);
  if (!vault) return 'off';
  // Whatever a tab without the lock kept of the library's first screen goes.
  forgetFirstScreen();
  return currentKeys() ? 'unlocked' : 'locked';
}

/** Minutes without input after which the library locks; undefined with the lock off. */
export async function idleMinutes(): Promise<number | undefined> {
  return (await vaultRecord())?.idleMinutes;
}

/**
 * Locks every tab: each reloads, which leaves nothing read in its memory (the keys, the search
 * index, the list), and starts locked.
 */
export function lockNow(): void {
  tellOtherTabs('lock');
  location.reload();
}
