import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, upgradeDatabase, type PamphletDatabase } from '../shared/db-schema.ts';

/**
 * Why the database cannot be used right now, in words a reader can act on.
 * - `blocked`: this tab needs a newer schema but another tab still has the old one open.
 * - `superseded`: another tab opened a newer version; this tab closed its connection to let it.
 * - `terminated`: the browser closed the connection (storage cleared, disk trouble).
 */
export type DatabaseTrouble = 'blocked' | 'superseded' | 'terminated';

type TroubleListener = (trouble: DatabaseTrouble) => void;
const troubleListeners = new Set<TroubleListener>();

/** Calls `listener` whenever the database needs the reader to reload or close a tab. */
export function onDatabaseTrouble(listener: TroubleListener): () => void {
  troubleListeners.add(listener);
  return () => troubleListeners.delete(listener);
}

function report(trouble: DatabaseTrouble): void {
  for (const listener of troubleListeners) listener(trouble);
}

/** Thrown by `database()` once another tab has taken the database over for a newer version. */
export class DatabaseSupersededError extends Error {
  constructor() {
    super('A newer version of Pamphlet is open in another tab. Reload this tab to keep reading.');
    this.name = 'DatabaseSupersededError';
  }
}

let opening: Promise<PamphletDatabase> | undefined;
let superseded = false;

/** The app's one connection, opened on first use. */
export function database(): Promise<PamphletDatabase> {
  if (superseded) return Promise.reject(new DatabaseSupersededError());
  opening ??= openDB(DB_NAME, DB_VERSION, {
    upgrade: upgradeDatabase,
    blocked: () => report('blocked'),
    blocking: () => {
      // Closing lets the other tab's upgrade go ahead instead of hanging it; this tab must reload.
      void opening?.then((db) => db.close());
      opening = undefined;
      superseded = true;
      report('superseded');
    },
    terminated: () => {
      opening = undefined;
      report('terminated');
    },
  });
  return opening;
}

/** For tests and for a wipe: close the connection so the next call opens a new one. */
export async function closeDatabase(): Promise<void> {
  const current = opening;
  opening = undefined;
  if (current) (await current).close();
}
