import type { Page } from '@playwright/test';
import { backUp } from './helpers/backup.ts';
import { bundleFile, draftArticle, importReport, importThroughPicker, newPublisherKey, signed } from './helpers/bundles.ts';
import { expectNoViolationsOnScreen } from './helpers/axe.ts';
import { articleWithImage } from './helpers/fixture-articles.ts';
import { test, expect } from './helpers/fixtures.ts';
import { turnLockOn, unlock } from './helpers/lock.ts';
import { doubleTextSize, expectFingerSizedTargets, expectNoSidewaysScroll } from './helpers/phone-layout.ts';
import { articleBody, articleStyled } from './helpers/reader.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';
import { standInSpeech } from './helpers/speech.ts';
import { translation } from './helpers/translations.ts';

/** Ten articles besides the sample, with titles as long as news titles are, imported with the button `importName`. */
async function libraryOfTen(page: Page, importName = 'Import'): Promise<string[]> {
  const key = await newPublisherKey();
  const titles = Array.from({ length: 9 }, (_, n) => `Regional council votes on the water budget after weeks of protests, report ${n + 1}`);
  const articles = await Promise.all(
    titles.map((title, n) => signed(draftArticle({ title, published: `2026-03-${String(n + 1).padStart(2, '0')}T08:00:00Z` }), key)),
  );
  await page.goto('/');
  if (importName === 'Import') await importThroughPicker(page, [bundleFile('ten.html', articles)]);
  else {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: importName, exact: true }).click();
    await (await chooser).setFiles([bundleFile('ten.html', articles)]);
  }
  await expect(page.getByRole('link', { name: titles[0]! })).toBeVisible();
  return [SAMPLE_TITLE, ...titles];
}

/** An article with what most often pushes a page sideways: a long address, a long word, a wide table, code, a large picture. */
async function wideArticle(): Promise<{ title: string; file: ReturnType<typeof bundleFile> }> {
  const { image } = await articleWithImage();
  const title = 'Budget tables, code and addresses that do not fit a phone';
  const columns = Array.from({ length: 8 }, (_, n) => `<td>Column ${n + 1} figure 1,234,567</td>`).join('');
  const content =
    '<p>The full report is at https://example.org/reports/2026/regional-council/water-budget/appendix-c/detailed-figures-by-district.html for anyone.</p>' +
    '<p>Rechtsschutzversicherungsgesellschaftenvergleichsportalbetreiber is one word.</p>' +
    `<table><tr>${columns}</tr><tr>${columns}</tr></table>` +
    '<pre>curl --header "Accept: application/json" https://example.org/api/v2/regional-council/water-budget/figures?district=all</pre>' +
    `<figure><img src="sha256:${image.hash}" alt="The Pamphlet icon" width="960" height="960"><figcaption>A picture wider than the screen.</figcaption></figure>`;
  const key = await newPublisherKey();
  const wide = await signed(draftArticle({ title, content }), key);
  return { title, file: bundleFile('wide.html', [wide], [image]) };
}

