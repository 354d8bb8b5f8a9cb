import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures.ts';
import { addToFirstStartSamples, arabicArticle, encodeBundle } from './helpers/fixture-articles.ts';

const SAMPLE_TITLE = 'Russia, U.S. Tensions Spill Over At UN Security Council Meeting';

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing on any screen (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const arabic = await arabicArticle();
    await addToFirstStartSamples(page, { 'arabic.html': encodeBundle([arabic], []) });
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    await expectNoViolations(page, 'library');
    await page.getByRole('link', { name: SAMPLE_TITLE }).click();
    await expect(page.getByRole('article')).toBeVisible();
    await expectNoViolations(page, 'reader');
    await page.goto('/');
    await page.getByRole('link', { name: arabic.title }).click();
    await expect(page.getByRole('article')).toHaveAttribute('dir', 'rtl');
    await expectNoViolations(page, 'reader (right to left)');
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expectNoViolations(page, 'settings');
    await page.getByRole('radio', { name: 'Sepia' }).check();
    await expectNoViolations(page, 'settings (sepia)');
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
      return { name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '', outline: style.outlineStyle, width: style.outlineWidth };
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
