// A DOM for unit tests of page modules that sanitize or parse HTML (DOMPurify, DOMParser), as the
// page has one; jsdom is already a dependency (the CLI extracts pages with it).
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!doctype html>');
Object.assign(globalThis, { window, Element: window.Element, DOMParser: window.DOMParser });

// jsdom has no Element.getHTML (trusted-types.ts reads HTML back through it for Readability);
// for the plain documents the app parses, it is the inner HTML.
if (!('getHTML' in window.Element.prototype)) {
  Object.defineProperty(window.Element.prototype, 'getHTML', {
    configurable: true,
    value(this: Element) {
      return Reflect.get(window.Element.prototype, 'innerHTML', this);
    },
  });
}
