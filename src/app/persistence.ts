/**
 * Persistent storage: without it, a browser short of space may clear a site's data, and a reader's
 * library with it. Browsers decide (Chromium by how the app is used: installed, bookmarked...).
 */
export interface StorageState {
  usage?: number;
  quota?: number;
  persisted: boolean;
}

/**
 * Whether the browser has promised to keep the library, alone: what the offer to keep it needs,
 * without the usage estimate, which Chromium can be slow to give right after a big write.
 */
export async function isPersisted(): Promise<boolean> {
  return (await navigator.storage?.persisted?.().catch(() => false)) === true;
}

export async function storageState(): Promise<StorageState> {
  const storage = navigator.storage;
  if (!storage) return { persisted: false };
  const [estimate, persisted] = await Promise.all([storage.estimate?.().catch((): StorageEstimate => ({})), isPersisted()]);
  return {
    ...(estimate?.usage !== undefined ? { usage: estimate.usage } : {}),
    ...(estimate?.quota !== undefined ? { quota: estimate.quota } : {}),
    persisted,
  };
}

/** Asks the browser to keep the library; true when it will. */
export async function askToPersist(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) === true;
  } catch {
    return false;
  }
}
