import { articleBody } from './helpers/reader.ts';
import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { addToFirstStartSamples, articleWithImage, encodeBundle } from './helpers/fixture-articles.ts';
import { PersistentProfile } from './helpers/profile.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

test('with the server stopped, the app, the library and every article still open', async ({ page, server, problems }) => {
  test.info().annotations.push({ type: 'offline' });
  const { article, image } = await articleWithImage();
  await addToFirstStartSamples(page, { 'image.html': encodeBundle([article], [image]) });
  await page.goto('/');
  await expect(page.getByRole('link', { name: article.title })).toBeVisible();
  await waitForOfflineReady(page);
  await page.unrouteAll();
  await server.stop();

  await page.reload();
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await page.goto('/');
  await page.getByRole('link', { name: article.title }).click();
  await expect(articleBody(page).getByRole('img', { name: 'The Pamphlet icon' })).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('Ready: the app and your library open without a network.')).toBeVisible();
  // A deep link typed or bookmarked while offline opens too.
  await page.goto('/?screen=settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expectNoProblems(problems, { offline: true });
});

test('after the browser restarts with the server stopped, the library and its articles open', async ({ server }) => {
  const profile = await PersistentProfile.create(server.url);
  try {
    const first = await profile.launch();
    const firstProblems = watchContext(first, () => server.url);
    const page = first.pages()[0] ?? (await first.newPage());
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    await waitForOfflineReady(page);
    await first.close();
    expectNoProblems(firstProblems);

    await server.stop();
    const second = await profile.launch();
    const secondProblems = watchContext(second, () => server.url);
    const reopened = second.pages()[0] ?? (await second.newPage());
    await reopened.goto('/');
    await reopened.getByRole('link', { name: SAMPLE_TITLE }).click();
    await expect(reopened.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
    await expect(articleBody(reopened).locator('body')).toContainText('With reporting by Reuters');
    // With its own typography, which no longer comes from the (stopped) server.
    const style = await articleBody(reopened)
      .locator('body')
      .evaluate((body) => ({ font: getComputedStyle(body).fontFamily, lineHeight: getComputedStyle(body).lineHeight }));
    expect(style.font).toMatch(/Georgia|serif/);
    expect(style.lineHeight).not.toBe('normal');
    await second.close();
    expectNoProblems(secondProblems, { offline: true });
  } finally {
    await profile.remove();
  }
});
