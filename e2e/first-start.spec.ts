import { articleBody } from './helpers/reader.ts';
import { test, expect } from './helpers/fixtures.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

test('first start shows the built-in sample in the library', async ({ page }) => {
  await page.goto('/');
  const library = page.getByRole('list', { name: 'Library' });
  await expect(library.getByRole('listitem')).toHaveCount(1);
  const item = library.getByRole('listitem').first();
  await expect(item.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await expect(item).toContainText('RFE/RL (Radio Free Europe/Radio Liberty)');
  await expect(item).toContainText('Sep 18, 2016');
  await expect(item).toContainText('English');
  await expect(item).toContainText('Unread');
  await expect(item).toContainText('Tensions between Russian and U.S. diplomats');
});

test('opening the sample shows the whole report without the page chrome, and marks it read', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  // The address names the article by a token, never by its public id (see e2e/traces.spec.ts).
  await expect(page).toHaveURL(/\/\?read=[A-Za-z0-9_-]{22}$/);
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(SAMPLE_TITLE);
  await expect(article).toHaveAttribute('lang', 'en');
  await expect(article).toHaveAttribute('dir', 'ltr');
  const body = articleBody(page);
  await expect(body.getByRole('figure')).toContainText('at the UN Security Council in 2014.');
  await expect(body.locator('body')).toContainText('Churkin said the air strikes left "a very big question mark"');
  await expect(body.locator('body')).toContainText('With reporting by Reuters, AP, AFP, dpa, TASS, and Interfax');
  for (const chrome of ['Accessibility links', 'Breaking News', '16x9 Image', 'undesirable organization', 'To find out more']) {
    await expect(article).not.toContainText(chrome);
    await expect(body.locator('body')).not.toContainText(chrome);
  }
  await expect(page).toHaveTitle(`${SAMPLE_TITLE} · Pamphlet`);

  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem').first()).toContainText('Read');
  await expect(page.getByRole('list', { name: 'Library' })).not.toContainText('Unread');
});

test('each screen has its own URL: reload and back/forward land on the same screen', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/\?screen=settings$/);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  // Screens are the app's folder with a query; a query naming no screen is a page of its own.
  await page.goto('/?screen=no-such-screen');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the library' }).click();
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  // An address from when screens were paths (a bookmark, an installed app's shortcut) still lands there.
  await page.goto('/settings#wipe');
  await expect(page).toHaveURL(/\/\?screen=settings$/);
  await expect(page.getByRole('dialog', { name: 'Wipe everything?' })).toBeVisible();
});
