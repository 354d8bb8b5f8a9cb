import type { Page } from '@playwright/test';
import type { Article } from '../src/shared/article.ts';
import { sha256Hex } from '../src/shared/sha256.ts';
import { test, expect } from './helpers/fixtures.ts';
import { addToFirstStartSamples, encodeBundle } from './helpers/fixture-articles.ts';
import { articleBody, articleStyled } from './helpers/reader.ts';
import { turnLockOn, unlock } from './helpers/lock.ts';

async function article(guid: string, fields: Partial<Article>): Promise<Article> {
  return {
    id: await sha256Hex(guid),
    guid,
    revision: 1,
    title: '',
    publisher: { name: 'Test Desk' },
    lang: 'en',
    dir: 'ltr',
    content: '',
    ...fields,
  };
}

/** B, published at a web address; A links to it (as another site might write the address) and to a page not stored. */
async function linkedPair() {
  const b = await article('urn:pamphlet:test:b', {
    title: 'The story linked to',
    url: 'https://news.example/2026/12/linked-story',
    published: '2026-12-01',
    content: '<p>The linked story’s own text.</p>',
  });
  const a = await article('urn:pamphlet:test:a', {
    title: 'The story that links',
    published: '2026-12-02',
    content:
      '<p>As we reported <a href="http://www.news.example/2026/12/linked-story/?utm_source=feed">in an earlier story</a>, ' +
      'and as <a href="https://news.example/2026/12/not-stored">another page</a> says.</p>',
  });
  return { a, b };
}

/**
 * Chromium logs this when the test's mouse or keys reach into the sandboxed article frame, with or
 * without the app's own click listener there (checked by taking the listener out): the frame runs
 * no script, as it should.
 */
const SANDBOX_REPORT =
  /^Blocked script execution in 'about:blank' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\./;

async function openA(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await articleStyled(page);
}

test('a link to a stored article opens it in the reader, asking the network nothing; a link to one not stored opens the web as before', async ({
  page,
  problems,
}) => {
  problems.expectedConsoleErrors.push(SANDBOX_REPORT);
  const { a, b } = await linkedPair();
  await addToFirstStartSamples(page, { 'linked.html': encodeBundle([a, b], []) });
  await page.goto('/');
  await openA(page, a.title);

  const stored = articleBody(page).getByRole('link', { name: 'in an earlier story' });
  // Marked once the library is asked: named by the stored article's title, not the web host.
  await expect(stored).toHaveAttribute('title', b.title);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await stored.click();
  await expect(page.getByRole('heading', { level: 1, name: b.title })).toBeVisible();
  await expect(articleBody(page).locator('body')).toContainText('The linked story’s own text.');
  expect(requests, 'requests made to open the linked article').toEqual([]);
  await expect(page).toHaveURL(/[?&]read=/);

  // Back returns to the first article.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: a.title })).toBeVisible();

  // Not stored: a new tab at the web address, as every outside link opens.
  const unknown = articleBody(page).getByRole('link', { name: /another page/ });
  await expect(unknown).toHaveAttribute('target', '_blank');
  await expect(unknown).toContainText('(news.example)');
  problems.allowedOrigins.add('https://news.example');
  await page.context().route('https://news.example/**', (route) => route.fulfill({ body: 'elsewhere', contentType: 'text/plain' }));
  const popup = page.waitForEvent('popup');
  await unknown.click();
  expect((await popup).url()).toBe('https://news.example/2026/12/not-stored');
  await expect(page.getByRole('heading', { level: 1, name: a.title })).toBeVisible();
});

test('with the lock on, a link between stored articles still opens in the reader', async ({ page, problems }) => {
  problems.expectedConsoleErrors.push(SANDBOX_REPORT);
  const { a, b } = await linkedPair();
  await addToFirstStartSamples(page, { 'linked.html': encodeBundle([a, b], []) });
  await page.goto('/');
  await expect(page.getByRole('link', { name: a.title })).toBeVisible();
  await turnLockOn(page);
  await page.reload();
  await unlock(page);
  await page.getByRole('link', { name: 'Library' }).click();
  await openA(page, a.title);
  await articleBody(page).getByRole('link', { name: 'in an earlier story' }).click();
  await expect(page.getByRole('heading', { level: 1, name: b.title })).toBeVisible();
});
