import { LIBRARY_DATABASE } from './library-home.ts';
import { wrap, type StoreKey, type StoreNames, type StoreValue } from 'idb';
import { DB_VERSION, upgradeDatabase, type PamphletDatabase, type PamphletDB } from '../../shared/db-schema.ts';
import { hasBuckets, libraryHome } from './library-home.ts';
import { asTheOnlyUser, holdConnection, onMoveStarting, whileHomeStays } from './home-move-locks.ts';
import { copyDatabase } from './copy-database.ts';
import { ListenerSet } from '../../shared/listener-set.ts';

/**
 * Why the database cannot be used right now, in words a reader can act on.
 * - `blocked`: this tab needs a newer schema but another tab still has the old one open.
 * - `superseded`: another tab opened a newer version; this tab closed its connection to let it.
 * - `terminated`: the browser closed the connection (storage cleared, disk trouble).
 */
export type DatabaseTrouble = 'blocked' | 'superseded' | 'terminated';

const troubleListeners = new ListenerSet<DatabaseTrouble | undefined>();

/**
 * Calls `listener` whenever the database needs the reader to reload or close a tab, and with
 * `undefined` once a blocked upgrade went through after all (the other tab let go), so that what
 * was asked of the reader can be taken back.
 */
export function onDatabaseTrouble(listener: (trouble: DatabaseTrouble | undefined) => void): () => void {
  return troubleListeners.add(listener);
}

function report(trouble: DatabaseTrouble | undefined): void {
  troubleListeners.notify(trouble);
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

/** Whether a library from before buckets is still in the origin's default storage. */
async function inDefaultStorage(): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || !hasBuckets()) return false;
  return (await indexedDB.databases()).some((info) => info.name === LIBRARY_DATABASE);
}

/**
 * A library from before buckets, in the origin's default storage, moved into its bucket: copied,
 * then deleted there. (Its bytes stay in the default storage's files until the browser compacts
 * them; docs/threat-model.md says so.) Run as the library's only user, so one context does it.
 */
async function moveFromDefaultStorage(): Promise<void> {
  if (!(await inDefaultStorage())) return;
  const home = await libraryHome();
  // Still no bucket to be had: the library stays where it is (never copied onto itself).
  if (!home.bucket) return;
  const [from, to] = await Promise.all([
    connect(LIBRARY_DATABASE, DB_VERSION),
    connect(LIBRARY_DATABASE, DB_VERSION, undefined, home.factory),
  ]);
  try {
    // What the bucket holds is from a move cut off, or written in the instant before this one
    // began by a context that found the library empty: the library in the default storage wins.
    const stores = Array.from(to.objectStoreNames);
    const clearing = to.transaction(stores, 'readwrite');
    await Promise.all([...stores.map((store) => clearing.objectStore(store).clear()), clearing.done]);
    await copyDatabase(from, to);
  } finally {
    from.close();
    to.close();
  }
  await new Promise<void>((resolve, reject) => {
    const deleting = indexedDB.deleteDatabase(LIBRARY_DATABASE);
    deleting.onsuccess = () => resolve();
    deleting.onerror = () => reject(deleting.error ?? new Error('the library could not be deleted'));
  });
}

/** The open connection, once open, and how to let go of its Web Lock (src/browser/storage/home-move-locks.ts). */
let connection: { db: PamphletDatabase; release: () => void } | undefined;

/** Another context moves the library: this one's connection closes, and opens again after. */
onMoveStarting(() => {
  if (connection) void closeDatabase();
});

/** The app's one connection, opened on first use. */
export function database(): Promise<PamphletDatabase> {
  if (wiped) return Promise.reject(new DatabaseWipedError());
  if (superseded) return Promise.reject(new DatabaseSupersededError());
  opening ??= openLibrary().catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

async function openLibrary(): Promise<PamphletDatabase> {
  // Asked alongside the opening (a start is a chain of round trips to the browser, each slow while
  // it starts), and needed only once it is open: almost always, no.
  const leftInDefaultStorage = inDefaultStorage();
  // Not awaited when the library opened in the default storage: its failure is then no one's.
  leftInDefaultStorage.catch(() => undefined);
  const { db, home } = await whileHomeStays(async () => {
    const home = await libraryHome();
    const release = await holdConnection();
    try {
      const db = await connect(
        LIBRARY_DATABASE,
        DB_VERSION,
        (why) => {
          opening = undefined;
          connection = undefined;
          release();
          // A terminated connection may be opened again; a superseded one would be refused.
          superseded = why === 'superseded';
        },
        home.factory,
      );
      connection = { db, release };
      return { db, home };
    } catch (error) {
      release();
      throw error;
    }
  });
  // Opened in the default storage itself (no bucket could be made), or nothing left there.
  if (!home.bucket || !(await leftInDefaultStorage)) return db;
  // The first start after an update from a version without buckets, or after a start that could
  // make no bucket: the library moves in (every connection closed meanwhile, this one too), and is
  // opened again.
  const closeThis = () => {
    db.close();
    connection?.release();
    connection = undefined;
    return Promise.resolve();
  };
  await asTheOnlyUser(closeThis, moveFromDefaultStorage);
  opening = undefined;
  return database();
}

/** For tests, a move and a wipe: close the connection so the next call opens a new one. */
export async function closeDatabase(): Promise<void> {
  const current = opening;
  opening = undefined;
  const db = await current?.catch(() => undefined);
  db?.close();
  if (connection?.db === db) {
    connection?.release();
    connection = undefined;
  }
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
