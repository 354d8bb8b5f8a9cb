import { nameInFolder } from '../browser/app-folder.ts';

/**
 * Whether the library lock is on, kept in localStorage too, so that the app knows it before
 * IndexedDB opens: it then shows the unlock screen at once, and the library never keeps a copy of
 * its first screen (titles!) in localStorage. The vault in IndexedDB is the truth; this follows it.
 */
const KEY = nameInFolder('pamphlet:lock');

export function lockHinted(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function hintLock(on: boolean): void {
  try {
    if (on) localStorage.setItem(KEY, 'on');
    else localStorage.removeItem(KEY);
  } catch {
    // No storage: the vault still decides, a moment later.
  }
}
