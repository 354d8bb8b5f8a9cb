import { draftArticle, newPublisherKey, signed } from './helpers/bundles.ts';
import { articleBody } from './helpers/reader.ts';
import { test, expect } from './helpers/fixtures.ts';
import { addToFirstStartSamples, arabicArticle, articleWithImage, encodeBundle } from './helpers/fixture-articles.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

test('a right-to-left article is laid out right to left', async ({ page }) => {
  const article = await arabicArticle();
  await addToFirstStartSamples(page, { 'arabic.html': encodeBundle([article], []) });
  await page.goto('/');
  const link = page.getByRole('link', { name: article.title });
  await expect(link).toHaveAttribute('dir', 'rtl');
  await link.click();

  const reader = page.getByRole('article');
  await expect(reader).toHaveAttribute('lang', 'ar');
  await expect(reader).toHaveAttribute('dir', 'rtl');
  await expect(reader).toHaveCSS('direction', 'rtl');
  const heading = reader.getByRole('heading', { level: 1, name: article.title });
  // The heading's text hugs the right edge of the column and leaves room on the left.
  const layout = await heading.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const text = range.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return { textLeft: text.left, textRight: text.right, boxLeft: box.left, boxRight: box.right };
  });
  expect(Math.abs(layout.boxRight - layout.textRight)).toBeLessThan(2);
  expect(layout.textLeft - layout.boxLeft).toBeGreaterThan(20);
});

test('images come from IndexedDB, not the network', async ({ page }) => {
  const { article, image } = await articleWithImage();
  await addToFirstStartSamples(page, { 'image.html': encodeBundle([article], [image]) });
  await page.goto('/');
  const imageRequests: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'image' && !request.url().startsWith('blob:')) imageRequests.push(request.url());
  });
  await page.getByRole('link', { name: article.title }).click();
  const picture = articleBody(page).getByRole('img', { name: 'The Pamphlet icon' });
  await expect(picture).toBeVisible();
  await expect(picture).toHaveAttribute('src', /^blob:/);
  expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(192);
  expect(imageRequests).toEqual([]);
});

test('reading asks nothing of the network, nor of the app’s own server: opening articles one after another makes no request', async ({
  page,
}) => {
  const { article, image } = await articleWithImage();
  await addToFirstStartSamples(page, { 'image.html': encodeBundle([article], [image]) });
  await page.goto('/');
  // Once, so that the reader's code is loaded; from then on, reading is reading.
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(articleBody(page).locator('body')).toContainText('With reporting by Reuters');
  await page.getByRole('link', { name: 'Library' }).click();
  const requests: string[] = [];
  page.on('request', (request) => {
    if (!/^(blob|data):/.test(request.url())) requests.push(request.url());
  });
  for (const title of [article.title, SAMPLE_TITLE, article.title]) {
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(articleBody(page).locator('body')).not.toBeEmpty();
    // Styled by its own stylesheet: the reading font, not the browser's default.
    expect(
      await articleBody(page)
        .locator('body')
        .evaluate((body) => getComputedStyle(body).lineHeight),
    ).not.toBe('normal');
    await page.getByRole('link', { name: 'Library' }).click();
  }
  expect(requests).toEqual([]);
});

test('the reading position is restored when the article is opened again', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto('/');
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  const maxScroll = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  expect(maxScroll).toBeGreaterThan(1000);
  const target = Math.round(maxScroll * 0.6);
  await page.mouse.wheel(0, target);
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(target - 50);
  const scrolled = await page.evaluate(() => scrollY);

  // Away and back within the app, then across a reload.
  await page.getByRole('link', { name: 'Library' }).click();
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(scrolled - 40);
  expect(await page.evaluate(() => scrollY)).toBeLessThan(scrolled + 40);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(scrolled - 40);
  expect(await page.evaluate(() => scrollY)).toBeLessThan(scrolled + 40);
});

test('a phone-sized screen shows the library and the article without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('article')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('links in an article open outside the app, send nothing about the reader, and show where they go', async ({ page, context }) => {
  const article = await signed(
    draftArticle({
      title: 'An article with links',
      content: '<p>See <a href="https://www.example.org/report">the full report</a> and <a href="javascript:alert(1)">this</a>.</p>',
    }),
    await newPublisherKey(),
  );
  await addToFirstStartSamples(page, { 'links.html': encodeBundle([article], []) });
  await page.goto('/');
  await page.getByRole('link', { name: 'An article with links' }).click();
  const body = articleBody(page);
  const link = body.getByRole('link', { name: /the full report/ });
  await expect(link).toHaveText('the full report (www.example.org)');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(link).toHaveAttribute('title', 'https://www.example.org/report');
  // A script link is no link at all.
  await expect(body.getByText('this', { exact: true })).not.toHaveAttribute('href', /.*/);
  expect(context.pages()).toHaveLength(1);
});
