import { createServer } from 'node:http';
import { CSP_HEADER } from './csp.mjs';
import { staticFiles } from './static-files.mjs';

/** esbuild's content hash in a file name: `main-ABCD1234.js`, `chunks/reader-WXYZ5678.js`. */
const HASHED = /-[A-Z0-9]{8}\.(js|css|map)$/;

/**
 * The receiving screen of a move (src/move/): the reader's app at its old address opened this
 * window and must keep hold of it, which a Cross-Origin-Opener-Policy on this page would cut.
 */
function isReceivingScreen(req) {
  return new URL(req?.url ?? '/', 'http://localhost').searchParams.get('screen') === 'receive';
}

/**
 * The headers a PWA needs, by request path. Cross-Origin-Opener-Policy `same-origin-allow-popups`:
 * a window of another site that opens the app keeps no handle on it (as with `same-origin`), while
 * the app keeps the one window it opens itself, a move's, whose page sends none (docs/threat-model.md).
 */
export function setPwaHeaders(res, pathname) {
  res.setHeader('Content-Security-Policy', CSP_HEADER);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (isReceivingScreen(res.req)) res.removeHeader('Cross-Origin-Opener-Policy');
  else res.setHeader('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
  if (pathname.endsWith('.webmanifest')) res.setHeader('Content-Type', 'application/manifest+json');
  // A hashed name changes with its content; any other name (index.html, sw.js, the manifests,
  // the icons) must be checked with the server every time, which ETags make cheap.
  res.setHeader('Cache-Control', HASHED.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
  // Nothing the app shows may make the browser look up or warm up other hosts.
  res.setHeader('X-DNS-Prefetch-Control', 'off');
}

/**
 * An HTTP server for a built app folder, as plain as any static host: the app's screens are its
 * folder with a query (src/app/router.ts), so it needs no fallback; addresses of versions that
 * kept screens in the path are sent to where those screens are now; missing files get 404; and a
 * file is read as it is at each request, so that a folder updated in place is served as it is now
 * (see static-files.mjs).
 */
export function createAppServer(root) {
  const serveStatic = staticFiles(root, { precompressed: true, setHeaders: setPwaHeaders });
  return createServer((req, res) => {
    if (clearsSiteData(req, res) || redirectsOldScreenAddress(req, res)) return;
    serveStatic(req, res, () => {
      setPwaHeaders(res, '/404');
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Not found');
    });
  });
}

/** `/settings`, `/read/<token>`: as src/browser/app-addresses.ts knows them, for the service worker. */
const OLD_SCREEN_PATH = /^\/(settings|sources|scan|nearby|deleted)\/?$|^\/read(?:\/([A-Za-z0-9_-]{22}|[0-9a-f]{64}))?\/?$/;

/** Sends an address of an older version's screen (a bookmark, an installed app's shortcut) to that screen now. */
function redirectsOldScreenAddress(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const old = OLD_SCREEN_PATH.exec(url.pathname);
  if (!old) return false;
  if (old[1]) url.searchParams.set('screen', old[1]);
  else if (old[2]) url.searchParams.set('read', old[2]);
  setPwaHeaders(res, url.pathname);
  res.writeHead(301, { Location: `/${url.search}` });
  res.end();
  return true;
}

/**
 * The app's wipe asks for `/clear-site-data` (any depth, so an app served under a path asks its
 * own folder's): the answer makes the browser delete the origin's storage from the disk, where
 * the app's own deletions leave bytes until a compaction (docs/threat-model.md, section 6).
 * "storage" and "cache" only: "executionContexts" would reload the wiped screen, "cookies" the
 * app has none of.
 */
export function clearsSiteData(req, res) {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!pathname.endsWith('/clear-site-data')) return false;
  setPwaHeaders(res, pathname);
  res.setHeader('Clear-Site-Data', '"cache", "storage"');
  res.setHeader('Cache-Control', 'no-store');
  res.statusCode = 204;
  res.end();
  return true;
}

/** Starts listening on loopback; resolves with the URL once it accepts connections. */
export function listen(server, port, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(`http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`);
    });
  });
}
