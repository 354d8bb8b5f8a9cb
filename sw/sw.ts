/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isWorkerRequest, type WorkerReply, type WorkerRequest } from '../src/shared/messages.ts';

declare const self: ServiceWorkerGlobalScope & {
  /** Replaced by workbox-build's injectManifest with the list of files to precache. */
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};
declare const __APP_VERSION__: string;
declare const __BUILD_ID__: string;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every in-app URL (/, /read/…, /settings) is the same shell; the page routes it.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

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

self.addEventListener('message', (event) => {
  if (!isWorkerRequest(event.data)) return;
  const reply = answer(event.data);
  event.ports[0]?.postMessage(reply);
});
