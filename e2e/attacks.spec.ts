import type { Page } from '@playwright/test';
import type { Article } from '../src/shared/article.ts';
import { contentVectors, textFieldVectors } from './attacks/vectors.ts';
import {
  bundleFile,
  draftArticle,
  htmlFile,
  importReport,
  importThroughPicker,
  libraryItem,
  newPublisherKey,
  signed,
  unsignedArticle,
} from './helpers/bundles.ts';
import { test, expect } from './helpers/fixtures.ts';
import { articleBody } from './helpers/reader.ts';
import { storedRecords } from './helpers/library-database.ts';
import { Tracker } from './helpers/tracker.ts';

const VECTORS_PER_ARTICLE = 12;

/** Articles carrying every vector: in the content, and as text in every text field. */
async function attackArticles(tracker: string): Promise<Article[]> {
  const key = await newPublisherKey();
  const vectors = contentVectors(tracker);
  const texts = textFieldVectors(tracker);
  const articles: Article[] = [];
  for (let start = 0, n = 0; start < vectors.length; start += VECTORS_PER_ARTICLE, n++) {
    const text = texts[n % texts.length]!;
    const content = vectors
      .slice(start, start + VECTORS_PER_ARTICLE)
      .map((vector, index) => `<p>Vector ${start + index + 1}:</p>${vector}`)
      .join('\n');
    const draft = draftArticle({
      title: `Attack ${n + 1} ${text}`,
      byline: text,
      publisher: { name: `Publisher ${text}`, url: 'https://publisher.example/' },
      summary: text,
      url: `https://publisher.example/${n}?q=${encodeURIComponent(text)}`,
      content,
    });
    // Signed and unsigned articles take different paths in; both must hold.
    articles.push(n % 3 === 2 ? await unsignedArticle(draft) : await signed(draft, key));
  }
  return articles;
}

/**
 * Metadata no bundle could carry: a language tag that is markup, a direction that is none, a
 * title and a byline far over the codec's limits, control characters in them and the summary (after
 * the first 512 characters, where a control character would make the file look binary).
 */
const HOSTILE_LANG = '"><img src=x onerror=alert(1)>';
const HOSTILE_TAIL = `\u0007\u0001tail\u001b[31m\u0085 ${'long '.repeat(600)}`;

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** A page saved from a hostile site: every vector in its body, and more in its head. */
function attackPage(tracker: string): string {
  const texts = textFieldVectors(tracker);
  return `<!doctype html><html lang='${HOSTILE_LANG}' dir="sideways"><head><meta charset="utf-8">
    <title>Hostile saved page ${texts[0]}</title>
    <base href="${tracker}/">
    <meta http-equiv="refresh" content="0;url=${tracker}/head-refresh">
    <link rel="canonical" href="javascript:alert(1)">
    <link rel="stylesheet" href="${tracker}/head.css">
    <script src="${tracker}/head.js"></script>
    <script>top.__pwned = 1</script>
    <meta property="og:title" content="${attribute(`Hostile saved page ${texts[0]} ${HOSTILE_TAIL}`)}">
    <meta name="author" content="${attribute(`${texts[2]} ${HOSTILE_TAIL}`)}">
    <meta name="description" content="${attribute(`${texts[1]} ${HOSTILE_TAIL}`)}">
    <meta property="og:site_name" content="${attribute(`javascript:alert(1) ${texts[3]} ${HOSTILE_TAIL}`)}">
    </head><body onload="top.__pwned=1"><article><h1>Hostile saved page</h1>
    <p>${'This page was saved from a site that attacks its readers. '.repeat(8)}</p>
    ${contentVectors(tracker)
      .map((vector, index) => `<p>Vector ${index + 1}:</p>${vector}`)
      .join('\n')}
    </article></body></html>`;
}

