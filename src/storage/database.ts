import { wrap, type StoreKey, type StoreNames, type StoreValue } from 'idb';
import { DB_NAME, DB_VERSION, upgradeDatabase, type PamphletDatabase, type PamphletDB } from '../shared/db-schema.ts';
import { libraryHome, type LibraryHome } from './library-home.ts';
import { copyDatabase } from './copy-database.ts';

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
  factory: IDBFactory = indexedDB,
): Promise<PamphletDatabase> {
  let blocked = false;
  // idb's openDB, on the factory of the library's home (a storage bucket's, most often).
  const request = factory.open(name, version);
  const connecting = wrap(request) as Promise<PamphletDatabase>;
  request.addEventListener('upgradeneeded', (event) => {
    upgradeDatabase(wrap(request.result) as PamphletDatabase, event.oldVersion, event.newVersion, wrap(request.transaction!) as never);
  });
  request.addEventListener('blocked', () => {
    blocked = true;
    report('blocked');
  });
  void connecting.then(
    (db) => {
      if (blocked) report(undefined);
      db.addEventListener('close', () => {
        onClosed('terminated');
        report('terminated');
      });
      db.addEventListener('versionchange', (event) => {
        // Closing lets the other tab's upgrade go ahead instead of hanging it; this tab must reload.
        db.close();
        if (event.newVersion === null) {
          // No version: the database is being deleted, which only a wipe does. Opening it again
          // would bring an empty library back behind the wipe's back.
          wiped = true;
          onClosed('terminated');
          return;
        }
        onClosed('superseded');
        report('superseded');
      });
    },
    () => undefined,
  );
  return connecting;
}

/**
 * A library from before buckets, in the origin's default storage, moved into its bucket: copied,
 * then deleted there. (Its bytes stay in the default storage's files until the browser compacts
 * them; docs/threat-model.md says so.) One context at a time does it, under a Web Lock.
 */
async function moveFromDefaultStorage(home: LibraryHome): Promise<void> {
  if (!home.bucket || typeof indexedDB === 'undefined' || !(await indexedDB.databases()).some((info) => info.name === DB_NAME)) return;
  const move = async () => {
    if (!(await indexedDB.databases()).some((info) => info.name === DB_NAME)) return;
    const [from, to] = await Promise.all([connect(DB_NAME, DB_VERSION), connect(DB_NAME, DB_VERSION, undefined, home.factory)]);
    try {
      await copyDatabase(from, to);
    } finally {
      from.close();
      to.close();
    }
    await new Promise<void>((resolve, reject) => {
      const deleting = indexedDB.deleteDatabase(DB_NAME);
      deleting.onsuccess = () => resolve();
      deleting.onerror = () => reject(deleting.error);
    });
  };
  if (globalThis.navigator?.locks) await navigator.locks.request('pamphlet-lock-work', move);
  else await move();
}

/** The home of the open connection: a move to a fresh one closes the connection first. */
let openHome: LibraryHome | undefined;

/** The library's home as the open connection sees it (for a move to a fresh one). */
export async function currentHome(): Promise<LibraryHome> {
  await database();
  return openHome!;
}

/** The app's one connection, opened on first use. */
export function database(): Promise<PamphletDatabase> {
  if (wiped) return Promise.reject(new DatabaseWipedError());
  if (superseded) return Promise.reject(new DatabaseSupersededError());
  opening ??= (async () => {
    const home = await libraryHome();
    await moveFromDefaultStorage(home);
    const db = await connect(
      DB_NAME,
      DB_VERSION,
      (why) => {
        opening = undefined;
        // A terminated connection may be opened again; a superseded one would be refused.
        superseded = why === 'superseded';
      },
      home.factory,
    );
    openHome = home;
    return db;
  })().catch((error: unknown) => {
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
