import type { Page } from '@playwright/test';
import type { Article } from '../src/shared/article.ts';
import { contentVectors, textFieldVectors } from './attacks/vectors.ts';
import { bundleFile, draftArticle, htmlFile, importReport, importThroughPicker, libraryItem, newPublisherKey, signed, unsignedArticle } from './helpers/bundles.ts';
import { test, expect } from './helpers/fixtures.ts';
import { articleBody } from './helpers/reader.ts';
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

/** A page saved from a hostile site: every vector in its body, and more in its head. */
function attackPage(tracker: string): string {
  const texts = textFieldVectors(tracker);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>Hostile saved page ${texts[0]}</title>
    <base href="${tracker}/">
    <meta http-equiv="refresh" content="0;url=${tracker}/head-refresh">
    <meta name="author" content="${texts[2]!.replace(/"/g, '&quot;')}">
    <meta property="og:site_name" content="javascript:alert(1)">
    <link rel="canonical" href="javascript:alert(1)">
    <link rel="stylesheet" href="${tracker}/head.css">
    <script src="${tracker}/head.js"></script>
    <script>top.__pwned = 1</script>
    </head><body onload="top.__pwned=1"><article><h1>Hostile saved page</h1>
    <p>${'This page was saved from a site that attacks its readers. '.repeat(8)}</p>
    ${contentVectors(tracker).map((vector, index) => `<p>Vector ${index + 1}:</p>${vector}`).join('\n')}
    </article></body></html>`;
}

/** What must never be found in the article's frame, however it got there. */
async function leftovers(page: Page): Promise<string[]> {
  return articleBody(page)
    .locator('html')
    .evaluate((root) => {
      const found: string[] = [];
      const forbidden = 'script, iframe, frame, frameset, object, embed, applet, form, input, button, textarea, select, base, meta:not([name="referrer"]), link:not([href="/article-frame.css"]), style, svg, math, template, noscript, portal, fencedframe';
      for (const element of root.querySelectorAll(forbidden)) found.push(`<${element.localName}>`);
      // The head holds only what the app put there (checked above); the article is the body.
      for (const element of [root.querySelector('body')!, ...root.querySelectorAll('body *')]) {
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (name.startsWith('on')) found.push(`${element.localName}[${name}]`);
          if (/^(javascript|vbscript|data):/.test(value) && name !== 'title') found.push(`${element.localName}[${name}=${value.slice(0, 30)}]`);
          if (['style', 'srcset', 'ping', 'background', 'formaction', 'action', 'xlink:href', 'id', 'name'].includes(name)) found.push(`${element.localName}[${name}]`);
        }
      }
      return found;
    });
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
  await body.locator('body').focus().catch(() => undefined);
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

test('175 attack vectors in every field of bundles and saved pages: nothing runs, nothing leaks, the app works on', async ({ page }) => {
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
    await expect(report.getByText(/unsafe parts? \(such as scripts\), which Pamphlet will never show or run/)).toHaveCount(articles.length + 1);

    const titles = [...articles.map((article) => article.title), 'Hostile saved page'];
    for (const title of titles) {
      await page.getByRole('link', { name: 'Library' }).click();
      await libraryItem(page, title).getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(articleBody(page).locator('body')).toContainText(/Vector \d+:/);
      await handle(page);
      expect(await leftovers(page), title).toEqual([]);
    }
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
