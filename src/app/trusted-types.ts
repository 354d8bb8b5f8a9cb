/**
 * The app's one Trusted Types policy. The CSP requires Trusted Types for every script sink and
 * allows only this policy (and Lit's, for its own templates), so the only ways this app turns a
 * string into a script URL or HTML are the functions below, none of which can run anything:
 * the service worker's fixed URL, and HTML parsed into inert documents (DOMParser documents, which
 * run no script and fetch nothing), which is all DOMPurify does with the policy too.
 */
import { inApp } from '../browser/app-folder.ts';

// In the app's folder, wherever that is (the build names the workers relative to it).
const SERVICE_WORKER_URL = inApp('sw.js');
const QR_WORKER_URL = inApp(__QR_WORKER_URL__);
const SEARCH_WORKER_URL = inApp(__SEARCH_WORKER_URL__);
const KDF_WORKER_URL = inApp(__KDF_WORKER_URL__);
/** The only script URLs the app ever loads by address: its service worker and its three workers. */
const SCRIPT_URLS = new Set([SERVICE_WORKER_URL, QR_WORKER_URL, SEARCH_WORKER_URL, KDF_WORKER_URL]);

function refuse(what: string): never {
  throw new TypeError(`Pamphlet's Trusted Types policy refused ${what}`);
}

interface PamphletPolicy {
  createScriptURL(url: string): TrustedScriptURL | string;
  createHTML(html: string): TrustedHTML | string;
}

function createPolicy(): PamphletPolicy {
  const rules = {
    createScriptURL: (url: string) => (SCRIPT_URLS.has(url) ? url : refuse(`the script URL ${url}`)),
    // Used only by `parseInertDocument`: a DOMParser document runs no script and loads nothing.
    createHTML: (html: string) => html,
  };
  // Browsers without Trusted Types get the same checks on plain strings.
  return window.trustedTypes ? window.trustedTypes.createPolicy('pamphlet', rules) : rules;
}

let policy: PamphletPolicy | undefined;

function pamphletPolicy(): PamphletPolicy {
  policy ??= createPolicy();
  return policy;
}

/**
 * The policy DOMPurify parses with (its TRUSTED_TYPES_POLICY option), so that the sanitizer runs
 * inside the app's policy. For sanitize-article.ts only: anything else wanting HTML goes through
 * the sanitizer, or `parseInertDocument` for a document that is never shown.
 */
export function sanitizerPolicy(): TrustedTypePolicy | PamphletPolicy {
  return pamphletPolicy();
}

/** The service worker's script URL. */
export function serviceWorkerUrl(): TrustedScriptURL | string {
  return pamphletPolicy().createScriptURL(SERVICE_WORKER_URL);
}

/** The search worker's script URL. */
export function searchWorkerUrl(): TrustedScriptURL | string {
  return pamphletPolicy().createScriptURL(SEARCH_WORKER_URL);
}

/** The library lock's key-derivation worker's script URL. */
export function kdfWorkerUrl(): TrustedScriptURL | string {
  return pamphletPolicy().createScriptURL(KDF_WORKER_URL);
}

/** The QR decoder worker's script URL. */
export function qrDecoderWorkerUrl(): TrustedScriptURL | string {
  return pamphletPolicy().createScriptURL(QR_WORKER_URL);
}

/**
 * Parses untrusted HTML (a saved web page) into a document that is never attached to the page:
 * DOMParser documents run no script and fetch nothing, images included. Whatever is taken out of
 * it must still be sanitized before it is shown.
 */
export function parseInertDocument(html: string): Document {
  return new DOMParser().parseFromString(pamphletPolicy().createHTML(html) as string, 'text/html');
}

function letInnerHtmlThrough(element: Element): Element {
  Object.defineProperty(element, 'innerHTML', {
    configurable: true,
    get: () => element.getHTML(),
    // The element's own innerHTML (the prototype's setter), given the policy's TrustedHTML.
    set: (html: string) => Reflect.set(Element.prototype, 'innerHTML', pamphletPolicy().createHTML(html), element),
  });
  return element;
}

/**
 * An inert document for Readability, which assigns `innerHTML` inside the document it is given
 * (when it retries with other settings, and to unwrap `<noscript>` images). Trusted Types would
 * refuse those assignments although nothing in a DOMParser document can run, so this document's
 * body and the elements it creates take HTML through the policy. Nothing of it is ever attached
 * to the page: Readability's output is a string that is sanitized before use.
 */
export function parseDocumentForReadability(html: string): Document {
  const doc = parseInertDocument(html);
  const createElement = doc.createElement.bind(doc);
  doc.createElement = ((tagName: string, options?: ElementCreationOptions) =>
    letInnerHtmlThrough(createElement(tagName, options))) as Document['createElement'];
  if (doc.body) letInnerHtmlThrough(doc.body);
  return doc;
}
