import { openDB, type StoreKey, type StoreNames, type StoreValue } from 'idb';
import { DB_NAME, DB_VERSION, upgradeDatabase, type PamphletDatabase, type PamphletDB } from '../shared/db-schema.ts';

/**
 * Why the database cannot be used right now, in words a reader can act on.
 * - `blocked`: this tab needs a newer schema but another tab still has the old one open.
 * - `superseded`: another tab opened a newer version; this tab closed its connection to let it.
 * - `terminated`: the browser closed the connection (storage cleared, disk trouble).
 */
export type DatabaseTrouble = 'blocked' | 'superseded' | 'terminated';

type TroubleListener = (trouble: DatabaseTrouble | undefined) => void;
const troubleListeners = new Set<TroubleListener>();

/**
 * Calls `listener` whenever the database needs the reader to reload or close a tab, and with
 * `undefined` once a blocked upgrade went through after all (the other tab let go), so that what
 * was asked of the reader can be taken back.
 */
export function onDatabaseTrouble(listener: TroubleListener): () => void {
  troubleListeners.add(listener);
  return () => troubleListeners.delete(listener);
}

function report(trouble: DatabaseTrouble | undefined): void {
  for (const listener of troubleListeners) listener(trouble);
}

/** Thrown by `database()` once another tab has taken the database over for a newer version. */
export class DatabaseSupersededError extends Error {
  constructor() {
    super('A newer version of Pamphlet is open in another tab. Reload this tab to keep reading.');
    this.name = 'DatabaseSupersededError';
  }
}

/** Thrown by `database()` once the library was wiped (here or in another tab): nothing may recreate it. */
export class DatabaseWipedError extends Error {
  constructor() {
    super('Pamphlet was wiped: nothing is stored any more.');
    this.name = 'DatabaseWipedError';
  }
}

let opening: Promise<PamphletDatabase> | undefined;
let superseded = false;
let wiped = false;

/**
 * Opens the database, reporting trouble instead of hanging: `blocked` while an older tab holds
 * the previous version open, `superseded` (after closing) when a newer tab needs this one gone.
 * The app uses `database()`; tests call this with their own name and version.
 */
export function connect(
  name: string,
  version: number,
  onClosed: (why: 'superseded' | 'terminated') => void = () => undefined,
): Promise<PamphletDatabase> {
  let blocked = false;
  const connecting: Promise<PamphletDatabase> = openDB<PamphletDB>(name, version, {
    upgrade: upgradeDatabase,
    blocked: () => {
      blocked = true;
      report('blocked');
    },
    blocking: (_currentVersion, blockedVersion) => {
      // Closing lets the other tab's upgrade go ahead instead of hanging it; this tab must reload.
      void connecting.then((db) => db.close());
      if (blockedVersion === null) {
        // No version: the database is being deleted, which only a wipe does. Opening it again
        // would bring an empty library back behind the wipe's back.
        wiped = true;
        onClosed('terminated');
        return;
      }
      onClosed('superseded');
      report('superseded');
    },
    terminated: () => {
      onClosed('terminated');
      report('terminated');
    },
  });
  void connecting.then(
    () => blocked && report(undefined),
    () => undefined,
  );
  return connecting;
}

/** The app's one connection, opened on first use. */
export function database(): Promise<PamphletDatabase> {
  if (wiped) return Promise.reject(new DatabaseWipedError());
  if (superseded) return Promise.reject(new DatabaseSupersededError());
  opening ??= connect(DB_NAME, DB_VERSION, (why) => {
    opening = undefined;
    // A terminated connection may be opened again; a superseded one would be refused.
    superseded = why === 'superseded';
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

/** For tests and for a wipe: close the connection so the next call opens a new one. */
export async function closeDatabase(): Promise<void> {
  const current = opening;
  opening = undefined;
  if (current) (await current.catch(() => undefined))?.close();
}

/** For a wipe: closes the connection, and refuses every later one in this page or worker. */
export async function refuseDatabase(): Promise<void> {
  wiped = true;
  await closeDatabase();
}

/**
 * Puts one record in a transaction that the browser reports done only once it is on disk: for
 * what the reader would not want to do twice (a followed source, a trusted key, a setting, what a
 * backup restored), not for the reading position saved on every scroll.
 */
export async function putDurably<Name extends StoreNames<PamphletDB>>(
  store: Name,
  value: StoreValue<PamphletDB, Name>,
  key?: StoreKey<PamphletDB, Name>,
): Promise<void> {
  const tx = (await database()).transaction(store, 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put(value, key), tx.done]);
}
