import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, expectNoProblems } from './helpers/fixtures.ts';
import { summarize } from './helpers/axe.ts';
import { articleBody, articleStyled } from './helpers/reader.ts';
import { backUp, restoreBackup } from './helpers/backup.ts';
import { storedRecord } from './helpers/library-database.ts';
import { turnLockOn, unlock } from './helpers/lock.ts';
import { addToFirstStartSamples, arabicArticle, encodeBundle } from './helpers/fixture-articles.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

/** The bundled face's name as the app registers it (src/shared/reading-look.ts). */
const READABLE = 'Pamphlet Atkinson Hyperlegible Next';
const READABLE_LABEL = 'Atkinson Hyperlegible (easier to tell letters apart)';

async function openSample(page: Page): Promise<void> {
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await articleStyled(page);
}

function lookPanel(page: Page) {
  return page.getByRole('group', { name: 'Reading look' });
}

async function openLook(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Reading look' }).click();
  await expect(lookPanel(page)).toBeVisible();
}

/** How the article's body text is laid out, read from the frame and the article around it. */
async function articleLook(page: Page) {
  const body = await articleBody(page)
    .locator('body')
    .evaluate((element, family) => {
      const style = getComputedStyle(element);
      const doc = element.ownerDocument;
      return {
        font: style.fontFamily,
        leading: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
        // The face is there and drawn from its bytes, not only named.
        faceLoaded: [...doc.fonts].some((face) => face.family.replace(/"/g, '') === family && face.status === 'loaded'),
        check: doc.fonts.check(`16px "${family}"`),
      };
    }, READABLE);
  const measure = await page.locator('pamphlet-reader article').evaluate((article) => {
    // The width of one "0" in the article's face and size: what 1ch is.
    const probe = document.createElement('span');
    probe.textContent = '0'.repeat(100);
    probe.style.whiteSpace = 'nowrap';
    article.append(probe);
    const ch = probe.getBoundingClientRect().width / 100;
    probe.remove();
    return parseFloat(getComputedStyle(article).maxWidth) / ch;
  });
  return { ...body, measure };
}

test('each reading look changes the article text at once, and stays after a reload', async ({ page }) => {
  const fontRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/fonts/')) fontRequests.push(request.url());
  });
  await page.goto('/');
  await openSample(page);
  const before = await articleLook(page);
  expect(before.font).toMatch(/^Georgia/);
  expect(before.faceLoaded).toBe(false);
  expect(before.measure).toBeCloseTo(66, 0);
  expect(before.leading).toBeCloseTo(1.65, 1);

  await openLook(page);
  const axe = await new AxeBuilder({ page })
    .include({ fromShadowDom: ['pamphlet-app', 'pamphlet-reader', 'pamphlet-reading-look-button'] })
    .analyze();
  expect(summarize(axe.violations), 'axe violations on the reading look panel').toEqual([]);
  expect(fontRequests, 'the bundled face is not asked for until chosen').toEqual([]);

  await lookPanel(page).getByRole('radio', { name: 'Sans-serif' }).check();
  await expect.poll(async () => (await articleLook(page)).font).toMatch(/^system-ui/);
  expect(fontRequests).toEqual([]);

  await lookPanel(page).getByRole('radio', { name: READABLE_LABEL }).check();
  await expect.poll(async () => (await articleLook(page)).faceLoaded).toBe(true);
  const readable = await articleLook(page);
  expect(readable.font).toContain(READABLE);
  expect(readable.check).toBe(true);
  expect(fontRequests.length).toBeGreaterThan(0);

  await lookPanel(page).getByRole('radio', { name: 'Narrow' }).check();
  await expect.poll(async () => Math.round((await articleLook(page)).measure)).toBe(50);
  await lookPanel(page).getByRole('radio', { name: 'Wide' }).check();
  await expect.poll(async () => Math.round((await articleLook(page)).measure)).toBe(80);

  await lookPanel(page).getByRole('radio', { name: 'Relaxed' }).check();
  await expect.poll(async () => (await articleLook(page)).leading).toBeCloseTo(1.9, 1);
  await lookPanel(page).getByRole('radio', { name: 'Compact' }).check();
  await expect.poll(async () => (await articleLook(page)).leading).toBeCloseTo(1.4, 1);

  // Escape closes the panel and gives focus back to its button.
  await lookPanel(page).getByRole('radio', { name: 'Compact' }).press('Escape');
  await expect(lookPanel(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Reading look' })).toBeFocused();

  await page.reload();
  await articleStyled(page);
  await expect.poll(async () => (await articleLook(page)).faceLoaded).toBe(true);
  const reloaded = await articleLook(page);
  expect(Math.round(reloaded.measure)).toBe(80);
  expect(reloaded.leading).toBeCloseTo(1.4, 1);
  await openLook(page);
  await expect(lookPanel(page).getByRole('radio', { name: READABLE_LABEL })).toBeChecked();
  await expect(lookPanel(page).getByRole('radio', { name: 'Wide' })).toBeChecked();
  await expect(lookPanel(page).getByRole('radio', { name: 'Compact' })).toBeChecked();
});

test('a right-to-left article keeps its own face and direction, with the chosen spacing and a quarter line for its marks', async ({
  page,
}) => {
  const article = await arabicArticle();
  await addToFirstStartSamples(page, { 'arabic.html': encodeBundle([article], []) });
  await page.goto('/?screen=settings');
  await page.getByRole('radio', { name: READABLE_LABEL }).check();
  await page.getByRole('radio', { name: 'Relaxed' }).check();
  await page.getByRole('link', { name: 'Library' }).click();
  await page.getByRole('link', { name: article.title }).click();
  await articleStyled(page);
  const look = await articleBody(page)
    .locator('body')
    .evaluate((body) => {
      const style = getComputedStyle(body);
      return { font: style.fontFamily, direction: style.direction, leading: parseFloat(style.lineHeight) / parseFloat(style.fontSize) };
    });
  expect(look.direction).toBe('rtl');
  // A face drawn for Arabic script first: the bundled one has no Arabic letters.
  expect(look.font).toMatch(/^"Noto Sans Arabic"/);
  expect(look.leading).toBeCloseTo(1.9 + 0.25, 1);
  const box = await page.locator('pamphlet-reader article').evaluate((element) => ({
    direction: getComputedStyle(element).direction,
    centred: Math.abs(element.getBoundingClientRect().left - (innerWidth - element.getBoundingClientRect().right)) < 2,
  }));
  expect(box).toEqual({ direction: 'rtl', centred: true });
});

test('with the server stopped, the chosen face still loads, from the service worker', async ({ page, server, problems }) => {
  test.info().annotations.push({ type: 'offline' });
  await page.goto('/');
  await waitForOfflineReady(page);
  await page.unrouteAll();
  await server.stop();

  // Chosen for the first time offline: the face was precached with the app.
  await page.reload();
  await openSample(page);
  await openLook(page);
  await lookPanel(page).getByRole('radio', { name: READABLE_LABEL }).check();
  await lookPanel(page).getByRole('radio', { name: 'Narrow' }).check();
  await expect.poll(async () => (await articleLook(page)).faceLoaded).toBe(true);
  await page.reload();
  await articleStyled(page);
  await expect.poll(async () => (await articleLook(page)).faceLoaded).toBe(true);
  expect(Math.round((await articleLook(page)).measure)).toBe(50);
  expectNoProblems(problems, { offline: true });
});

test('the reading look is sealed under the lock, and a backup brings it back', async ({ page }) => {
  await page.goto('/?screen=settings');
  await page.getByRole('radio', { name: 'Sans-serif' }).check();
  await page.getByRole('radio', { name: 'Wide' }).check();
  await page.getByRole('radio', { name: 'Compact' }).check();
  await expect.poll(() => storedRecord(page, 'settings', 'lineSpacing')).toBe('compact');

  await turnLockOn(page);
  for (const key of ['readingFont', 'lineWidth', 'lineSpacing'])
    await expect.poll(() => storedRecord<object>(page, 'settings', key), `${key} sealed`).toHaveProperty('sealed');

  // Locked, nothing shows the reader's choice; opened, it applies again.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Locked' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.readingFont)).toBe('serif');
  await unlock(page);
  await page.getByRole('link', { name: 'Library' }).click();
  await openSample(page);
  await expect.poll(async () => (await articleLook(page)).font).toMatch(/^system-ui/);

  const backup = await backUp(page);
  await page.getByRole('radio', { name: 'Serif', exact: true }).check();
  await page.getByRole('radio', { name: 'Medium' }).check();
  await page.getByRole('radio', { name: 'Normal' }).check();
  await restoreBackup(page, backup, 'all');
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Sans-serif' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Wide' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Compact' })).toBeChecked();
  await page.getByRole('link', { name: 'Library' }).click();
  await openSample(page);
  const look = await articleLook(page);
  expect(look.font).toMatch(/^system-ui/);
  expect(Math.round(look.measure)).toBe(80);
  expect(look.leading).toBeCloseTo(1.4, 1);
});
