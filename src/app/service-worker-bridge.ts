import { appBase } from '../browser/app-folder.ts';
import { msg, str } from '@lit/localize';
import type { Workbox } from 'workbox-window';
import type { WorkerReply, WorkerRequest } from '../browser/messages/service-worker-messages.ts';
import { ListenerSet } from '../shared/listener-set.ts';
import { serviceWorkerUrl } from './trusted-types.ts';

/**
 * All service-worker wiring in one place: register, tell a first install from an update, ask the
 * reader before an update takes over, skip waiting and reload once it has. A new deployment never
 * replaces the page in the middle of reading; the reader decides when.
 */

export type OfflineStatus =
  | { state: 'starting' }
  | { state: 'ready' }
  /** The reason is put in words when shown, in the UI's language then. */
  | { state: 'unavailable'; reason: () => string };

type Listener = {
  onStatus?: (status: OfflineStatus) => void;
  /** A new version is installed and waiting; calling `apply` reloads the page into it. */
  onUpdateReady?: (apply: () => Promise<void>) => void;
};

let status: OfflineStatus = { state: 'starting' };
let workbox: Workbox | undefined;
const statusListeners = new ListenerSet<OfflineStatus>();
const updateListeners = new ListenerSet<() => Promise<void>>();

function setStatus(next: OfflineStatus): void {
  status = next;
  statusListeners.notify(next);
}

export function offlineStatus(): OfflineStatus {
  return status;
}

export function onServiceWorker({ onStatus, onUpdateReady }: Listener): () => void {
  const removeStatus = onStatus && statusListeners.add(onStatus);
  const removeUpdate = onUpdateReady && updateListeners.add(onUpdateReady);
  return () => {
    removeStatus?.();
    removeUpdate?.();
  };
}

/** Why no service worker can run here, in words a reader understands; undefined when one can. */
function unavailableReason(): (() => string) | undefined {
  if (!window.isSecureContext) {
    return () => msg('this page was not opened over HTTPS, so the browser will not keep it offline.');
  }
  if (!('serviceWorker' in navigator)) {
    return () => msg('this browser (or its private mode) does not let web apps work offline.');
  }
  return undefined;
}

function reload(): void {
  window.location.reload();
}

/** Registers the service worker; call once the first screen has painted. */
export async function startServiceWorker(): Promise<void> {
  const reason = unavailableReason();
  if (reason) {
    setStatus({ state: 'unavailable', reason });
    return;
  }
  const { Workbox } = await import('workbox-window');
  workbox = new Workbox(serviceWorkerUrl(), { scope: appBase() });
  workbox.addEventListener('waiting', () => {
    const apply = async (): Promise<void> => {
      // Updated from another tab already: no worker is waiting any more, and the new version
      // already answers this page, so only the reload is left to do.
      const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
      if (!registration?.waiting) {
        reload();
        return;
      }
      workbox?.addEventListener('controlling', reload);
      workbox?.messageSkipWaiting();
    };
    updateListeners.notify(apply);
  });
  try {
    await workbox.register();
    await workbox.active;
    setStatus({ state: 'ready' });
    void registerPeriodicSync();
  } catch (error) {
    const detail = String(error);
    setStatus({ state: 'unavailable', reason: () => msg(str`the browser refused to set up offline reading (${detail}).`) });
  }
}

/** Periodic Background Sync, where the browser offers it (an installed app, in Chromium). */
interface PeriodicSyncManager {
  register(tag: string, options: { minInterval: number }): Promise<void>;
}

async function registerPeriodicSync(): Promise<void> {
  const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager };
  if (!registration.periodicSync) return;
  try {
    const permission = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (permission.state !== 'granted') return;
    const { PERIODIC_SYNC_TAG, PERIODIC_SYNC_INTERVAL_MS } = await import('../browser/sync/periodic-sync-tag.ts');
    await registration.periodicSync.register(PERIODIC_SYNC_TAG, { minInterval: PERIODIC_SYNC_INTERVAL_MS });
  } catch {
    // Not offered here (a tab, not an installed app): the sync on start and the Sync button remain.
  }
}

/** Asks the active service worker a question and waits for its answer. */
export async function askServiceWorker<R extends WorkerRequest>(request: R): Promise<WorkerReply<R>> {
  if (!workbox) throw new Error('The service worker is not running.');
  return (await workbox.messageSW(request)) as WorkerReply<R>;
}
