import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expectLocked, PASSPHRASE, turnLockOn } from './helpers/lock.ts';
import { test, expect } from './helpers/fixtures.ts';

async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing on the lock settings, the lock screen, the wipe dialog and the wiped screen (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page.getByRole('list', { name: 'Library' })).toBeVisible();
    await turnLockOn(page);
    expect(await violations(page), 'settings with the lock on').toEqual([]);
    await page.reload();
    await expectLocked(page);
    await page.getByText('Forgot the passphrase?').click();
    expect(await violations(page), 'lock screen').toEqual([]);
    await page.getByRole('button', { name: 'Wipe everything…' }).click();
    await expect(page.getByRole('dialog', { name: 'Wipe everything?' })).toBeVisible();
    expect(await violations(page), 'wipe dialog').toEqual([]);
    await page.getByRole('dialog', { name: 'Wipe everything?' }).getByRole('button', { name: 'Wipe everything' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nothing is stored here' })).toBeVisible();
    expect(await violations(page), 'wiped screen').toEqual([]);
  });
}

test.describe(() => {
  test.use({ locale: 'fa-IR' });

  test('in Persian, the lock, discreet mode and the wipe speak Persian, read from the right, and axe finds nothing', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('link', { name: 'تنظیمات' }).click();
    const lock = page.getByRole('group', { name: 'قفل کتابخانه' });
    await lock.getByLabel('عبارت عبور', { exact: true }).fill(PASSPHRASE);
    await lock.getByLabel('تکرار عبارت عبور').fill(PASSPHRASE);
    await lock.getByLabel('مدت بی‌استفاده ماندن پیش از قفل شدن').selectOption({ label: '۱ دقیقه' });
    await lock.getByRole('button', { name: 'روشن کردن قفل' }).click();
    await expect(lock.getByRole('status')).toHaveText('قفل روشن است. همه چیز در کتابخانه رمزگذاری شده است.', { timeout: 30_000 });
    await expect(lock).toContainText('پس از ۱ دقیقه استفاده نکردن');
    await page.getByRole('checkbox', { name: 'با نام «یادداشت‌ها» و نمادی ساده' }).check();
    await expect(page).toHaveTitle('یادداشت‌ها');
    expect(await violations(page), 'settings with the lock on').toEqual([]);

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'قفل است' })).toBeVisible();
    // Mirrored: the field starts at the right, and its button is to its left.
    const field = await page.getByLabel('عبارت عبور').boundingBox();
    const button = await page.getByRole('button', { name: 'باز کردن قفل' }).boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(field!.x + 1);
    await page.getByText('عبارت عبور را فراموش کرده‌اید؟').click();
    expect(await violations(page), 'lock screen').toEqual([]);

    await page.getByRole('button', { name: 'پاک کردن همه چیز…' }).click();
    const dialog = page.getByRole('dialog', { name: 'همه چیز پاک شود؟' });
    await expect(dialog).toContainText('این کار برگشت‌پذیر نیست.');
    expect(await violations(page), 'wipe dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'پاک کردن همه چیز', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'اینجا چیزی نگه داشته نمی‌شود' })).toBeVisible();
    await expect(page.getByText(/^پاک‌شده‌ها: /)).toContainText('کتابخانه (۱ مقاله،');
    await expect(page.getByText(/^پاک‌شده‌ها: /)).toContainText('۱ سرویس‌ورکر');
    await expect(page).toHaveTitle('یادداشت‌ها');
    expect(await violations(page), 'wiped screen').toEqual([]);
  });
});
