import { isShellAddress, oldScreenAddress } from '../browser/app-addresses.ts';
import { appBase, inApp } from '../browser/app-folder.ts';
import { ARTICLE_REQUESTED } from './performance-marks.ts';

/** The app's screens and their URLs, so that reload and back/forward land where the reader was. */
export type Route =
  | { screen: 'library' }
  /** `reference`: the article's address token (library/article-address.ts), or an id from an older address. */
  | { screen: 'reader'; reference: string }
  | { screen: 'settings' }
  | { screen: 'sources' }
  | { screen: 'scan' }
  | { screen: 'nearby' }
  | { screen: 'deleted' }
  /** Every highlight and note in the library. */
  | { screen: 'highlights' }
  /** The new address's side of a move (src/move/). */
  | { screen: 'receive' }
  | { screen: 'not-found'; path: string };

/**
 * A screen's address is the app's folder with the screen in the query (`./?screen=settings`,
 * `./?read=<token>`), never a path below it: a plain static server (a CDN, a Pages site, an IPFS
 * gateway) has only `index.html` to give, and a browser without service workers (Tor Browser)
 * asks it for whatever the address says at each reload.
 */
const SCREENS = ['settings', 'sources', 'scan', 'nearby', 'deleted', 'highlights', 'receive'] as const;
type NamedScreen = (typeof SCREENS)[number];
const READER_REFERENCE = /^([A-Za-z0-9_-]{22}|[0-9a-f]{64})$/;
function isNamedScreen(screen: string): screen is NamedScreen {
  return (SCREENS as readonly string[]).includes(screen);
}

export function routeOf(address: string): Route {
  let url = new URL(address, appBase());
  if (!isShellAddress(url)) {
    // Served at an address of an older version (a server that answers every path with the app).
    const now = oldScreenAddress(url);
    if (!now) return { screen: 'not-found', path: url.pathname };
    url = new URL(now);
  }
  const read = url.searchParams.get('read');
  // `?read` alone is where a library link points until the app gives it the article's address.
  if (read) return READER_REFERENCE.test(read) ? { screen: 'reader', reference: read } : { screen: 'not-found', path: url.search };
  const screen = url.searchParams.get('screen');
  if (screen === null || screen === '') return { screen: 'library' };
  return isNamedScreen(screen) ? { screen } : { screen: 'not-found', path: url.search };
}

/** A screen's address in the app's folder. */
export function screenAddress(screen: NamedScreen | 'library'): string {
  return inApp(screen === 'library' ? './' : `./?screen=${screen}`);
}

/** Whether `address` is one of the app's screens (rather than a file of its folder or another site). */
export function isScreenAddress(address: string): boolean {
  return isShellAddress(new URL(address, appBase()));
}

export const ROUTE_CHANGED = 'pamphlet-route-changed';

/** Goes to an address of the app without a page load; the shell re-renders on `ROUTE_CHANGED`. */
export function navigate(address: string, { replace = false } = {}): void {
  const path = inApp(address);
  if (routeOf(path).screen === 'reader') performance.mark(ARTICLE_REQUESTED);
  const state = { scrollY: 0 };
  if (replace) history.replaceState(state, '', path);
  else {
    // Remember where this page was scrolled to, so Back returns there.
    history.replaceState({ ...history.state, scrollY: window.scrollY }, '');
    history.pushState(state, '', path);
  }
  window.dispatchEvent(new Event(ROUTE_CHANGED));
}
