import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { checkSignature } from '../src/shared/signing.ts';
import type { Article } from '../src/shared/article.ts';
import { expectNoViolationsOnScreen } from './helpers/axe.ts';
import { backUp, restoreBackup } from './helpers/backup.ts';
import {
  bundleFile,
  draftArticle,
  importReport,
  importThroughPicker,
  libraryItem,
  newPublisherKey,
  showMoreActions,
  signed,
  trustInReport,
} from './helpers/bundles.ts';
import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { turnLockOn } from './helpers/lock.ts';
import { PersistentProfile } from './helpers/profile.ts';
import { tracesIn } from './helpers/profile-files.ts';
import { articleBody, articleStyled } from './helpers/reader.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

const TITLE = 'Journalists detained at the border';
const QUOTE = 'the charges against them were invented by the prosecutor';
const WORD = 'Ostrelvik';
const NOTE = 'Zembrolith: ask the lawyer about the hearing';

/** A long signed article (so that its highlight is far below its start), and the bundle carrying it. */
async function longArticle(): Promise<Article> {
  const filler = Array.from(
    { length: 40 },
    (_, at) => `<p>Paragraph ${at + 1} tells of the days before the arrest, in the town by the river.</p>`,
  );
  return signed(
    draftArticle({
      title: TITLE,
      content: `${filler.join('')}<p>Their colleagues say ${QUOTE}, and that the trial is a warning.</p><p>The ministry spokesman ${WORD} did not answer.</p>`,
    }),
    await newPublisherKey(),
  );
}

/**
 * Chromium logs this for mouse input that selects text in a frame that may not run script (the
 * article's), whoever listens: the frame's own refusal, seen with the app's listeners taken away too.
 */
const SANDBOXED_INPUT =
  /^Blocked script execution in 'about:blank' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\./;

/** Drags the mouse across `text` in the article, as a person selects it. */
async function selectByMouse(page: Page, text: string): Promise<void> {
  await articleBody(page).getByText(text).scrollIntoViewIfNeeded();
  const frame = (await page.getByTitle('Article text').boundingBox())!;
  const ends = await articleBody(page)
    .locator('body')
    .evaluate((body, wanted) => {
      const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(wanted);
        if (at === -1) continue;
        const range = body.ownerDocument.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const rects = [...range.getClientRects()];
        const [first, last] = [rects[0]!, rects.at(-1)!];
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      }
      throw new Error(`“${wanted}” is not in the article`);
    }, text);
  // The browser's own input events, as a mouse sends them: Playwright's page.mouse, given a move
  // with the button down, waits for a drag to start in every frame, and never hears back from a
  // frame that may not run script (the article's).
  const input = await page.context().newCDPSession(page);
  const at = (x: number, y: number) => ({ x: frame.x + x, y: frame.y + y, button: 'left' as const });
  await input.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at(ends.x1, ends.y1), button: 'none' });
  await input.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at(ends.x1, ends.y1), buttons: 1, clickCount: 1 });
  for (let step = 1; step <= 12; step++) {
    const [x, y] = [ends.x1 + ((ends.x2 - ends.x1) * step) / 12, ends.y1 + ((ends.y2 - ends.y1) * step) / 12];
    await input.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at(x, y), buttons: 1 });
  }
  await input.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at(ends.x2, ends.y2), buttons: 0, clickCount: 1 });
  await input.detach();
}

/** Whether `text` in the article is within the window (the frame is as tall as the article; the page scrolls). */
async function onScreen(page: Page, text: string): Promise<boolean> {
  const frame = (await page.getByTitle('Article text').boundingBox())!;
  const top = await articleBody(page)
    .getByText(text)
    .evaluate((element) => element.getBoundingClientRect().top);
  const height = await page.evaluate(() => window.innerHeight);
  return frame.y + top >= 0 && frame.y + top < height;
}

/** The passages painted as highlights in the article (the CSS Custom Highlight API's registry), by name. */
function painted(page: Page, name = 'pamphlet-highlight'): Promise<string[]> {
  return articleBody(page)
    .locator('body')
    .evaluate((body, highlight) => {
      const registry = (body.ownerDocument.defaultView as Window & typeof globalThis).CSS.highlights;
      return [...(registry.get(highlight) ?? [])].map((range) => (range as Range).toString()).sort();
    }, name);
}

function yourHighlights(page: Page) {
  return page.getByRole('list', { name: 'Your highlights' });
}

