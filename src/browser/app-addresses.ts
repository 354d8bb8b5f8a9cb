import { appBase } from './app-folder.ts';

/**
 * The addresses the service worker answers with the app's shell: its folder itself and its
 * `index.html`, with any query (the screens: app/router.ts).
 */
export function isShellAddress(url: URL): boolean {
  const base = appBase();
  const path = url.origin + url.pathname;
  return path === base || path === `${base}index.html`;
}

const OLD_PATH = /^(settings|sources|scan|nearby|deleted)\/?$|^read(?:\/([A-Za-z0-9_-]{22}|[0-9a-f]{64}))?\/?$/;

/**
 * Where a screen's address from before screens moved into the query (`<folder>settings`,
 * `<folder>read/<token>`) is now, its query and fragment kept; undefined for any other address.
 */
export function oldScreenAddress(url: URL): string | undefined {
  const base = appBase();
  const href = url.origin + url.pathname;
  if (!href.startsWith(base)) return undefined;
  const old = OLD_PATH.exec(href.slice(base.length));
  if (!old) return undefined;
  const now = new URL(base);
  for (const [name, value] of url.searchParams) now.searchParams.append(name, value);
  if (old[1]) now.searchParams.set('screen', old[1]);
  else if (old[2]) now.searchParams.set('read', old[2]);
  now.hash = url.hash;
  return now.href;
}
