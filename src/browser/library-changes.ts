/**
 * "The library changed" (an import, a trust decision), told to this tab's screens and to the
 * app's other tabs, so that every open list shows what is stored.
 */
const CHANNEL = 'pamphlet-library';
const listeners = new Set<() => void>();
let channel: BroadcastChannel | undefined;

function ensureChannel(): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => listeners.forEach((listener) => listener());
}

export function onLibraryChanged(listener: () => void): () => void {
  ensureChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyLibraryChanged(): void {
  ensureChannel();
  listeners.forEach((listener) => listener());
  channel?.postMessage('changed');
}