/** Imports the long article and opens it. */
async function openLongArticle(page: Page, article: Article): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await importThroughPicker(page, [bundleFile('long.html', [article])]);
  await libraryItem(page, TITLE).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await articleStyled(page);
}

/** Highlights QUOTE by mouse and keyboard, and notes it. */
async function highlightWithNote(page: Page): Promise<void> {
  await selectByMouse(page, QUOTE);
  const bar = page.getByRole('group', { name: 'Selected text' });
  await expect(bar).toBeVisible();
  // The bar comes right after the article in the tab order.
  await page.keyboard.press('Tab');
  await expect(bar.getByRole('button', { name: 'Highlight', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(bar).toBeHidden();
  const item = yourHighlights(page).getByRole('listitem').filter({ hasText: QUOTE });
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: 'Add note' }).click();
  await item.getByRole('textbox', { name: 'Note' }).fill(NOTE);
  await item.getByRole('button', { name: 'Save note' }).click();
  await expect(item).toContainText(NOTE);
}

test('a passage selected with the mouse is highlighted and noted, drawn again after a reload, listed under Highlights, and opens there', async ({
  page,
  problems,
}) => {
  problems.expectedConsoleErrors.push(SANDBOXED_INPUT);
  await openLongArticle(page, await longArticle());
  await expect(yourHighlights(page)).toBeHidden();
  await highlightWithNote(page);
  expect(await painted(page)).toEqual([QUOTE]);

  // A second one, with the bar's other button, which asks for its note at once.
  await selectByMouse(page, WORD);
  await page.getByRole('button', { name: 'Highlight and add a note' }).click();
  const note = page.getByRole('textbox', { name: 'Note' });
  await expect(note).toBeFocused();
  await note.fill('Who is he?');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(yourHighlights(page).getByRole('listitem')).toHaveCount(2);

  await page.reload();
  await expect(yourHighlights(page).getByRole('listitem')).toHaveCount(2);
  await expect(yourHighlights(page).getByRole('listitem').filter({ hasText: QUOTE })).toContainText(NOTE);
  await expect.poll(() => painted(page)).toEqual([QUOTE, WORD].sort());
  // Painted over the article, whose own text is as the publisher wrote it: no element was added.
  expect(await articleBody(page).locator('mark').count()).toBe(0);

  await page.getByRole('link', { name: 'Library' }).click();
  await showMoreActions(page);
  await page.getByRole('link', { name: 'Highlights and notes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Highlights' })).toBeVisible();
  const all = page.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
  await expect(all).toHaveCount(2);
  // Newest first.
  await expect(all.first()).toContainText(WORD);
  await expect(all.nth(1)).toContainText(QUOTE);
  await expect(all.nth(1)).toContainText(NOTE);
  await expectNoViolationsOnScreen(page, 'Highlights');

  await all.nth(1).getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page).toHaveURL(/[?&]highlight=/);
  await expect.poll(() => painted(page, 'pamphlet-highlight-current')).toEqual([QUOTE]);
  // Opened at the passage, forty paragraphs down, not at the top.
  await expect.poll(() => onScreen(page, QUOTE)).toBe(true);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
});

