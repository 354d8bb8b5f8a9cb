/** Filled in by build.mjs through esbuild's `define`. */
declare const __APP_VERSION__: string;
declare const __BUILD_ID__: string;
/** The QR decoder worker's hashed address, relative to the app's folder (`assets/…`). */
declare const __QR_WORKER_URL__: string;
/** The search worker's hashed address, relative to the app's folder (`assets/…`). */
declare const __SEARCH_WORKER_URL__: string;
/** The library lock's key-derivation worker's hashed address, relative to the app's folder (`assets/…`). */
declare const __KDF_WORKER_URL__: string;

/** esbuild bundles imported CSS into the entry's stylesheet. */
declare module '*.css';
