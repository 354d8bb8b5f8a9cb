import { test, expect } from './helpers/fixtures.ts';
import type { Page } from '@playwright/test';
import { SAMPLE_TITLE } from './helpers/sample.ts';

async function manifestOf(
  page: Page,
): Promise<{ href: string; name: string; short_name: string; id?: string; start_url: string; icons: Array<{ src: string }> }> {
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = (await (await page.request.get(href!)).json()) as {
    name: string;
    short_name: string;
    id?: string;
    start_url: string;
    icons: Array<{ src: string }>;
  };
  return { href: href!, ...manifest };
}

test('discreet mode names the app “Notes” with a plain icon, in the tab, the manifest and the share sheet, across restarts', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  expect((await manifestOf(page)).name).toBe('Pamphlet');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('checkbox', { name: 'Go by “Notes”, with a plain icon' }).check();
  await expect(page).toHaveTitle('Notes');
  const manifest = await manifestOf(page);
  // The same app to the browser (its start URL, with no id of its own), under another name.
  expect(manifest).toMatchObject({
    href: `${new URL(page.url()).origin}/manifest-discreet.webmanifest`,
    name: 'Notes',
    short_name: 'Notes',
    start_url: './',
  });
  expect(manifest.id).toBeUndefined();
  for (const icon of manifest.icons) {
    expect(icon.src).toMatch(/^icons\/discreet-/);
    expect((await page.request.get(new URL(icon.src, manifest.href).href)).ok()).toBe(true);
  }
  // The tab's icon is in the page itself (a data: URL: never a request), and it is the plain one.
  const { TAB_ICONS } = await import('../src/discreet/tab-icons.ts');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', TAB_ICONS.discreet);

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Go by “Notes”, with a plain icon' })).toBeChecked();
  await expect(page).toHaveTitle('Notes');
  expect((await manifestOf(page)).name).toBe('Notes');
  await page.getByRole('link', { name: 'Library' }).click();
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('article')).toBeVisible();
  await expect(page).toHaveTitle('Notes');

  // What the share sheet would get: no title, and a file name that names nothing.
  await page.evaluate(() => {
    const shared: unknown[] = [];
    (window as unknown as { shared: unknown[] }).shared = shared;
    Object.defineProperty(navigator, 'canShare', { configurable: true, value: () => true });
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: (data: ShareData) => Promise.resolve(void shared.push({ title: data.title, names: data.files?.map((file) => file.name) })),
    });
  });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shared: unknown[] }).shared))
    .toEqual([{ title: undefined, names: [expect.stringMatching(/^note-\d{4}-\d\d-\d\d\.html$/)] }]);

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('checkbox', { name: 'Go by “Notes”, with a plain icon' }).uncheck();
  await expect(page).toHaveTitle('Settings · Pamphlet');
  expect((await manifestOf(page)).name).toBe('Pamphlet');
});

test('a wipe in discreet mode keeps the neutral name without storing anything, and starting again stays discreet', async ({ page }) => {
  await page.goto('/?screen=settings');
  await page.getByRole('checkbox', { name: 'Go by “Notes”, with a plain icon' }).check();
  await page.getByRole('button', { name: 'Wipe everything…' }).click();
  await page.getByRole('dialog', { name: 'Wipe everything?' }).getByRole('button', { name: 'Wipe everything' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nothing is stored here' })).toBeVisible();
  await expect(page).toHaveTitle('Notes');
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  await page.reload();
  await expect(page).toHaveTitle('Notes');
  expect((await manifestOf(page)).name).toBe('Notes');
  await page.getByRole('button', { name: 'Start again' }).click();
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await expect(page).toHaveTitle('Notes');
  expect(page.url()).not.toContain('discreet');
});