test('highlights survive a backup restored elsewhere; a deleted one is gone', async ({ page, browser, server, problems: here }) => {
  here.expectedConsoleErrors.push(SANDBOXED_INPUT);
  await openLongArticle(page, await longArticle());
  await highlightWithNote(page);
  const backup = await backUp(page);

  const fresh = await browser.newContext({ baseURL: server.url });
  const problems = watchContext(fresh, () => server.url);
  try {
    const other = await fresh.newPage();
    await other.goto('/?screen=settings');
    await restoreBackup(other, backup, 'all');
    await expect(other.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
    await other.getByRole('link', { name: 'Library' }).click();
    await libraryItem(other, TITLE).getByRole('link').first().click();
    const item = yourHighlights(other).getByRole('listitem').filter({ hasText: QUOTE });
    await expect(item).toContainText(NOTE);
    await expect.poll(() => painted(other)).toEqual([QUOTE]);
    await item.getByRole('button', { name: 'Delete highlight' }).click();
    await expect(yourHighlights(other)).toBeHidden();
    await other.reload();
    await expect(other.getByRole('heading', { level: 2, name: 'Your highlights' })).toBeVisible();
    await expect(yourHighlights(other)).toBeHidden();
    expect(await painted(other)).toEqual([]);
    expectNoProblems(problems);
  } finally {
    await fresh.close();
  }
});

test('exported with the highlights, the article is still the publisher’s, signed and verified; the notes travel beside it and are not taken in', async ({
  page,
  browser,
  server,
  problems: here,
}, testInfo) => {
  here.expectedConsoleErrors.push(SANDBOXED_INPUT);
  const article = await longArticle();
  await openLongArticle(page, article);
  await highlightWithNote(page);

  // The plain Export leaves the notes out.
  let downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  expect(await readFile(await (await downloading).path(), 'utf8')).not.toContain('Zembrolith');

  downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export with my highlights and notes' }).click();
  const path = testInfo.outputPath('with-notes.html');
  await (await downloading).saveAs(path);
  const decoded = await decodeBundle(await readFile(path, 'utf8'));
  expect(decoded.articles).toEqual([article]);
  expect(await checkSignature(decoded.articles[0]!)).toEqual({ status: 'signed', key: article.signature!.key });
  expect(JSON.stringify(decoded.articles)).not.toContain('Zembrolith');
  const carried = decoded.extensions.readerHighlights as {
    articles: Array<{ id: string; highlights: Array<{ quote: string; note: string }> }>;
  };
  expect(carried.articles).toEqual([{ id: article.id, revision: 1, highlights: [expect.objectContaining({ quote: QUOTE, note: NOTE })] }]);

  const fresh = await browser.newContext({ baseURL: server.url });
  const problems = watchContext(fresh, () => server.url);
  try {
    const other = await fresh.newPage();
    await other.goto('/');
    await expect(other.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    await importThroughPicker(other, [{ name: 'with-notes.html', mimeType: 'text/html', buffer: await readFile(path) }]);
    await trustInReport(other, 'Independent Test News');
    await expect(importReport(other)).toContainText(TITLE);
    await libraryItem(other, TITLE).getByRole('link').first().click();
    await expect(other.getByRole('article').locator('pamphlet-verdict')).toContainText('Verified');
    await expect(articleBody(other).getByText(QUOTE)).toBeVisible();
    // The sender's notes are nowhere: not in the article, not as this reader's own.
    await expect(other.locator('body')).not.toContainText('Zembrolith');
    await expect(articleBody(other).locator('body')).not.toContainText('Zembrolith');
    await expect(yourHighlights(other)).toBeHidden();
    expect(await painted(other)).toEqual([]);
    expectNoProblems(problems);
  } finally {
    await fresh.close();
  }
});

/** Every file of the profile but the browser's own records of where it went (traces.spec.ts). */
const OUTSIDE_BROWSER_RECORDS =
  /^(?!Default\/(History|Sessions|Visited Links|Top Sites|Shortcuts|Network Action Predictor|Current |Last ))/;

test('with the lock on, no note is in the profile’s files in clear', async ({ server }) => {
  const profile = await PersistentProfile.create(server.url);
  try {
    let browser = await profile.launch();
    let problems = watchContext(browser, () => server.url);
    problems.expectedConsoleErrors.push(SANDBOXED_INPUT);
    let page = browser.pages()[0] ?? (await browser.newPage());
    await openLongArticle(page, await longArticle());
    await waitForOfflineReady(page);
    await highlightWithNote(page);
    await browser.close();
    expectNoProblems(problems);
    // The check finds a note kept in clear.
    expect((await tracesIn(profile.dir, ['Zembrolith'], OUTSIDE_BROWSER_RECORDS)).map((trace) => trace.file).join()).toContain('IndexedDB');

    browser = await profile.launch();
    problems = watchContext(browser, () => server.url);
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto('/');
    await turnLockOn(page);
    await page.getByRole('link', { name: 'Library' }).click();
    await libraryItem(page, TITLE).getByRole('link').first().click();
    const item = yourHighlights(page).getByRole('listitem').filter({ hasText: QUOTE });
    await item.getByRole('button', { name: 'Edit note' }).click();
    await item.getByRole('textbox', { name: 'Note' }).fill('Quillorant: sealed as it is written');
    await item.getByRole('button', { name: 'Save note' }).click();
    await expect(item).toContainText('Quillorant');
    await browser.close();
    expectNoProblems(problems);
    expect(await tracesIn(profile.dir, ['Zembrolith', 'Quillorant', QUOTE], OUTSIDE_BROWSER_RECORDS)).toEqual([]);
  } finally {
    await profile.remove();
  }
});
