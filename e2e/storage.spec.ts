import { buildSync } from 'esbuild';
import { DB_VERSION } from '../src/shared/db-schema.ts';
import { ROOT } from './helpers/app-server.ts';
import { test, expect } from './helpers/fixtures.ts';
import { upgradeLibraryDatabase } from './helpers/library-database.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

test('another tab upgrading the database gets its way, and this tab asks to be reloaded', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Library' })).toBeVisible();

  // A tab of a newer version, here a bare page of the same origin that opens the next schema version.
  const newer = await context.newPage();
  await newer.goto('/manifest.webmanifest');
  const upgraded = await upgradeLibraryDatabase(newer, DB_VERSION + 1);
  expect(upgraded).toBe(DB_VERSION + 1);

  const notice = page.getByRole('alert');
  await expect(notice).toContainText('A newer version of Pamphlet was opened in another tab. Reload this tab to keep reading.');
  await expect(notice.getByRole('button', { name: 'Reload' })).toBeVisible();
});

/**
 * The previous schema version, made as that version of the app made it (the same upgrade steps, up
 * to that version, in the origin's default storage, where versions before storage buckets kept the
 * library), by a script put in the page before it loads: the app's CSP refuses a script
 * any other way, and a page of another context would not share the origin's storage.
 */
function olderVersionOpener(): string {
  const { outputFiles } = buildSync({
    stdin: {
      contents: `import { openDB } from 'idb';
        import { upgradeDatabase } from './src/shared/db-schema.ts';
        // Holds its connection and, like a tab of an old app, never lets go when asked.
        globalThis.openOlderVersion = (version) => openDB('pamphlet', version, { upgrade: upgradeDatabase }).then((db) => { globalThis.heldOpen = db; });`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return outputFiles[0]!.text;
}

test('a tab of an older version that holds the database on is named, and the upgrade finishes once it lets go', async ({
  page,
  context,
}) => {
  const older = await context.newPage();
  await older.addInitScript({ content: olderVersionOpener() });
  await older.goto('/manifest.webmanifest');
  await older.evaluate(
    (version) => (globalThis as unknown as { openOlderVersion: (version: number) => Promise<void> }).openOlderVersion(version),
    DB_VERSION - 1,
  );

  await page.goto('/');
  const notice = page.getByRole('alert');
  await expect(notice).toContainText(
    'Pamphlet is updating its storage, but another Pamphlet tab still has the old version open. Close or reload the other tabs to finish.',
  );
  // Nothing was stored in the meantime, and nothing failed: the app waits.
  await expect(page.getByText('The library could not be opened')).toHaveCount(0);

  await older.evaluate(() => (globalThis as unknown as { heldOpen: { close(): void } }).heldOpen.close());
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await expect(page.getByText('Pamphlet is updating its storage')).toHaveCount(0);
});