/** What must never be found in the article's frame, however it got there. */
async function leftovers(page: Page): Promise<string[]> {
  return articleBody(page)
    .locator('html')
    .evaluate((root) => {
      const found: string[] = [];
      // Formulas (MathML) are article text; its elements that act on input or load are not.
      const forbidden =
        'script, iframe, frame, frameset, object, embed, applet, form, input, button, textarea, select, base, meta:not([name="referrer"]), link, style, svg, template, noscript, portal, fencedframe, maction, mglyph, malignmark, annotation, annotation-xml';
      for (const element of root.querySelectorAll(forbidden)) found.push(`<${element.localName}>`);
      // The head holds only what the app put there (checked above); the article is the body.
      for (const element of [root.querySelector('body')!, ...root.querySelectorAll('body *')]) {
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (name.startsWith('on')) found.push(`${element.localName}[${name}]`);
          if (/^(javascript|vbscript|data):/.test(value) && name !== 'title')
            found.push(`${element.localName}[${name}=${value.slice(0, 30)}]`);
          if (['style', 'srcset', 'ping', 'background', 'formaction', 'action', 'xlink:href', 'id', 'name'].includes(name))
            found.push(`${element.localName}[${name}]`);
        }
      }
      return found;
    });
}

/**
 * What must never be found in the app's own screens (the library list, the reader's heading, the
 * import report), where titles, bylines, publishers and summaries are shown: the app itself adds
 * no handler attribute, no script URL, no element that loads or runs anything, and asks the
 * tracker for nothing. Walks every shadow root; the article's frame is `leftovers`' to check.
 */
async function appLeftovers(page: Page, tracker: string): Promise<string[]> {
  return page.evaluate((tracker) => {
    const found: string[] = [];
    const forbidden =
      'script, iframe:not([title="Article text"]), frame, frameset, object, embed, applet, base, meta, portal, fencedframe, math, noscript';
    const urlAttributes = ['src', 'href', 'srcset', 'action', 'formaction', 'poster', 'background', 'data', 'xlink:href', 'ping'];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) walk(element.shadowRoot);
        // index.html's own head (the app's script, CSP and manifest) and its noscript note are not content.
        if (root instanceof Document && element.closest('head, body > noscript')) continue;
        if (element.matches(forbidden)) found.push(`<${element.localName}>`);
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (name.startsWith('on')) found.push(`${element.localName}[${name}]`);
          if (urlAttributes.includes(name) && (/^(javascript|vbscript):/.test(value) || value.includes(tracker.toLowerCase()))) {
            found.push(`${element.localName}[${name}=${value.slice(0, 30)}]`);
          }
        }
      }
    };
    walk(document);
    return found;
  }, tracker);
}

/** Hover over, click and tab through everything in the article, as a curious reader would. */
async function handle(page: Page): Promise<void> {
  const body = articleBody(page);
  const targets = body.locator('body *:not(a[href]):not(a[href] *)');
  const count = Math.min(await targets.count(), 60);
  for (let index = 0; index < count; index++) {
    const target = targets.nth(index);
    if (!(await target.isVisible())) continue;
    await target.hover({ timeout: 2000 }).catch(() => undefined);
    await target.click({ timeout: 2000, noWaitAfter: true }).catch(() => undefined);
  }
  await body
    .locator('body')
    .focus()
    .catch(() => undefined);
  for (let press = 0; press < 25; press++) await page.keyboard.press('Tab');
}

async function pwnedAnywhere(page: Page): Promise<unknown[]> {
  return page.evaluate(() => {
    const frames: Window[] = [window];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element instanceof HTMLIFrameElement && element.contentWindow) frames.push(element.contentWindow);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return frames.map((frame) => (frame as unknown as { __pwned?: unknown }).__pwned).filter((value) => value !== undefined);
  });
}

