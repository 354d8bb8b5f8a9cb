import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/**
 * The browser's text size doubled, as a reader sets it in the phone's or browser's settings: the
 * default font size goes from 16 to 32 pixels, so everything the app sizes in rem or em doubles
 * (and anything sized in px would not, which these tests would then catch as too small to read).
 */
export async function doubleTextSize(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
}

/**
 * Everything on the screen, into the components' shadow roots and the article's frame (same
 * origin, no script of its own), each with its box in the page's coordinates. Runs in the page.
 */
function screenElements(): Array<{ element: Element; left: number; right: number; top: number; bottom: number }> {
  const found: Array<{ element: Element; left: number; right: number; top: number; bottom: number }> = [];
  const walk = (root: Document | ShadowRoot, dx: number, dy: number) => {
    for (const element of root.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      found.push({ element, left: box.left + dx, right: box.right + dx, top: box.top + dy, bottom: box.bottom + dy });
      if (element.shadowRoot) walk(element.shadowRoot, dx, dy);
      if (element instanceof HTMLIFrameElement && element.contentDocument) walk(element.contentDocument, dx + box.left, dy + box.top);
    }
  };
  walk(document, 0, 0);
  return found;
}

/**
 * Fails, naming each offender, if the page scrolls sideways or any element reaches past the
 * screen's left or right edge. An element inside a box that scrolls or clips on its own (a wide
 * table's wrapper, a `pre`) is that box's business, not the page's: the box itself is checked.
 */
export async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  const problems = await page.evaluate(
    (elements: string) => {
      const all = (0, eval)(elements)() as ReturnType<typeof screenElements>;
      const width = document.documentElement.clientWidth;
      const describe = (element: Element) => {
        const classes =
          typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
        const text = (element.textContent ?? '').trim().slice(0, 40);
        return `<${element.localName}${classes}> “${text}”`;
      };
      const parentOf = (element: Element): Element | null => {
        if (element.parentElement) return element.parentElement;
        const root = element.getRootNode();
        if (root instanceof ShadowRoot) return root.host;
        return element.ownerDocument.defaultView?.frameElement ?? null;
      };
      const scrollsOnItsOwn = (element: Element) => {
        for (let box = parentOf(element); box; box = parentOf(box)) {
          // The article's frame clips what is in it; what is in it is measured against the screen.
          if (box instanceof HTMLIFrameElement) return false;
          if (box === box.ownerDocument.documentElement || box === box.ownerDocument.body) continue;
          const overflow = getComputedStyle(box).overflowX;
          if (overflow !== 'visible') return true;
        }
        return false;
      };
      const found: string[] = [];
      const page = document.documentElement;
      if (page.scrollWidth > page.clientWidth) found.push(`the page scrolls sideways by ${page.scrollWidth - page.clientWidth} px`);
      const offenders = new Set<Element>();
      for (const { element, left, right } of all) {
        if (right - left === 0) continue;
        if (right <= width + 0.5 && left >= -0.5) continue;
        if (scrollsOnItsOwn(element)) continue;
        offenders.add(element);
        // Only the outermost: what sticks out inside something that sticks out is the same fault.
        const parent = parentOf(element);
        if (parent && offenders.has(parent)) continue;
        found.push(`${describe(element)} spans ${Math.round(left)}–${Math.round(right)} of ${width} px`);
      }
      // The article's own document must not scroll sideways inside its frame either.
      for (const { element } of all)
        if (element instanceof HTMLIFrameElement && element.contentDocument) {
          const root = element.contentDocument.documentElement;
          if (root.scrollWidth > root.clientWidth) found.push(`the article scrolls sideways by ${root.scrollWidth - root.clientWidth} px`);
        }
      return found;
    },
    `(${String(screenElements)})`,
  );
  expect(problems, `what reaches past the edge of the screen on ${screen}`).toEqual([]);
}

/**
 * Fails, naming each by role and name, if anything a finger taps is smaller than 44 by 44 CSS
 * pixels (WCAG 2.5.5, target size): buttons, links that stand alone (not those inside running
 * text), fields, lists to choose from, and checkboxes and radio buttons by the label that taps
 * them. What is not shown (hidden, or only for screen readers) is left out.
 */
export async function expectFingerSizedTargets(page: Page, screen: string): Promise<void> {
  const small = await page.evaluate(
    (elements: string) => {
      const all = (0, eval)(elements)() as ReturnType<typeof screenElements>;
      const roleOf = (element: Element): string | undefined => {
        const explicit = element.getAttribute('role');
        if (explicit)
          return ['button', 'link', 'checkbox', 'radio', 'textbox', 'combobox', 'searchbox', 'switch', 'tab', 'menuitem'].includes(explicit)
            ? explicit
            : undefined;
        if (element instanceof HTMLButtonElement || element.localName === 'summary') return 'button';
        if (element instanceof HTMLAnchorElement && element.hasAttribute('href')) return 'link';
        if (element instanceof HTMLSelectElement) return 'combobox';
        if (element instanceof HTMLTextAreaElement) return 'textbox';
        if (element instanceof HTMLInputElement) {
          if (['hidden', 'file'].includes(element.type)) return undefined;
          if (element.type === 'checkbox' || element.type === 'radio') return element.type;
          if (['button', 'submit', 'reset'].includes(element.type)) return 'button';
          if (element.type === 'search') return 'searchbox';
          if (element.type === 'range') return 'slider';
          return 'textbox';
        }
        return undefined;
      };
      const nameOf = (element: Element) =>
        (
          element.getAttribute('aria-label') ??
          (element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : element.textContent) ??
          ''
        )
          .trim()
          .replace(/\s+/g, ' ')
          .slice(0, 60);
      /** A link inside a sentence: its paragraph holds words besides the link's own. */
      const inRunningText = (element: Element) => {
        if (getComputedStyle(element).display !== 'inline') return false;
        const block = element.parentElement;
        return !!block && (block.textContent ?? '').trim().length > (element.textContent ?? '').trim().length;
      };
      const shown = (element: Element) => {
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.display === 'none') return false;
        for (let box: Element | null = element; box; box = box.parentElement ?? (box.getRootNode() as ShadowRoot).host ?? null)
          if (getComputedStyle(box).clipPath.startsWith('inset(50%')) return false;
        return true;
      };
      const found: string[] = [];
      for (const { element, left, right, top, bottom } of all) {
        const role = roleOf(element);
        if (!role || right - left === 0 || !shown(element)) continue;
        if (role === 'link' && inRunningText(element)) continue;
        let box = { width: right - left, height: bottom - top };
        // A checkbox or radio button is tapped through its label, which is what must be finger-sized.
        const label = (element as HTMLInputElement).labels?.[0];
        if ((role === 'checkbox' || role === 'radio') && label) {
          const labelBox = label.getBoundingClientRect();
          box = { width: Math.max(box.width, labelBox.width), height: Math.max(box.height, labelBox.height) };
        }
        if (box.width < 43.5 || box.height < 43.5)
          found.push(`${role} “${nameOf(element)}” is ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
      return found;
    },
    `(${String(screenElements)})`,
  );
  expect(small, `targets smaller than 44×44 on ${screen}`).toEqual([]);
}
