import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expectLocked, turnLockOn } from './helpers/lock.ts';
import { test, expect } from './helpers/fixtures.ts';

async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing on the lock settings, the lock screen, the wipe dialog and the wiped screen (${colorScheme})`, async ({ page }) => {
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
