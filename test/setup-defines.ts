// What build.mjs defines for the app, for unit tests that import modules using it.
Object.assign(globalThis, {
  __INCLUDE_DEMO_PUBLISHER__: true,
  // The workers' hashed addresses; no unit test loads a worker, but trusted-types.ts lists them.
  __QR_WORKER_URL__: '/qr-decoder-worker.js',
  __SEARCH_WORKER_URL__: '/search-worker.js',
  __KDF_WORKER_URL__: '/kdf-worker.js',
});
