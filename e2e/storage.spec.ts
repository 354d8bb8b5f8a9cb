import { DB_VERSION } from '../src/shared/db-schema.ts';
import { test, expect } from './helpers/fixtures.ts';

test('another tab upgrading the database gets its way, and this tab asks to be reloaded', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Library' })).toBeVisible();

  // A tab of a newer version, here a bare page of the same origin that opens the next schema version.
  const newer = await context.newPage();
  await newer.goto('/manifest.webmanifest');
  const upgraded = await newer.evaluate(
    (version) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('pamphlet', version);
        request.onsuccess = () => {
          const version = request.result.version;
          request.result.close();
          resolve(version);
        };
        request.onerror = () => reject(request.error);
        request.onblocked = () => setTimeout(() => reject(new Error('still blocked after 5 s')), 5000);
      }),
    DB_VERSION + 1,
  );
  expect(upgraded).toBe(DB_VERSION + 1);

  const notice = page.getByRole('alert');
  await expect(notice).toContainText('A newer version of Pamphlet was opened in another tab. Reload this tab to keep reading.');
  await expect(notice.getByRole('button', { name: 'Reload' })).toBeVisible();
});
