import { nameInFolder } from './app-folder.ts';
import { ListenerSet } from '../shared/listener-set.ts';

/**
 * "The library changed" (an import, a trust decision), told to this tab's screens and to the
 * app's other tabs, so that every open list shows what is stored.
 */
const CHANNEL = nameInFolder('pamphlet-library');
const listeners = new ListenerSet();
let channel: BroadcastChannel | undefined;

function ensureChannel(): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => listeners.notify();
}

export function onLibraryChanged(listener: () => void): () => void {
  ensureChannel();
  return listeners.add(listener);
}

export function notifyLibraryChanged(): void {
  ensureChannel();
  listeners.notify();
  channel?.postMessage('changed');
}
