import { expect, type Page } from '@playwright/test';

export const PASSPHRASE = 'seven quiet rivers at dawn';

/** Turns the library lock on in Settings, as a reader would. */
export async function turnLockOn(page: Page, { passphrase = PASSPHRASE, idle = '5 minutes' } = {}): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  const lock = page.getByRole('group', { name: 'Library lock' });
  await lock.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await lock.getByLabel('Passphrase again').fill(passphrase);
  await lock.getByLabel('Lock after this long without use').selectOption({ label: idle });
  await lock.getByRole('button', { name: 'Turn the lock on' }).click();
  await expect(lock.getByRole('status')).toHaveText('The lock is on. Everything in the library is encrypted.', { timeout: 30_000 });
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** The lock screen, and nothing of the library. */
export async function expectLocked(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Locked' })).toBeVisible();
  await expect(page).toHaveTitle('Locked');
  await expect(page.getByRole('list', { name: 'Library' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
}

/** Changes the lock's passphrase in Settings, as a reader would. */
export async function changePassphrase(page: Page, current: string, next: string): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  const lock = page.getByRole('group', { name: 'Library lock' });
  await lock.getByText('Change the passphrase', { exact: true }).click();
  await lock.getByLabel('Current passphrase').fill(current);
  await lock.getByLabel('New passphrase', { exact: true }).fill(next);
  await lock.getByLabel('New passphrase again').fill(next);
  await lock.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(lock.getByRole('status')).toHaveText(
    'The passphrase is changed. Everything in the library is as it was; use the new passphrase from now on.',
    { timeout: 30_000 },
  );
}
