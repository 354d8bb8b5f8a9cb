import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** Backs the library up from Settings, as a reader would; the path of the file it saved. */
export async function backUp(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Settings' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up library' }).click();
  return await (await downloading).path();
}

/** The review a backup gets before anything of it is applied. */
export function restoreReview(page: Page) {
  return page.getByRole('region', { name: 'What this backup would change' });
}

/**
 * Chooses a backup in Settings and restores it, ticking the boxes whose label matches `tick`
 * (every box with 'all'; none by default, as the review starts).
 */
export async function restoreBackup(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
  tick: 'all' | RegExp[] = [],
): Promise<void> {
  await page.getByLabel('Restore').setInputFiles(file);
  const review = restoreReview(page);
  await expect(review).toBeVisible();
  const boxes = review.getByRole('checkbox');
  for (const box of await boxes.all()) {
    const label = (await box.locator('xpath=..').innerText()).trim();
    if (tick === 'all' || tick.some((pattern) => pattern.test(label))) await box.check();
  }
  await review.getByRole('button', { name: 'Restore now' }).click();
}