test('182 attack vectors in every field of bundles and saved pages: nothing runs, nothing leaks, the app works on', async ({ page }) => {
  test.setTimeout(300_000);
  const tracker = await Tracker.start();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  try {
    const vectors = contentVectors(tracker.url);
    expect(vectors.length).toBeGreaterThanOrEqual(150);
    const articles = await attackArticles(tracker.url);
    await page.goto('/');
    await importThroughPicker(page, [bundleFile('attacks.html', articles), htmlFile('hostile-page.html', attackPage(tracker.url))]);
    const report = importReport(page);
    await expect(report).toContainText('hostile-page.html');
    await expect(report.getByText(/unsafe parts? \(such as scripts\), which Pamphlet will never show or run/)).toHaveCount(
      articles.length + 1,
    );
    // The report and the library list show every title and publisher, the list every summary too.
    await expect(libraryItem(page, 'Hostile saved page')).toBeVisible();
    expect(await appLeftovers(page, tracker.url), 'import report and library').toEqual([]);

    const titles = [...articles.map((article) => article.title), 'Hostile saved page'];
    for (const title of titles) {
      await page.getByRole('link', { name: 'Library' }).click();
      await libraryItem(page, title).getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(articleBody(page).locator('body')).toContainText(/Vector \d+:/);
      await handle(page);
      expect(await leftovers(page), title).toEqual([]);
      expect(await appLeftovers(page, tracker.url), `${title}: the reader's heading`).toEqual([]);
    }
    // A wait on purpose, not for a condition: what follows proves that nothing runs or calls out
    // late (a vector's 1 s animation ending, a refresh, a lazy load, a handler after the last Tab),
    // and that something does not happen has no event to await.
    await page.waitForTimeout(1000);
    expect(await pwnedAnywhere(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(tracker.requests).toEqual([]);

    // The app works on: the library lists everything, and a plain article still comes in and opens.
    await page.getByRole('link', { name: 'Library' }).click();
    await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(articles.length + 2);
    const plain = await signed(draftArticle({ title: 'A plain article after the attacks' }), await newPublisherKey());
    await importThroughPicker(page, [bundleFile('plain.html', [plain])]);
    await libraryItem(page, 'A plain article after the attacks').getByRole('link').click();
    await expect(articleBody(page).locator('body')).toContainText('Two journalists were detained on Monday.');
  } finally {
    await tracker.stop();
  }
});

/** C0 and C1 controls other than tab, line feed and carriage return, as the codec refuses them. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The stored articles whose title begins with `prefix`, read with the raw IndexedDB API, not the app's code. */
async function storedArticles(page: Page, prefix: string): Promise<Article[]> {
  return (await storedRecords<Article>(page, 'articles')).filter((article) => article.title.startsWith(prefix));
}

test('a saved page’s hostile metadata is stored as a bundle’s would have to be: a real language tag, a direction, fields within the limits, no control characters', async ({
  page,
}) => {
  const tracker = await Tracker.start();
  try {
    await page.goto('/');
    await importThroughPicker(page, [htmlFile('hostile-page.html', attackPage(tracker.url))]);
    await expect(libraryItem(page, 'Hostile saved page')).toBeVisible();
    const [stored, ...others] = await storedArticles(page, 'Hostile saved page');
    expect(others).toEqual([]);
    expect(stored!.lang).toBe('und');
    expect(stored!.dir).toBe('ltr');
    expect(stored!.title.length).toBeLessThanOrEqual(1000);
    expect(stored!.title).toMatch(/^Hostile saved page <script>/);
    expect(stored!.byline!.length).toBeLessThanOrEqual(500);
    expect(stored!.summary!.length).toBeLessThanOrEqual(5000);
    expect(stored!.publisher.name.length).toBeLessThanOrEqual(300);
    for (const text of [stored!.title, stored!.byline!, stored!.summary!, stored!.publisher.name])
      expect(text).not.toMatch(CONTROL_CHARACTERS);
    // The reader opens it, marked as written in no known language.
    await libraryItem(page, 'Hostile saved page').getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hostile saved page' })).toBeVisible();
    await expect(page.getByRole('article')).toHaveAttribute('lang', 'und');
    expect(tracker.requests).toEqual([]);
  } finally {
    await tracker.stop();
  }
});

test('Trusted Types are enforced in the app: an HTML string given to innerHTML and a policy of an unknown name both throw', async ({
  page,
  problems,
}) => {
  // Each refusal is also reported on the console: exactly these are expected, nothing else.
  problems.expectedConsoleErrors.push(
    /^This document requires 'TrustedHTML' assignment\. The action has been blocked\./,
    /^Creating a TrustedTypePolicy named 'someName' violates the following Content Security policy directive: "trusted-types pamphlet lit-html"\. The action has been blocked\./,
  );
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem').first()).toBeVisible();
  const errors = await page.evaluate(() => {
    const attempt = (action: () => unknown) => {
      try {
        action();
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    return [
      attempt(() => {
        document.body.innerHTML = '<b>x</b>';
      }),
      attempt(() => window.trustedTypes!.createPolicy('someName', {})),
    ];
  });
  expect(errors[0]).toMatch(/^TypeError: .*TrustedHTML/);
  expect(errors[1]).toMatch(/^TypeError: .*someName/);
  // Nothing was replaced: the app is still there and works.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test.describe('with the page’s CSP and Trusted Types switched off', () => {
  test.use({ bypassCSP: true });

  test('the article frame alone keeps script from running: sandboxed without allow-scripts, a handler and a script put straight into it do nothing', async ({
    page,
    problems,
  }) => {
    // Chromium reports each blocked script (the script element, the handler) on the console.
    problems.expectedConsoleErrors.push(
      /^Blocked script execution in '[^']*' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\./,
    );
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto('/');
    const plain = await signed(draftArticle({ title: 'An article to inject into' }), await newPublisherKey());
    await importThroughPicker(page, [bundleFile('plain.html', [plain])]);
    await libraryItem(page, 'An article to inject into').getByRole('link').first().click();
    await expect(articleBody(page).locator('body')).toContainText('Two journalists were detained on Monday.');
    const frame = page.getByTitle('Article text');
    // Same origin (so the app can fill and measure it), never scripts: only the two together let framed code out.
    const sandbox = ((await frame.getAttribute('sandbox')) ?? '').split(/\s+/).sort();
    expect(sandbox).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox', 'allow-same-origin']);
    expect(sandbox).not.toContain('allow-scripts');

    const seen = await page.evaluate(async () => {
      /** Puts a script and an image whose error handler marks the top window into a frame's document. */
      const inject = (element: HTMLIFrameElement, marker: string) => {
        const doc = element.contentDocument!;
        const script = doc.createElement('script');
        script.textContent = `top.${marker} = (top.${marker} || []).concat('script')`;
        doc.body.append(script);
        doc.body.insertAdjacentHTML(
          'beforeend',
          `<img alt="" src="data:image/png;base64,AAAA" onerror="top.${marker} = (top.${marker} || []).concat('handler'); alert('${marker}')">`,
        );
        const image = doc.body.lastElementChild!;
        // This listener is the app page's own code, so it runs after the handler would have.
        return new Promise<unknown>((resolve) =>
          image.addEventListener('error', () => resolve((window as unknown as Record<string, unknown>)[marker] ?? null), { once: true }),
        );
      };
      const findFrame = (root: Document | ShadowRoot): HTMLIFrameElement | undefined => {
        for (const element of root.querySelectorAll('*')) {
          if (element instanceof HTMLIFrameElement && element.title === 'Article text') return element;
          const inside = element.shadowRoot && findFrame(element.shadowRoot);
          if (inside) return inside;
        }
        return undefined;
      };
      // With CSP off, the same injection does run in a frame that allows scripts: the check can see it.
      const control = document.createElement('iframe');
      control.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-modals');
      document.body.append(control);
      const controlRan = await inject(control, '__controlRan');
      control.remove();
      return { controlRan, articleRan: await inject(findFrame(document)!, '__pwned') };
    });
    expect(seen.controlRan).toEqual(['script', 'handler']);
    expect(seen.articleRan).toBeNull();
    expect(await pwnedAnywhere(page)).toEqual([]);
    expect(dialogs).toEqual(['__controlRan']);
    await expect(articleBody(page).locator('body')).toContainText('Two journalists were detained on Monday.');
  });
});
