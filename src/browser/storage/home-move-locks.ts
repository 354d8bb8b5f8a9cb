import { nameInFolder } from '../app-folder.ts';

/**
 * How the library's users (every tab, the service worker) stay out of its way while it moves to a
 * fresh home (src/browser/storage/move-library.ts). A move copies the database, then deletes the old
 * bucket, so a write to the old one during the copy would be lost, and a bucket deleted under an
 * open connection aborts whatever it was doing. Two Web Locks, shared by the whole origin:
 *
 * - `HOME`: held shared while a context opens the library, exclusive by a move. No context opens
 *   the library while it moves, and a move does not start while one is being opened.
 * - `CONNECTION`: held shared by each context for as long as its connection is open. A move, having
 *   told every context to close its own, waits for this one exclusive: once it is granted, no
 *   connection is left, and every transaction they had begun is finished.
 *
 * A context never waits for `HOME` while it holds `CONNECTION` (it closes first), so neither waits
 * on the other for ever.
 */
const HOME = nameInFolder('pamphlet-library-home');
const CONNECTION = nameInFolder('pamphlet-library-connection');
const CHANNEL = nameInFolder('pamphlet-library-home');

type Locks = LockManager | undefined;

function locks(): Locks {
  return (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
}

/** Runs `open` while no move is under way, and no move starts before it ends. */
export async function whileHomeStays<T>(open: () => Promise<T>): Promise<T> {
  const manager = locks();
  return manager ? manager.request(HOME, { mode: 'shared' }, open) : open();
}

/**
 * Marks this context as holding a connection, once that is allowed; the function it resolves to
 * lets go (call it when the connection closes, for whatever reason).
 */
export async function holdConnection(): Promise<() => void> {
  const manager = locks();
  if (!manager) return () => undefined;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((granted) => {
    void manager.request(CONNECTION, { mode: 'shared' }, () => {
      granted();
      return released;
    });
  });
  return release;
}

/**
 * Calls `closeOwn` when another context starts a move: it must close this context's connection
 * (and so let go of `CONNECTION`).
 */
export function onMoveStarting(closeOwn: () => void): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener('message', (event: MessageEvent) => {
    if (event.data === 'moving') closeOwn();
  });
  // Node (the unit tests) would otherwise stay up for it.
  (channel as BroadcastChannel & { unref?: () => void }).unref?.();
}

/**
 * Runs `move` alone: no context opens the library meanwhile, and every connection, this
 * context's included (closed by `closeOwn`), is closed before it starts.
 */
export async function asTheOnlyUser<T>(closeOwn: () => Promise<void>, move: () => Promise<T>): Promise<T> {
  const manager = locks();
  if (!manager) {
    await closeOwn();
    return move();
  }
  return manager.request(HOME, { mode: 'exclusive' }, async () => {
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(CHANNEL);
      channel.postMessage('moving');
      channel.close();
    }
    await closeOwn();
    return manager.request(CONNECTION, { mode: 'exclusive' }, move);
  });
}