/** How many articles' titles are whole on the screen, without scrolling. */
async function titlesOnFirstScreen(page: Page): Promise<number> {
  const height = page.viewportSize()!.height;
  const links = page.getByRole('list', { name: 'Library' }).getByRole('heading', { level: 2 }).getByRole('link');
  let whole = 0;
  for (const link of await links.all()) {
    const box = await link.boundingBox();
    if (box && box.y >= 0 && box.y + box.height <= height) whole += 1;
  }
  return whole;
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('the first article is on the first screen, under two actions and a menu; selection actions only with a selection', async ({
    page,
  }) => {
    await libraryOfTen(page);
    await page.reload();
    const items = page.getByRole('list', { name: 'Library' }).getByRole('listitem');
    await expect(items).toHaveCount(10);
    await expect(page.getByRole('list', { name: 'Library' }).getByRole('link').first()).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(items.first().getByRole('link').first()).toBeInViewport({ ratio: 1 });
    expect(await titlesOnFirstScreen(page), 'articles whose title is whole on the first screen').toBeGreaterThanOrEqual(4);

    await expect(page.getByRole('button', { name: /^Export selected/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Share selected/ })).toHaveCount(0);
    await items.nth(1).getByRole('checkbox').check();
    await expect(page.getByRole('button', { name: 'Export selected (1)' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Share selected (1)' })).toBeVisible();
  });

  test('the rarer actions are one tap away, in More', async ({ page }) => {
    await page.goto('/');
    const more = page.getByRole('button', { name: 'More', exact: true });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('textbox', { name: 'Pamphlet link' })).toBeHidden();
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('textbox', { name: 'Pamphlet link' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export library' })).toBeVisible();
  });

  test('the filters wait behind a button that counts the ones in use; the search stays in sight', async ({ page }) => {
    await libraryOfTen(page);
    const filters = page.getByRole('button', { name: 'Filters', exact: true });
    await expect(filters).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('searchbox', { name: 'Search the library' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Verdict' })).toBeHidden();
    await filters.click();
    await expect(filters).toHaveAttribute('aria-expanded', 'true');
    await page.getByRole('combobox', { name: 'Verdict' }).selectOption({ label: 'Unknown publisher' });
    await page.getByRole('checkbox', { name: 'Unread only' }).check();
    const inUse = page.getByRole('button', { name: 'Filters (2)' });
    await expect(inUse).toBeVisible();
    await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(9);
    await inUse.click();
    await expect(inUse).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('combobox', { name: 'Verdict' })).toBeHidden();
    // Closed, the filters still choose: the list stays as they left it.
    await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(9);
  });

  test('everything a finger taps in the library and the reader is at least 44 pixels square, and axe finds nothing', async ({ page }) => {
    await libraryOfTen(page);
    await page.reload();
    await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(10);
    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('list', { name: 'Library' }).getByRole('checkbox').first().check();
    await expect(page.getByRole('button', { name: 'Share selected (1)' })).toBeVisible();
    await expectFingerSizedTargets(page, 'the library');
    await expectNoViolationsOnScreen(page, 'the library on a phone');

    await page.getByRole('link', { name: SAMPLE_TITLE }).click();
    await articleStyled(page);
    await expectFingerSizedTargets(page, 'the reader');
    await expectNoViolationsOnScreen(page, 'the reader on a phone');

    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expectFingerSizedTargets(page, 'Settings');
  });
});

test.describe('on a 320-pixel phone with the text twice its size', () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
  test.beforeEach(async ({ page }) => doubleTextSize(page));

  test('the library, its import report, its menus, a selection and the share dialog, and the deleted articles', async ({ page }) => {
    await libraryOfTen(page);
    // The text really is twice its size: the app sizes it in rem, which follows the browser's setting.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');
    await expect(importReport(page)).toBeVisible();
    await expectNoSidewaysScroll(page, 'the library with its import report');
    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('list', { name: 'Library' }).getByRole('checkbox').first().check();
    await expect(page.getByRole('button', { name: 'Share selected (1)' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the library with More, the filters and a selection');
    await expectFingerSizedTargets(page, 'the library with the text twice its size');

    await page.getByRole('button', { name: 'Share selected (1)' }).click();
    const dialog = page.getByRole('dialog', { name: /^Share/ });
    await dialog.getByRole('button', { name: 'Show QR code' }).click();
    await expect(dialog.getByRole('img', { name: /^QR code/ })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the share dialog');
    await expectFingerSizedTargets(page, 'the share dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('link', { name: 'Recently deleted (1)' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /deleted/i })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the deleted articles');
    await expectFingerSizedTargets(page, 'the deleted articles');
  });

  test('the reader, with a long address, a long word, a wide table, code and a large picture', async ({ page }) => {
    const { title, file } = await wideArticle();
    await page.goto('/');
    await importThroughPicker(page, [file]);
    await page.getByRole('link', { name: title }).click();
    await articleStyled(page);
    await expect(articleBody(page).getByRole('img', { name: 'The Pamphlet icon' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the reader');
    await expectFingerSizedTargets(page, 'the reader');
  });

  test('the reader’s tools (reading look, reading aloud, finding) and the Highlights screen', async ({ page }) => {
    await standInSpeech(page, [{ name: 'Device English', lang: 'en-US', localService: true }], 200);
    const { title, file } = await wideArticle();
    await page.goto('/');
    await importThroughPicker(page, [file]);
    await page.getByRole('link', { name: title }).click();
    await articleStyled(page);
    await page.getByRole('button', { name: 'Reading look' }).click();
    await expect(page.getByRole('group', { name: 'Reading look' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the reading look');
    await expectFingerSizedTargets(page, 'the reading look');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('group', { name: 'Reading look' })).toBeHidden();

    const tools = page.getByRole('region', { name: 'Reading tools' });
    await page.getByRole('button', { name: 'Read aloud' }).click();
    await expect(tools.getByRole('combobox', { name: 'Voice' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'reading aloud');
    await expectFingerSizedTargets(page, 'reading aloud');
    // The bar covers the foot of the screen: scrolled to the end, the article's last line is above
    // it. Scrolled again at each look: the frame takes its height from its content once laid out
    // (the doubled text, the voice list), so an end reached too early is not the end.
    await expect
      .poll(
        async () => {
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          const [frame, bar] = [await page.getByTitle('Article text').boundingBox(), await tools.boundingBox()];
          return frame!.y + frame!.height - (bar!.y + 1);
        },
        { message: 'the foot of the article, scrolled to the end, below the top of the bar by' },
      )
      .toBeLessThanOrEqual(0);
    await tools.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Find in article' }).click();
    await page.getByRole('searchbox', { name: 'Find in article' }).fill('table');
    await expectNoSidewaysScroll(page, 'finding in the article');
    await expectFingerSizedTargets(page, 'finding in the article');

    await page.goto('/?screen=highlights');
    await expect(page.getByRole('heading', { level: 1, name: 'Highlights' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the Highlights screen');
    await expectFingerSizedTargets(page, 'the Highlights screen');
  });

  test('Settings, every section, the wipe dialog, a backup’s review, the lock and its screen', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    const backup = await backUp(page);
    await page
      .locator('details > summary')
      .evaluateAll((summaries) => summaries.forEach((summary) => summary.parentElement!.setAttribute('open', '')));
    await expectNoSidewaysScroll(page, 'Settings');
    await expectFingerSizedTargets(page, 'Settings with the text twice its size');
    const lock = page.getByRole('group', { name: 'Library lock' });
    const passphrase = lock.getByLabel('Passphrase', { exact: true });
    // A passphrase is read back as it is typed: its field takes the width of the screen, not a few letters.
    const fieldWidth = (await passphrase.boundingBox())!.width;
    expect(fieldWidth, 'the passphrase field’s width').toBeGreaterThan(320 * 0.75);

    await page.getByLabel('Restore').setInputFiles(backup);
    await expect(page.getByRole('region', { name: 'What this backup would change' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'a backup’s review');
    await expectFingerSizedTargets(page, 'a backup’s review');

    await page.getByRole('button', { name: 'Wipe everything…' }).click();
    await expect(page.getByRole('dialog', { name: 'Wipe everything?' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the wipe dialog');
    await expectFingerSizedTargets(page, 'the wipe dialog');
    await page.keyboard.press('Escape');

    await turnLockOn(page);
    await expectNoSidewaysScroll(page, 'the lock’s settings');
    await expectFingerSizedTargets(page, 'the lock’s settings');
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Locked' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the lock screen');
    await expectFingerSizedTargets(page, 'the lock screen');
    expect((await page.getByLabel('Passphrase').boundingBox())!.width, 'the lock screen’s passphrase field’s width').toBeGreaterThan(
      320 * 0.75,
    );
    await unlock(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Locked' })).toHaveCount(0);
  });

  test('Sources, Scan, Nearby and the screen that receives a library', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    for (const [screen, heading] of [
      ['sources', 'Sources'],
      ['scan', 'Scan'],
      ['nearby', 'Nearby'],
      ['receive', /Receive/],
    ] as const) {
      await page.goto(`/?screen=${screen}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expectNoSidewaysScroll(page, screen);
      await expectFingerSizedTargets(page, `${screen} with the text twice its size`);
    }
  });
});

test.describe('on a 320-pixel phone in Arabic, right to left, with the text twice its size', () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true, locale: 'ar' });

  test('the library with its menus and a selection, an article and Settings stay within the screen', async ({ page }) => {
    const words = translation('ar');
    await doubleTextSize(page);
    // “Import” the button, not the report (a noun): the two are translated apart.
    await libraryOfTen(page, words.byId('s3914cb410fca44d4'));
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('button', { name: words.words('More'), exact: true }).click();
    await page.getByRole('button', { name: words.words('Filters'), exact: true }).click();
    await page
      .getByRole('list', { name: words.words('Library') })
      .getByRole('checkbox')
      .first()
      .check();
    await expectNoSidewaysScroll(page, 'the library in Arabic');
    await expectFingerSizedTargets(page, 'the library in Arabic');

    await page.getByRole('link', { name: SAMPLE_TITLE }).click();
    const body = page.getByTitle(words.words('Article text')).contentFrame().locator('body');
    await expect.poll(() => body.evaluate((element) => element.ownerDocument.adoptedStyleSheets.length)).toBeGreaterThan(0);
    await expectNoSidewaysScroll(page, 'an article, in the Arabic UI');

    await page.getByRole('link', { name: words.words('Settings') }).click();
    await expect(page.getByRole('heading', { level: 1, name: words.words('Settings') })).toBeVisible();
    await expectNoSidewaysScroll(page, 'Settings in Arabic');
  });
});
