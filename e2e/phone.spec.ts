import type { Page } from '@playwright/test';
import { bundleFile, draftArticle, importThroughPicker, libraryItem, newPublisherKey, signed } from './helpers/bundles.ts';
import { test, expect } from './helpers/fixtures.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

/** Ten articles besides the sample, with titles as long as news titles are. */
async function libraryOfTen(page: Page): Promise<string[]> {
  const key = await newPublisherKey();
  const titles = Array.from({ length: 9 }, (_, n) => `Regional council votes on the water budget after weeks of protests, report ${n + 1}`);
  const articles = await Promise.all(
    titles.map((title, n) => signed(draftArticle({ title, published: `2026-03-${String(n + 1).padStart(2, '0')}T08:00:00Z` }), key)),
  );
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('ten.html', articles)]);
  await expect(libraryItem(page, titles[0]!)).toBeVisible();
  return [SAMPLE_TITLE, ...titles];
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
});
