import { NEXT_DIST } from './helpers/app-server.ts';
import { test, expect, expectNoProblems } from './helpers/fixtures.ts';
import { articleStyled } from './helpers/reader.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';

const SAMPLE_TITLE = 'Russia, U.S. Tensions Spill Over At UN Security Council Meeting';

async function buildIdShown(page: import('@playwright/test').Page): Promise<string> {
  await page.getByRole('link', { name: 'Settings' }).click();
  return (await page.locator('[data-build-id]').textContent()) ?? '';
}

test('a new deployment waits for the reader, then reloads into the new version with the library intact', async ({ page, server }) => {
  await page.goto('/');
  await waitForOfflineReady(page);
  const oldBuild = await buildIdShown(page);
  expect(oldBuild).not.toBe('e2e-next');
  await page.getByRole('radio', { name: 'Sepia' }).check();

  await page.getByRole('link', { name: 'Library' }).click();
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await articleStyled(page);
  // A mark on this very page: it survives only as long as the page is not reloaded.
  await page.evaluate(() => document.documentElement.setAttribute('data-still-reading', 'yes'));

  await server.restart(NEXT_DIST);
  // The browser looks for a new service worker now and then; ask it to look now.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

  const prompt = page.getByRole('status').filter({ hasText: 'A new version of Pamphlet is ready.' });
  await expect(prompt).toBeVisible();
  // Nothing took over: the reader is still on the same page, reading.
  await expect(page.locator('html')).toHaveAttribute('data-still-reading', 'yes');
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();

  await prompt.getByRole('button', { name: 'Reload to update' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-still-reading', 'yes');
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  expect(await buildIdShown(page)).toBe('e2e-next');
  await expect(page.getByRole('radio', { name: 'Sepia' })).toBeChecked();
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Library' })).toContainText('Read');
});

test('with two tabs open on the old version, updating from one leaves the other reading, and it reloads into the new version too', async ({ page, context, server }) => {
  await page.goto('/');
  await waitForOfflineReady(page);
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(other.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await articleStyled(other);
  await other.evaluate(() => document.documentElement.setAttribute('data-still-reading', 'yes'));

  await server.restart(NEXT_DIST);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const prompt = (tab: typeof page) => tab.getByRole('status').filter({ hasText: 'A new version of Pamphlet is ready.' });
  await expect(prompt(page)).toBeVisible();
  await expect(prompt(other)).toBeVisible();

  // Wait for the reload itself: Settings opened before it would still show the old build.
  await page.evaluate(() => document.documentElement.setAttribute('data-before-update', 'yes'));
  await prompt(page).getByRole('button', { name: 'Reload to update' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-before-update', 'yes');
  expect(await buildIdShown(page)).toBe('e2e-next');
  // The other tab was not reloaded under its reader, and still works on its own code.
  await expect(other.locator('html')).toHaveAttribute('data-still-reading', 'yes');
  await expect(other.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await other.getByRole('link', { name: 'Library' }).click();
  await expect(other.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(1);

  // Its own prompt still takes it to the new version, though the update has already happened.
  await prompt(other).getByRole('button', { name: 'Reload to update' }).click();
  await expect(other.locator('html')).not.toHaveAttribute('data-still-reading', 'yes');
  expect(await buildIdShown(other)).toBe('e2e-next');
});

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('a screen whose code the new deployment removed says so and reloads, instead of going blank', async ({ page, server, problems }) => {
    test.info().annotations.push({ type: 'offline' });
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    // What loads after the first screen (the import panel, the service worker's bridge) is in,
    // so that the new deployment removes only what this tab has not loaded: the Settings screen.
    await page.waitForFunction(() => customElements.get('pamphlet-import-panel') !== undefined);
    await page.waitForLoadState('networkidle');
    await server.restart(NEXT_DIST);

    await page.getByRole('link', { name: 'Settings' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
    await expect(notice).toContainText('a newer version was published');
    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.locator('[data-build-id]')).toHaveText('e2e-next');
    // The only errors are the old chunk's 404.
    expect(problems.consoleErrors.filter((error) => !/404/.test(error)), 'console errors besides the old chunk’s 404').toEqual([]);
    expectNoProblems({ ...problems, consoleErrors: [] });
  });
});
