import { nameInFolder } from '../browser/app-folder.ts';
import { inApp } from '../browser/app-folder.ts';
import { msg } from '@lit/localize';
import { TAB_ICONS } from './tab-icons.ts';

/**
 * Discreet mode: the app goes by a neutral name ("Notes", in the UI's language) with a plain icon wherever the phone
 * shows it without opening it: the browser tab and the task switcher (the document title), the
 * home screen and the app list of an installed app (a second web app manifest), the share sheet
 * (no article title, a neutral file name). A preference of this browser, not of the library, so it
 * lives in localStorage: it must apply before anything else is drawn, and even while the library
 * is locked. After a wipe it is carried in the address (`?discreet`), since nothing is stored.
 */
const KEY = nameInFolder('pamphlet:discreet');
const QUERY = 'discreet';

/**
 * The neutral name, in the UI's language: an English "Notes" in a Persian or Russian tab list would
 * draw the eye that discreet mode means to avoid. (The installed app's name comes from
 * manifest-discreet.webmanifest, which, like the app's own manifest, is in English.)
 */
export function discreetName(): string {
  return msg('Notes', {
    id: 'discreet-name',
    desc: 'The neutral name the app goes by in discreet mode: a plain notes app, as a phone would name one',
  });
}

const MANIFESTS = { plain: inApp('manifest.webmanifest'), discreet: inApp('manifest-discreet.webmanifest') };
/** The tab's icon is a data: URL, never a request (tab-icons.ts); the home screen's comes with the manifest. */
const ICONS = {
  plain: { icon: TAB_ICONS.plain, touch: inApp('icons/apple-touch-icon.png') },
  discreet: { icon: TAB_ICONS.discreet, touch: inApp('icons/discreet-apple-touch-icon.png') },
};

export function discreetOn(): boolean {
  if (new URLSearchParams(location.search).has(QUERY)) return true;
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function setDiscreet(on: boolean): void {
  try {
    if (on) localStorage.setItem(KEY, 'on');
    else localStorage.removeItem(KEY);
  } catch {
    // No storage: it still applies to this page.
  }
  applyDiscreet(on);
}

/** The address's `?discreet` for a page that must store nothing (the wiped screen). */
export function withDiscreet(path: string, on = discreetOn()): string {
  if (!on) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${QUERY}`;
}

function setHref(selector: string, href: string): void {
  const element = document.head.querySelector<HTMLLinkElement>(selector);
  if (element && element.getAttribute('href') !== href) element.href = href;
}

/** Swaps the manifest, the icons and the title for the chosen mode. */
export function applyDiscreet(on = discreetOn()): void {
  const mode = on ? 'discreet' : 'plain';
  setHref('link[rel="manifest"]', MANIFESTS[mode]);
  setHref('link[rel="icon"]', ICONS[mode].icon);
  setHref('link[rel="apple-touch-icon"]', ICONS[mode].touch);
  // Set again, through the guard below, so that the tab's title follows at once.
  document.title = lastTitle;
}

const nativeTitle = Object.getOwnPropertyDescriptor(Document.prototype, 'title')!;
let lastTitle = document.title;

/**
 * Every screen sets `document.title` itself; in discreet mode the title that reaches the browser
 * (the tab, the task switcher, the history) is the neutral name instead. Guarding the one property
 * keeps every screen, and every screen added later, within the rule.
 */
function guardTitle(): void {
  Object.defineProperty(document, 'title', {
    configurable: true,
    get: () => nativeTitle.get!.call(document) as string,
    set: (title: string) => {
      lastTitle = title;
      nativeTitle.set!.call(document, discreetOn() ? discreetName() : title);
    },
  });
}

/** At start, before the first screen: the title guard, the chosen mode, and a `?discreet` kept. */
export function startDiscreetMode(): void {
  guardTitle();
  // Turned on or off in another tab of the app.
  window.addEventListener('storage', (event) => {
    if (event.key === KEY || event.key === null) applyDiscreet();
  });
  const params = new URLSearchParams(location.search);
  // `?discreet` outside the wiped screen: starting again after a wipe, in discreet mode.
  if (params.has(QUERY) && !params.has('wiped')) {
    params.delete(QUERY);
    setDiscreet(true);
    history.replaceState(history.state, '', location.pathname + (params.size ? `?${params}` : '') + location.hash);
    return;
  }
  applyDiscreet();
}
