/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { inApp } from '../src/browser/app-folder.ts';
import { isShellAddress, oldScreenAddress } from '../src/browser/app-addresses.ts';
import { putInInbox, SHARED_QUERY, type InboxItem } from '../src/browser/inbox.ts';
import { isWorkerRequest, type WorkerReply, type WorkerRequest } from '../src/browser/messages/service-worker-messages.ts';
import { PERIODIC_SYNC_TAG } from '../src/browser/sync/periodic-sync-tag.ts';
import { syncAllEditions } from '../src/browser/sync/sync-editions.ts';
import { forgetVaultRecord, vaultRecord } from '../src/browser/storage/vault.ts';

/** Periodic Background Sync (Chromium, installed apps): not yet in TypeScript's worker types. */
interface PeriodicSyncEvent extends ExtendableEvent {
  readonly tag: string;
}
declare global {
  interface ServiceWorkerGlobalScopeEventMap {
    periodicsync: PeriodicSyncEvent;
  }
}

declare const self: ServiceWorkerGlobalScope & {
  /** Replaced by workbox-build's injectManifest with the list of files to precache. */
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};
declare const __APP_VERSION__: string;
declare const __BUILD_ID__: string;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// The app's screens are its folder with a query (`./?screen=settings`): the shell, which routes
// them. Other addresses in the folder are files (the samples) or nothing, as the server says.
const shell = createHandlerBoundToURL('index.html');
registerRoute(
  ({ url, request }) => request.mode === 'navigate' && isShellAddress(url),
  async (options) => {
    const response = await shell(options);
    // The receiving screen of a move: the reader's app at its old address opened this window and
    // must keep hold of it, which the precached page's Cross-Origin-Opener-Policy would cut.
    if (options.url.searchParams.get('screen') !== 'receive' || !response.headers.has('Cross-Origin-Opener-Policy')) return response;
    const headers = new Headers(response.headers);
    headers.delete('Cross-Origin-Opener-Policy');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  },
);
// Installed apps and bookmarks of versions that kept screens in the path (`/settings`,
// `/read/<token>`) land on the same screen at its address now.
registerRoute(
  ({ url, request }) => request.mode === 'navigate' && oldScreenAddress(url) !== undefined,
  ({ url }) => Promise.resolve(Response.redirect(oldScreenAddress(url)!, 301)),
);

// The share sheet POSTs here (see share_target in the manifest). Keep what was shared for the
// page, then open it; the page imports through the same path as any file or link.
registerRoute(
  ({ url, request }) => request.method === 'POST' && url.href === inApp('share-target'),
  async ({ request }) => {
    const form = await request.formData();
    const items: InboxItem[] = [];
    for (const [, value] of form) {
      if (typeof value === 'string') {
        if (value.trim()) items.push({ kind: 'text', text: value });
      } else if (value.size > 0) {
        items.push({ kind: 'file', file: value });
      }
    }
    await putInInbox(items);
    return Response.redirect(inApp(`./?${SHARED_QUERY}=1`), 303);
  },
  'POST',
);

// The first install takes the open page at once, so it works offline without a reload. An update
// waits (no skipWaiting here) until the reader presses "Reload to update".
clientsClaim();

function answer<R extends WorkerRequest>(request: R): WorkerReply<R> {
  switch (request.type) {
    case 'SKIP_WAITING':
      void self.skipWaiting();
      return undefined as WorkerReply<R>;
    case 'GET_VERSION':
      return { version: __APP_VERSION__, buildId: __BUILD_ID__ } as WorkerReply<R>;
  }
}

// When the browser wakes the worker to sync, the followed editions are synced as the Sync button
// would: through whichever mirror answers, each article checked before it is stored. Not with the
// library lock on: the worker never has the keys (they live only in an unlocked page), so it could
// neither read the sources nor seal what it fetched; the sync on start does it after an unlock.
self.addEventListener('periodicsync', (event) => {
  if (event.tag !== PERIODIC_SYNC_TAG) return;
  forgetVaultRecord();
  event.waitUntil(
    vaultRecord()
      .then((vault) => (vault ? undefined : syncAllEditions()))
      .catch(() => undefined),
  );
});

self.addEventListener('message', (event) => {
  if (!isWorkerRequest(event.data)) return;
  const reply = answer(event.data);
  event.ports[0]?.postMessage(reply);
});
