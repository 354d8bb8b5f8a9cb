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
  | { screen: 'not-found'; path: string };

const READER_PATH = /^\/read\/([A-Za-z0-9_-]{22}|[0-9a-f]{64})\/?$/;

export function routeOf(pathname: string): Route {
  // `/read` alone is where a library link points until the app gives it the article's address.
  if (pathname === '/' || pathname === '/index.html' || pathname === '/read') return { screen: 'library' };
  if (pathname === '/settings' || pathname === '/settings/') return { screen: 'settings' };
  if (pathname === '/sources' || pathname === '/sources/') return { screen: 'sources' };
  if (pathname === '/scan' || pathname === '/scan/') return { screen: 'scan' };
  if (pathname === '/nearby' || pathname === '/nearby/') return { screen: 'nearby' };
  if (pathname === '/deleted' || pathname === '/deleted/') return { screen: 'deleted' };
  const reader = READER_PATH.exec(pathname);
  if (reader) return { screen: 'reader', reference: reader[1]! };
  return { screen: 'not-found', path: pathname };
}

export const ROUTE_CHANGED = 'pamphlet-route-changed';

/** Goes to an in-app path without a page load; the shell re-renders on `ROUTE_CHANGED`. */
export function navigate(path: string, { replace = false } = {}): void {
  if (READER_PATH.test(path)) performance.mark(ARTICLE_REQUESTED);
  const state = { scrollY: 0 };
  if (replace) history.replaceState(state, '', path);
  else {
    // Remember where this page was scrolled to, so Back returns there.
    history.replaceState({ ...history.state, scrollY: window.scrollY }, '');
    history.pushState(state, '', path);
  }
  window.dispatchEvent(new Event(ROUTE_CHANGED));
}
