/**
 * The folder the app is served from: `https://host/` or `https://host/any/depth/pamphlet/`. The
 * same build runs at any of them (censors block addresses; a mirror may only have a folder of
 * someone else's site), so no part of the app names a path from the domain's root: every address
 * it makes is relative to this folder, and everything it keeps in the origin's storage is named
 * for it, so that two installs under different folders of one origin never mix their libraries.
 *
 * Each runtime knows the folder from where it runs: the service worker from its scope (its own
 * folder), a worker from its script (`<folder>/assets/…`), the page from its address, which is
 * always the folder itself (the app's screens are in the query: see app/router.ts).
 */
export function appBase(): string {
  base ??= baseOfThisRuntime();
  return base;
}

let base: string | undefined;

function baseOfThisRuntime(): string {
  const scope = (globalThis as { registration?: { scope?: string } }).registration?.scope;
  if (scope) return scope;
  // Outside a browser (the unit tests run storage code in Node): as at a domain's root.
  if (typeof location === 'undefined') return 'http://localhost/';
  const inPage = typeof (globalThis as { document?: unknown }).document !== 'undefined';
  return new URL(inPage ? './' : '../', location.href).href;
}

/** The folder's path, `/` at a domain's root. */
export function appFolder(): string {
  return new URL(appBase()).pathname;
}

/** The address of `path` (`sw.js`, `assets/…`, `?screen=settings`) in the app's folder. */
export function inApp(path: string): string {
  return new URL(path, appBase()).href;
}

/**
 * A name in the origin's shared storage (a database, a cache, a localStorage key, a broadcast
 * channel, a Web Lock) for this folder's app. At the root it is the name itself, as every
 * version before folders named it, so an install at the root keeps its library.
 */
export function nameInFolder(name: string, folder = appFolder()): string {
  return folder === '/' ? name : `${name}@${folder}`;
}

/**
 * A short tag of the folder for names that allow only a few characters (storage buckets: lower
 * case letters, digits, `-` and `_`): empty at the root, else `-` and 16 hex digits of two
 * FNV-1a hashes of the path. Two folders of one origin colliding is a chance in 2^64.
 */
export function folderTag(folder = appFolder()): string {
  if (folder === '/') return '';
  const hash = (seed: number) => {
    let value = seed;
    for (let index = 0; index < folder.length; index++) value = Math.imul(value ^ folder.charCodeAt(index), 0x01000193) >>> 0;
    return value.toString(16).padStart(8, '0');
  };
  return `-${hash(0x811c9dc5)}${hash(0x050c5d1f)}`;
}

/**
 * Where a path-style IPFS gateway serves the app (`https://gateway/ipfs/<cid>/…`,
 * `…/ipns/<name>/…`): the origin is the gateway's, shared with every other site it serves, any of
 * which could read this library. The subdomain form (`https://<cid>.ipfs.gateway/`) gives the app
 * an origin of its own; `subdomainForm` is it where it can be written without decoding the CID (a
 * CIDv1 in base32, an IPNS name), else absent. Undefined when the app is not under such a path.
 */
export function sharedGatewayOrigin(base = appBase()): { gateway: string; subdomainForm?: string } | undefined {
  const url = new URL(base);
  const match = /^\/(ipfs|ipns)\/([^/]+)\/(.*)$/.exec(url.pathname);
  if (!match) return undefined;
  const [, namespace, root, rest] = match as unknown as [string, string, string, string];
  const gateway = url.host;
  // A subdomain is one DNS label: an IPNS name with dots (a DNSLink domain) has them as dashes,
  // and its dashes doubled; a CID must be a CIDv1 in base32 (lower case, starting with "b").
  const label = namespace === 'ipns' ? root.replaceAll('-', '--').replaceAll('.', '-') : /^b[a-z2-7]+$/.test(root) ? root : undefined;
  if (!label) return { gateway };
  return { gateway, subdomainForm: `${url.protocol}//${label}.${namespace}.${gateway}/${rest}` };
}
