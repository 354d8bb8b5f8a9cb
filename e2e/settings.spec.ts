import { test, expect } from './helpers/fixtures.ts';
import { storedRecord } from './helpers/library-database.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

test('theme and text size are kept across a reload', async ({ page }) => {
  await page.goto('/?screen=settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(18, 18, 18)');

  const size = page.getByRole('slider', { name: 'Text size' });
  await size.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(size).toHaveAttribute('aria-valuetext', '125%');
  // The screen changes at once and the store just after: reload only once it is stored.
  await expect.poll(() => storedRecord(page, 'settings', 'textScale')).toBe(1.25);

  await page.reload();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.getByRole('slider', { name: 'Text size' })).toHaveAttribute('aria-valuetext', '125%');
  await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(18, 18, 18)');

  await page.getByRole('link', { name: 'Library' }).click();
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  // 1.125rem at 16px, times 1.25.
  await expect(page.getByRole('article')).toHaveCSS('font-size', '22.5px');
});

test('the light, sepia and device themes each apply', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?screen=settings');
  await expect(page.getByRole('radio', { name: 'Same as the device' })).toBeChecked();
  await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(18, 18, 18)');
  await page.getByRole('radio', { name: 'Sepia' }).check();
  await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(244, 236, 216)');
  // Light on a dark device: the reader's choice wins over the device's.
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
});
