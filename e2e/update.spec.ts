import { NEXT_DIST, type AppServer } from './helpers/app-server.ts';
import { test, expect, expectNoProblems } from './helpers/fixtures.ts';
import { articleStyled } from './helpers/reader.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

type Page = import('@playwright/test').Page;

async function buildIdShown(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Settings' }).click();
  return (await page.locator('[data-build-id]').textContent()) ?? '';
}

/** A mark on this very page: it lasts only as long as the page is not reloaded. */
async function markPage(tab: Page): Promise<void> {
  await tab.evaluate(() => document.documentElement.setAttribute('data-still-here', 'yes'));
}
const notReloaded = (tab: Page) => expect(tab.locator('html')).toHaveAttribute('data-still-here', 'yes');
const reloaded = (tab: Page) => expect(tab.locator('html')).not.toHaveAttribute('data-still-here', 'yes');

/** Opens the sample from the library and waits until it is laid out for reading. */
async function readSample(tab: Page): Promise<void> {
  await tab.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(tab.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await articleStyled(tab);
}

/** Serves the next build; the browser looks for a new service worker now and then, so ask it to look now. */
async function deployNext(server: AppServer, tab: Page): Promise<void> {
  await server.restart(NEXT_DIST);
  await tab.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
}

const updatePrompt = (tab: Page) => tab.getByRole('status').filter({ hasText: 'A new version of Pamphlet is ready.' });

test('a new deployment waits for the reader, then reloads into the new version with the library intact', async ({ page, server }) => {
  await page.goto('/');
  await waitForOfflineReady(page);
  const oldBuild = await buildIdShown(page);
  expect(oldBuild).not.toBe('e2e-next');
  await page.getByRole('radio', { name: 'Sepia' }).check();

  await page.getByRole('link', { name: 'Library' }).click();
  await readSample(page);
  await markPage(page);

  await deployNext(server, page);
  await expect(updatePrompt(page)).toBeVisible();
  // Nothing took over: the reader is still on the same page, reading.
  await notReloaded(page);
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();

  await updatePrompt(page).getByRole('button', { name: 'Reload to update' }).click();
  await reloaded(page);
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  expect(await buildIdShown(page)).toBe('e2e-next');
  await expect(page.getByRole('radio', { name: 'Sepia' })).toBeChecked();
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Library' })).toContainText('Read');
});

test('with two tabs open on the old version, updating from one leaves the other reading, and it reloads into the new version too', async ({
  page,
  context,
  server,
}) => {
  await page.goto('/');
  await waitForOfflineReady(page);
  await markPage(page);
  const other = await context.newPage();
  await other.goto('/');
  await readSample(other);
  await markPage(other);

  await deployNext(server, page);
  await expect(updatePrompt(page)).toBeVisible();
  await expect(updatePrompt(other)).toBeVisible();

  await updatePrompt(page).getByRole('button', { name: 'Reload to update' }).click();
  // Settings opened before the reload would still show the old build.
  await reloaded(page);
  expect(await buildIdShown(page)).toBe('e2e-next');
  // The other tab was not reloaded under its reader, and still works on its own code.
  await notReloaded(other);
  await expect(other.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await other.getByRole('link', { name: 'Library' }).click();
  await expect(other.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(1);

  // Its own prompt still takes it to the new version, though the update has already happened.
  await updatePrompt(other).getByRole('button', { name: 'Reload to update' }).click();
  await reloaded(other);
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
    expect(
      problems.consoleErrors.filter((error) => !/404/.test(error)),
      'console errors besides the old chunk’s 404',
    ).toEqual([]);
    expectNoProblems({ ...problems, consoleErrors: [] });
  });
});
