import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures.ts';
import { expectNoViolationsOnScreen, summarize } from './helpers/axe.ts';
import { addToFirstStartSamples, arabicArticle, encodeBundle } from './helpers/fixture-articles.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

/**
 * axe on the screen, and on the article body: axe cannot run inside the sandboxed article frame
 * (nothing can), so the frame's document, styled as in the app, is checked on a page of its own.
 */
async function expectNoViolations(page: Page, screen: string): Promise<void> {
  await expectNoViolationsOnScreen(page, screen);
  const frame = page.getByTitle('Article text');
  if ((await frame.count()) === 0) return;
  const html = await frame
    .contentFrame()
    .locator('html')
    .evaluate((root) => root.outerHTML);
  const copy = await page.context().newPage();
  try {
    // Set as the page's content, not navigated to: the app's service worker would answer a
    // navigation on its origin with the app itself, and axe would check the app again.
    // Its stylesheet (constructed, adopted by the frame's document) written out inline.
    const styles = await frame
      .contentFrame()
      .locator('html')
      .evaluate((root) =>
        [...root.ownerDocument.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n'),
      );
    expect(styles, 'the frame has its stylesheet').toContain('font-family');
    const styled = html.replace('</head>', () => `<style>${styles}</style></head>`);
    await copy.setContent(`<!doctype html><title>Article text</title>${styled}`);
    // The frame sits inside the reader's main landmark, under its h1: the rules about a whole page's
    // landmarks and heading are checked on the reader itself.
    const copied = await new AxeBuilder({ page: copy }).disableRules(['landmark-one-main', 'page-has-heading-one', 'region']).analyze();
    expect(summarize(copied.violations), `axe violations in the article body on ${screen}`).toEqual([]);
  } finally {
    await copy.close();
  }
}

/** The names the screens are walked through by, in each language axe checks the UI in. */
const WORDS = {
  en: {
    locale: 'en-US',
    title: '',
    linkOrQr: 'Link or QR code',
    showQr: 'Show QR code',
    qrFor: /QR code for/,
    close: 'Close',
    sources: 'Sources',
    settings: 'Settings',
    sepia: 'Sepia',
    nearby: 'Nearby',
    sendArticles: 'Send articles',
    showCode: 'Show the code',
    nearbyCode: 'Nearby code for the other phone',
  },
  fa: {
    locale: 'fa-IR',
    title: ', Persian, right to left',
    linkOrQr: 'پیوند یا کد QR',
    showQr: 'نمایش کد QR',
    qrFor: /کد QR برای/,
    close: 'بستن',
    sources: 'منابع',
    settings: 'تنظیمات',
    sepia: 'سپیا',
    nearby: 'نزدیک',
    sendArticles: 'ارسال مقاله‌ها',
    showCode: 'نمایش کد',
    nearbyCode: 'کد نزدیک برای گوشی دیگر',
  },
} as const;

for (const words of Object.values(WORDS)) {
  test.describe(() => {
    test.use({ locale: words.locale });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`axe finds nothing on any screen (${colorScheme}${words.title})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        const arabic = await arabicArticle();
        await addToFirstStartSamples(page, { 'arabic.html': encodeBundle([arabic], []) });
        await page.goto('/');
        await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('dir', words.locale === 'fa-IR' ? 'rtl' : 'ltr');
        await expectNoViolations(page, 'library');
        await page.getByRole('link', { name: SAMPLE_TITLE }).click();
        await expect(page.getByRole('article')).toBeVisible();
        await expectNoViolations(page, 'reader');
        await page.goto('/');
        await page.getByRole('link', { name: arabic.title }).click();
        await expect(page.getByRole('article')).toHaveAttribute('dir', 'rtl');
        await expectNoViolations(page, 'reader (right to left)');
        await page.getByRole('button', { name: words.linkOrQr }).click();
        await page.getByRole('dialog').getByRole('button', { name: words.showQr }).click();
        await expect(page.getByRole('dialog').getByRole('img', { name: words.qrFor })).toBeVisible();
        await expectNoViolations(page, 'share dialog');
        await page.getByRole('dialog').getByRole('button', { name: words.close }).click();
        await page.getByRole('link', { name: words.sources }).click();
        await expect(page.getByRole('heading', { name: words.sources, level: 1 })).toBeVisible();
        await expectNoViolations(page, 'sources');
        await page.goto('/?screen=scan');
        await expect(page.getByRole('alert')).toBeVisible();
        await expectNoViolations(page, 'scan (no camera)');
        await page.getByRole('navigation').getByRole('link', { name: words.nearby }).click();
        await expect(page.getByRole('heading', { name: words.nearby, level: 1 })).toBeVisible();
        await page.getByRole('button', { name: words.sendArticles }).click();
        await expectNoViolations(page, 'nearby (what to send)');
        await page.getByRole('button', { name: words.showCode }).click();
        await expect(page.getByRole('img', { name: words.nearbyCode })).toBeVisible();
        await expectNoViolations(page, 'nearby (the code to scan)');
        await page.getByRole('link', { name: words.settings }).click();
        await expect(page.getByRole('heading', { name: words.settings, level: 1 })).toBeVisible();
        await expectNoViolations(page, 'settings');
        await page.getByRole('radio', { name: words.sepia }).check();
        await expectNoViolations(page, 'settings (sepia)');
      });
    }
  });
}

test('everything is reachable from the keyboard, with visible focus', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Library' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Sources' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Nearby' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Settings' })).toBeFocused();

  // On through the library's controls to the article, each one showing where the focus is.
  const reached: string[] = [];
  for (let step = 0; step < 12; step++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      if (!element) return undefined;
      const style = getComputedStyle(element);
      return {
        name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '',
        outline: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    expect(focused?.outline, `focus ring on ${focused?.name}`).toBe('solid');
    reached.push(focused!.name);
    if (focused!.name === SAMPLE_TITLE) break;
  }
  expect(reached).toContain('Import');
  expect(reached.at(-1)).toBe(SAMPLE_TITLE);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
});
