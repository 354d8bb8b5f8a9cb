import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { lookup as mimeType } from 'mrmime';

/** O_NONBLOCK: a FIFO put in the folder opens at once (and is then refused) instead of hanging a thread. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** Compressed copies beside a file (NAME.br, NAME.gz): the first the client accepts is sent. */
const VARIANTS = [
  { encoding: 'br', suffix: '.br', accepted: /\bbr\b/ },
  { encoding: 'gzip', suffix: '.gz', accepted: /\bgzip\b/ },
];
const AS_IS = { encoding: undefined, suffix: '' };

/** A path no one should fetch: a hidden file or folder (.git, .env), except `.well-known`. */
const HIDDEN = /\/\.(?!well-known(\/|$))/;

/** The names that may answer a request path, in order: the file, NAME.html, NAME/index.html. */
function candidates(pathname) {
  return pathname.endsWith('/') ? [`${pathname}index.html`] : [pathname, `${pathname}.html`, `${pathname}/index.html`];
}

/** An open regular file under `root`, or undefined. */
async function openFile(root, name) {
  const path = join(root, name);
  if (!path.startsWith(root + sep)) return undefined;
  const handle = await open(path, OPEN_FLAGS).catch(() => undefined);
  const stats = await handle?.stat().catch(() => undefined);
  if (stats?.isFile()) return { handle, stats };
  await handle?.close();
  return undefined;
}

/**
 * A static file handler for both servers: `npm start`'s and `pamphlet serve`'s. It opens the file
 * first and takes its length and ETag from the open descriptor, then sends that descriptor's
 * bytes and no more, so that a file removed or rewritten since the last request (a mirror
 * updated in place) is a 404 or its new version, and a read that fails or comes up short cuts
 * that one response. sirv, used before, listed the folder once at start-up in production mode
 * (stale lengths, and a crash on a file removed since) and in either mode opened by path after
 * it had looked, with no listener for the read's errors: a file gone or unreadable by then ended
 * the process.
 *
 * `precompressed`: NAME.br and
 * NAME.gz are sent in place of NAME to clients that accept them. `setHeaders(res, pathname)` runs
 * last, so its headers win.
 *
 * @param {string} root
 * @param {{ precompressed?: boolean, setHeaders?: (res: import('node:http').ServerResponse, pathname: string) => void }} [options]
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, notFound: () => void) => void}
 */
export function staticFiles(root, { precompressed = false, setHeaders = () => {} } = {}) {
  const folder = resolve(root);

  async function serve(req, res, notFound) {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return notFound();
    }
    if (HIDDEN.test(pathname) || pathname.includes('\0')) return notFound();
    const acceptEncoding = String(req.headers['accept-encoding'] ?? '');
    const variants = precompressed ? VARIANTS.filter(({ accepted }) => accepted.test(acceptEncoding)) : [];
    for (const name of candidates(pathname)) {
      for (const { encoding, suffix } of [...variants, AS_IS]) {
        const file = await openFile(folder, name + suffix);
        if (file) return send(req, res, pathname, name, encoding, file);
      }
    }
    return notFound();
  }

  async function send(req, res, pathname, name, encoding, { handle, stats }) {
    const etag = `W/"${stats.size}-${stats.mtimeMs}"`;
    const type = mimeType(name);
    if (type) res.setHeader('Content-Type', type === 'text/html' ? 'text/html;charset=utf-8' : type);
    res.setHeader('Content-Length', stats.size);
    res.setHeader('Last-Modified', stats.mtime.toUTCString());
    res.setHeader('ETag', etag);
    if (encoding) res.setHeader('Content-Encoding', encoding);
    if (precompressed) res.setHeader('Vary', 'Accept-Encoding');
    setHeaders(res, pathname);
    const notModified = req.headers['if-none-match'] === etag;
    if (notModified) {
      res.statusCode = 304;
      res.removeHeader('Content-Length');
    }
    if (notModified || req.method === 'HEAD' || stats.size === 0) {
      res.end();
      return handle.close();
    }
    const body = handle.createReadStream({ start: 0, end: stats.size - 1 });
    await pipeline(body, res, { end: false });
    if (body.bytesRead < stats.size) throw new Error(`${name} was cut short while it was being sent`);
    res.end();
  }

  // Any failure once headers are out (a read that fails, a file cut short meanwhile) ends this one
  // response, cut: the client was promised `size` bytes, and fewer must not look like the whole file.
  return (req, res, notFound) => {
    serve(req, res, notFound).catch(() => res.destroy());
  };
}
